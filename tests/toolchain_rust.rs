//! The Rust backend against the real toolchain.
//!
//! - `generated/onlive/rust/` is what the backend generates now (`TRACKGEN_BLESS=1` rewrites it).
//! - That crate, copied to `target/toolchains/`, passes `cargo fmt --check`, `cargo clippy
//!   --all-targets -- -D warnings`, `cargo build`, `cargo test --doc` and `cargo doc` (rustdoc
//!   lints denied); then the harness
//!   (`tests/toolchains/rust/harness/`) drives its tracker through an in-memory sink and runs
//!   every line of `tests/payloads/onlive.jsonl` through its parser.
//! - The crates of `tests/cases/all-types`, `tests/cases/hostile`,
//!   `tests/toolchains/rust/widths.md` (names of every length) and `.../names.md` (keywords,
//!   reserved names, shared group rows), generated here, pass the same tools; the all-types one also runs `tests/toolchains/rust/all-types-harness/`; the
//!   `include!` form of the hostile one compiles in an edition 2024 crate.
//!
//! All crates share `target/toolchains/cargo-target`, so serde compiles once, and use
//! trackgen's own `Cargo.lock`, so nothing is resolved anew. A missing clippy or rustfmt is
//! reported as SKIPPED (a failure with `CI=true`), never as a pass.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use trackgen::lang::files::check_invariants;
use trackgen::lang::{Backend, Context};
use trackgen::{Diagnostics, GeneratedFile, Language, Options, SourceFile};

fn cargo(dir: &Path) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            common::root().join("target/toolchains/cargo-target"),
        )
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    cmd
}

/// Whether `cargo <component> --version` works; prints the version.
fn has(component: &str) -> bool {
    let out = cargo(&common::root())
        .args([component, "--version"])
        .output();
    match out {
        Ok(o) if o.status.success() => {
            eprintln!("using {}", String::from_utf8_lossy(&o.stdout).trim());
            true
        }
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("cargo {component} not found and CI=true");
            }
            eprintln!("SKIPPED: cargo {component} not found (rustup component add {component})");
            false
        }
    }
}

/// Writes `files` under `dir`, plus trackgen's `Cargo.lock` (versions already in the cache).
fn write_crate(dir: &Path, files: &[GeneratedFile]) {
    for f in files {
        check_invariants(f).unwrap();
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    std::fs::copy(common::root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// The strict tools on one crate (a missing rustfmt or clippy is reported by `has`).
fn strict_tools(dir: &Path) {
    if has("fmt") {
        common::run(cargo(dir).args(["fmt", "--check"]));
    }
    if has("clippy") {
        clippy(dir);
    }
    common::run(cargo(dir).args(["build", "--offline"]));
    common::run(cargo(dir).args(["test", "--offline", "--doc"]));
    // rustdoc's lints (broken intra-doc links, bare URLs, HTML in docs) as errors.
    common::run(
        cargo(dir)
            .args(["doc", "--offline", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    );
}

fn clippy(dir: &Path) {
    let args = [
        "clippy",
        "--offline",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ];
    common::run(cargo(dir).args(args));
}

/// The harness code is held to the same standard as the generated code.
fn lint_harness(dir: &Path) {
    if has("fmt") {
        common::run(cargo(dir).args(["fmt", "--check"]));
    }
    if has("clippy") {
        clippy(dir);
    }
}

/// Generates the Rust crate for a spec, under the spec name `name`.
fn generate(path: &str, name: &str) -> Vec<GeneratedFile> {
    let text = std::fs::read_to_string(common::root().join(path)).unwrap();
    let loaded = trackgen::load_str(path, name, &text).unwrap();
    let cx = Context::new(path, loaded.diagnostics.file().text());
    let mut d = Diagnostics::new(Arc::new(SourceFile::new(path, &text)));
    let files = trackgen::lang::rust::Rust.generate(&loaded.model, &cx, &mut d);
    assert!(!d.has_errors(), "{}", d.render());
    assert_eq!(
        files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(),
        ["Cargo.toml", "src/lib.rs"]
    );
    files
}

fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn generated_onlive_rust_is_fresh() {
    let root = common::root();
    let files = trackgen::generate_files(
        &[root.join("spec/onlive.md")],
        &Options::languages(&[Language::Rust]),
        |_| {},
    )
    .unwrap();
    let expected: Vec<(String, String)> = files
        .into_iter()
        .map(|f| {
            check_invariants(&f).unwrap();
            assert!(
                !f.contents.contains(&*root.to_string_lossy()),
                "{}: no absolute paths in output",
                f.path
            );
            let rel = f.path.strip_prefix("onlive/rust/").unwrap().to_owned();
            (rel, f.contents)
        })
        .collect();
    let dir = common::generated("onlive", "rust");
    if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, contents) in &expected {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, contents).unwrap();
        }
    }
    let actual = files_under(&dir);
    let names = |v: &[(String, String)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&actual),
        names(&expected),
        "files in {}",
        dir.display()
    );
    for ((path, got), (_, want)) in actual.iter().zip(&expected) {
        assert!(
            got == want,
            "generated/onlive/rust/{path} is stale: run TRACKGEN_BLESS=1 cargo test --test toolchain_rust"
        );
    }
    assert!(
        expected[1]
            .1
            .starts_with("// @generated by trackgen from spec/onlive.md (sha256 ")
    );
}

#[test]
fn onlive_crate_passes_strict_tools_tracker_and_corpus() {
    let scratch = common::scratch("rust-onlive");
    let krate = scratch.join("onlive");
    common::copy_tree(&common::generated("onlive", "rust"), &krate);
    std::fs::copy(common::root().join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    strict_tools(&krate);

    let harness = scratch.join("harness");
    common::copy_tree(
        &common::root().join("tests/toolchains/rust/harness"),
        &harness,
    );
    std::fs::copy(
        common::root().join("Cargo.lock"),
        harness.join("Cargo.lock"),
    )
    .unwrap();
    lint_harness(&harness);
    let corpus = common::payloads("onlive");
    let lines = std::fs::read_to_string(&corpus).unwrap().lines().count();
    let out = common::run(
        cargo(&harness)
            .args(["test", "--offline", "--", "--nocapture"])
            .env("TRACKGEN_PAYLOADS", &corpus),
    );
    let agreed = format!("corpus: {lines} lines agreed");
    assert!(out.contains(&agreed), "expected {agreed:?} in\n{out}");
    eprintln!(
        "{}",
        out.lines().find(|l| l.starts_with("corpus:")).unwrap()
    );
}

#[test]
fn case_crates_pass_strict_tools() {
    for (path, name) in [
        ("tests/cases/all-types/spec.md", "all_types"),
        ("tests/cases/hostile/spec.md", "hostile"),
        ("tests/toolchains/rust/widths.md", "widths"),
        ("tests/toolchains/rust/names.md", "names"),
    ] {
        let dir = common::scratch(&format!("rust-{name}")).join(name);
        write_crate(&dir, &generate(path, name));
        strict_tools(&dir);
    }
}

#[test]
fn all_types_crate_handles_every_type() {
    let scratch = common::scratch("rust-all-types-harness");
    write_crate(
        &scratch.join("all_types"),
        &generate("tests/cases/all-types/spec.md", "all_types"),
    );
    let harness = scratch.join("harness");
    common::copy_tree(
        &common::root().join("tests/toolchains/rust/all-types-harness"),
        &harness,
    );
    std::fs::copy(
        common::root().join("Cargo.lock"),
        harness.join("Cargo.lock"),
    )
    .unwrap();
    lint_harness(&harness);
    let out = common::run(cargo(&harness).args(["test", "--offline"]));
    assert!(out.contains("test result: ok. 5 passed"), "{out}");
}

#[test]
fn include_form_compiles_in_an_edition_2024_crate() {
    let path = "tests/cases/hostile/spec.md";
    let text = std::fs::read_to_string(common::root().join(path)).unwrap();
    let loaded = trackgen::load_str(path, "hostile", &text).unwrap();
    let cx = Context::new(path, loaded.diagnostics.file().text());
    let mut d = loaded.diagnostics.clone();
    let items = trackgen::lang::rust::render_items(&loaded.model, &cx, &mut d);
    assert!(!d.has_errors(), "{}", d.render());
    assert!(
        !items.contains("#!["),
        "no inner attributes in the include! form"
    );
    assert!(!items.contains("//!"), "no inner docs in the include! form");
    let dir: PathBuf = common::scratch("rust-include");
    let lib = "//! Includes a generated tracker the way a build script's user does.\n\n\
               /// The tracker.\npub mod tracking {\n    include!(\"hostile.rs\");\n}\n";
    let manifest = "[package]\nname = \"include-2024\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                    [dependencies]\nserde = { version = \"1.0\", features = [\"derive\"] }\n\
                    serde_json = { version = \"1.0\", features = [\"preserve_order\"] }\n\n[workspace]\n";
    write_crate(
        &dir,
        &[
            GeneratedFile::new("Cargo.toml", manifest),
            GeneratedFile::new("src/lib.rs", lib),
            GeneratedFile::new("src/hostile.rs", items),
        ],
    );
    if has("clippy") {
        common::run(cargo(&dir).args([
            "clippy",
            "--offline",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]));
    }
    common::run(cargo(&dir).args(["build", "--offline"]));
}
