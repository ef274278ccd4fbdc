//! The command line (feature `cli`): clap derive types and one module per subcommand.
//!
//! Exit codes: 0 success; 1 spec errors (or stale output, invalid payloads); 2 usage or I/O errors.
//! Results go to stdout, diagnostics to stderr.

mod diff;
mod generate;
mod init;
mod ir;
mod lint;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::Error;

/// Generate typed analytics tracker SDKs and JSON Schema from a Markdown tracking plan.
#[derive(Debug, Parser)]
#[command(name = "trackgen", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the SDKs and JSON Schema into `generated/` (or `--out`).
    Generate(generate::Args),
    /// Exit 1 with a unified diff when the output is not what `generate` would write.
    Check(generate::Args),
    /// Print the intermediate model of a spec (events, data groups, enums).
    Ir(ir::Args),
    /// Report every error, warning and note of specs (tables, types, examples, names in every
    /// target language) without writing anything; exit 1 on errors.
    Lint(lint::Args),
    /// Check NDJSON envelopes (a file or stdin) against a spec, as the generated SDKs would;
    /// exit 1 when any is invalid.
    Validate(validate::Args),
    /// Report what changed between two versions of a spec, for producers and consumers, and the
    /// version bump the SDKs need; exit 1 when something breaks.
    Diff(diff::Args),
    /// Write a commented starter `trackgen.yaml`.
    Init(init::Args),
}

/// Runs the CLI with the process arguments and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(match e {
                Error::Spec(_) => 1,
                _ => 2,
            })
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Generate(args) => generate::run_generate(&args),
        Command::Check(args) => generate::run_check(&args),
        Command::Ir(args) => ir::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Init(args) => init::run(&args),
    }
}

/// Prints the warnings and notes of a loaded spec to stderr.
pub(crate) fn print_warnings(d: &crate::Diagnostics) {
    if !d.items().is_empty() {
        eprint!("{}", d.render());
    }
}

/// Prints one line per spec with warnings: how many, and where to see them.
pub(crate) fn summarize_warnings(d: &crate::Diagnostics) {
    let n = d.items().len();
    if n > 0 {
        eprintln!(
            "{}: {n} warning{} or note{} (`trackgen lint {}` shows them)",
            d.file().path(),
            if n == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" },
            d.file().path()
        );
    }
}
