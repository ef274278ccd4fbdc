//! `trackgen ir`: print the intermediate model.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::Error;

/// Output format of `trackgen ir`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Yaml,
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The spec file (Markdown, or the plain-text export form).
    spec: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "yaml")]
    format: Format,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Error> {
    let loaded = crate::load(&args.spec)?;
    super::print_warnings(&loaded.diagnostics);
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&loaded.model)
            .map(|s| s + "\n")
            .map_err(|e| Error::Other(e.to_string()))?,
        Format::Yaml => {
            serde_yaml::to_string(&loaded.model).map_err(|e| Error::Other(e.to_string()))?
        }
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
