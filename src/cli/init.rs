//! `trackgen init`: write a commented starter `trackgen.yaml`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::Error;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Where to write it.
    #[arg(default_value = crate::config::FILE)]
    path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Error> {
    if args.path.exists() && !args.force {
        return Err(Error::Other(format!(
            "{} already exists; pass --force to overwrite it",
            args.path.display()
        )));
    }
    std::fs::write(&args.path, crate::config::STARTER).map_err(|source| Error::Io {
        path: args.path.to_string_lossy().into_owned(),
        source,
    })?;
    eprintln!("wrote {}", args.path.display());
    Ok(ExitCode::SUCCESS)
}
