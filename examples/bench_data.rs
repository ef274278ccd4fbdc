//! Writes the benchmark inputs (`benches/README.md`) into a folder: the synthetic specs
//! `synth_1k.md` and `synth_10k.md` and `onlive-100k.ndjson`, 100,000 mixed envelopes of
//! `spec/onlive.md` (the same ones `benches/validate.rs` measures).
//!
//! Usage: `cargo run --release --example bench_data -- OUT_DIR` (from the repository root).

#[path = "../benches/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: bench_data OUT_DIR");
        return ExitCode::from(2);
    };
    let model = match trackgen::load("spec/onlive.md") {
        Ok(l) => l.model,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let files = [
        ("synth_1k.md", synth::spec(1_000)),
        ("synth_10k.md", synth::spec(10_000)),
        (
            "onlive-100k.ndjson",
            synth::ndjson(&synth::payloads(
                &model,
                synth::PAYLOADS,
                synth::PAYLOAD_SEED,
            )),
        ),
    ];
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::from(2);
    }
    for (name, text) in files {
        let path = out.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}
