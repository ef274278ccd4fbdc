//! Generation benchmarks (`benches/README.md`): a spec read from disk, lowered and generated to
//! all four targets in memory with `trackgen::generate_files`, exactly what `trackgen generate`
//! does before writing. Inputs: `spec/onlive.md` and the synthetic 1,000- and 10,000-event specs
//! of `benches/synth.rs` (written under `target/bench-data/`). Throughput is in bytes of spec.
//!
//! After criterion's groups it measures 1k and 10k once more, interleaved (1k, 10k, 1k, 10k, ...;
//! `LINEARITY_ROUNDS`, default 9), and prints the median of each round's ratio: the linearity check
//! (target: at most 11). Criterion's groups run one after the other, minutes apart, so the ratio
//! of their medians also measures how the shared machine's speed drifted in between.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark harness: it stops loudly on bad input"
)]

#[path = "synth.rs"]
mod synth;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use trackgen::Options;

/// The allocator of the `trackgen` binary (see `src/main.rs`), so that these figures are the
/// command's. The library itself never sets one; `benches/README.md` also gives the system
/// allocator's figures (build with `--no-default-features --features cli`).
#[cfg(all(feature = "jemalloc", unix, not(target_env = "musl")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn generate(spec: &Path) -> usize {
    let files = trackgen::generate_files(&[spec], &Options::all(), |_| {})
        .unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    files.iter().map(|f| f.contents.len()).sum()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(&root).expect("cd to the repository root");
    let data = root.join("target/bench-data");
    std::fs::create_dir_all(&data).expect("create target/bench-data");
    let onlive = PathBuf::from("spec/onlive.md");
    let mut specs = vec![("onlive", onlive.clone())];
    for (label, n) in [("synth_1k", 1_000), ("synth_10k", 10_000)] {
        let path = data.join(format!("{label}.md"));
        let text = synth::spec(n);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, &text).expect("write a synthetic spec");
        }
        specs.push((label, path));
    }
    for (label, path) in &specs {
        let bytes = std::fs::metadata(path).expect("spec size").len();
        let out = generate(path);
        let model = trackgen::load(path).expect("load").model;
        eprintln!(
            "{label}: {} events, {} groups, {} enums, {bytes} bytes of spec -> {out} bytes of output",
            model.events.len(),
            model.groups.len(),
            model.enums.len()
        );
    }

    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("generate");
        for (label, path) in &specs {
            let bytes = std::fs::metadata(path).expect("spec size").len();
            g.throughput(Throughput::Bytes(bytes));
            if *label == "synth_10k" {
                g.sample_size(10).measurement_time(Duration::from_secs(60));
            } else if *label == "synth_1k" {
                g.sample_size(20).measurement_time(Duration::from_secs(20));
            }
            g.bench_with_input(BenchmarkId::from_parameter(label), path, |b, p| {
                b.iter(|| black_box(generate(black_box(p))))
            });
        }
        g.finish();
    }

    // Linearity, side by side: rounds of 1k, 10k, 1k. Each round's ratio is the 10k time over
    // the mean of the two 1k times around it, so a slow spell of a shared machine weighs on both
    // sides of the ratio it lands in; the figure is the median of the rounds' ratios.
    let small = &specs[1].1;
    let big = &specs[2].1;
    let rounds: usize = std::env::var("LINEARITY_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);
    if rounds > 0 && !std::env::args().any(|a| a == "--list" || a == "--test") {
        let time = |p: &Path| {
            let t = Instant::now();
            black_box(generate(p));
            t.elapsed()
        };
        let (mut t1, mut t10, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        let mut before = time(small);
        for _ in 0..rounds {
            let large = time(big);
            let after = time(small);
            ratios.push(large.as_secs_f64() * 2.0 / (before + after).as_secs_f64());
            t1.push(before);
            t10.push(large);
            before = after;
        }
        t1.push(before);
        ratios.sort_by(f64::total_cmp);
        let (m1, m10) = (median(t1), median(t10));
        println!(
            "linearity: {rounds} rounds; synth_1k median {:.1} ms, synth_10k median {:.1} ms, ratio {:.2} (target <= 11; rounds {:.2} to {:.2})",
            m1.as_secs_f64() * 1e3,
            m10.as_secs_f64() * 1e3,
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1]
        );
    }
    c.final_summary();
}
