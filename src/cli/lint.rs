//! `trackgen lint`: report every problem and note of specs, without writing anything.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::Error;

/// Output format of `trackgen lint`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// `file:line:col: severity[code]: message` and a source snippet per finding.
    Text,
    /// A JSON array of records `{file, line, column, end_line, end_column, severity, code,
    /// message, help}`.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Spec files. Default: every `spec/*.md` except `spec/README.md`.
    specs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 on warnings too, not only on errors.
    #[arg(long)]
    deny_warnings: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Error> {
    let specs = super::generate::spec_paths(&args.specs)?;
    let mut records = Vec::new();
    let (mut errors, mut warnings, mut notes) = (0, 0, 0);
    for spec in &specs {
        let d = crate::lint::lint(spec)?;
        for item in d.items() {
            match item.severity {
                crate::Severity::Error => errors += 1,
                crate::Severity::Warning => warnings += 1,
                crate::Severity::Note => notes += 1,
            }
        }
        match args.format {
            Format::Text => print!("{}", d.render()),
            Format::Json => records.extend(crate::lint::records(&d)),
        }
    }
    if let Format::Json = args.format {
        let json =
            serde_json::to_string_pretty(&records).map_err(|e| Error::Other(e.to_string()))?;
        println!("{json}");
    }
    eprintln!(
        "{} spec{}: {errors} error{}, {warnings} warning{}, {notes} note{}",
        specs.len(),
        plural(specs.len()),
        plural(errors),
        plural(warnings),
        plural(notes)
    );
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
