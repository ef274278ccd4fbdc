//! `trackgen diff OLD NEW`: what changed between two versions of a spec, for producers and
//! consumers, and the version bump the SDK packages need. Each side is a spec file or
//! `REV:path` (read with `git show`).

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::Error;

/// Output format of `trackgen diff`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// One line per change and a verdict.
    Text,
    /// The report as JSON (documented in the README; stable).
    Json,
    /// A table fit for a pull-request comment.
    Markdown,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The old spec: a file, or `REV:path` read from git (`main:spec/onlive.md`).
    old: String,
    /// The new spec: a file, or `REV:path`.
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Loads a spec given as a file or as `REV:path`.
pub(crate) fn load_side(arg: &str) -> Result<crate::Model, Error> {
    if Path::new(arg).is_file() {
        return Ok(crate::load(arg)?.model);
    }
    let Some((rev, path)) = arg
        .split_once(':')
        .filter(|(r, p)| !r.is_empty() && !p.is_empty())
    else {
        return Err(Error::Io {
            path: arg.to_owned(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    };
    let out = Command::new("git")
        .args(["show", &format!("{rev}:{path}")])
        .output()
        .map_err(|source| Error::Io {
            path: format!("git show {arg}"),
            source,
        })?;
    if !out.status.success() {
        return Err(Error::Other(format!(
            "{arg}: git show failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let text = String::from_utf8(out.stdout)
        .map_err(|_| Error::Other(format!("{arg}: the file is not UTF-8")))?;
    let name = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(crate::load_str(arg, &name, &text)?.model)
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Error> {
    let (old, new) = match (load_side(&args.old), load_side(&args.new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    let report = crate::diff::diff(&args.old, &old, &args.new, &new);
    match args.format {
        Format::Text => print!("{}", report.text()),
        Format::Markdown => print!("{}", report.markdown()),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| Error::Other(e.to_string()))?
        ),
    }
    Ok(if report.breaking {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
