//! The `trackgen` command line. All logic lives in `trackgen::cli` so tests can call it directly.

fn main() -> std::process::ExitCode {
    trackgen::cli::main()
}
