//! `trackgen generate` and `trackgen check`: the same plan, written or diffed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::lang::Language;
use crate::{Error, write};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Spec files. Default: every `spec/*.md` except `spec/README.md` (the dialect docs).
    specs: Vec<PathBuf>,
    /// Languages to generate (comma-separated). Default: all.
    #[arg(long, value_enum, value_delimiter = ',')]
    lang: Vec<Language>,
    /// Output root; each spec goes to `<out>/<spec name>/<language>/`.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
}

/// The spec files to read: the given ones, or `spec/*.md` without `README.md`, sorted.
pub(crate) fn spec_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if !given.is_empty() {
        let mut v = given.to_vec();
        v.sort();
        v.dedup();
        return Ok(v);
    }
    let dir = Path::new("spec");
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: "spec".to_owned(),
        source,
    })?;
    let mut v: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().eq_ignore_ascii_case("README.md"))
        })
        .collect();
    v.sort();
    if v.is_empty() {
        return Err(Error::Other(
            "no spec files given and none found in spec/*.md".to_owned(),
        ));
    }
    Ok(v)
}

fn plan(args: &Args) -> Result<write::Plan, Error> {
    let specs = spec_paths(&args.specs)?;
    let langs = if args.lang.is_empty() {
        Language::ALL.to_vec()
    } else {
        args.lang.clone()
    };
    let generated = crate::generate_files(&specs, &langs, super::summarize_warnings)?;
    let files = write::with_manifests(&args.out, generated, &langs)?;
    write::plan(&args.out, &files)
}

pub(crate) fn run_generate(args: &Args) -> Result<ExitCode, Error> {
    let plan = plan(args)?;
    write::apply(&args.out, &plan)?;
    eprintln!("{}: {}", args.out.display(), plan.summary());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_check(args: &Args) -> Result<ExitCode, Error> {
    let plan = plan(args)?;
    if plan.is_empty() {
        eprintln!(
            "{}: up to date ({} files)",
            args.out.display(),
            plan.unchanged.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let label = args.out.to_string_lossy().replace('\\', "/");
    print!("{}", plan.diff(label.trim_end_matches('/')));
    eprintln!(
        "{}: out of date ({} to write, {} to remove); run `trackgen generate`",
        args.out.display(),
        plan.create.len() + plan.update.len(),
        plan.delete.len()
    );
    Ok(ExitCode::from(1))
}
