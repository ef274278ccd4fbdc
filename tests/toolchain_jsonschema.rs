//! The JSON Schema backend against a third-party validator: the pinned Python `jsonschema`
//! package (tests/toolchains/python/requirements.txt) runs tests/toolchains/jsonschema/check.py,
//! which validates each schema against the 2020-12 metaschema, checks every `examples` entry,
//! and compares verdicts with the payload corpus (every line) and the hand-picked cases.
//!
//! Also: `generated/onlive/jsonschema/` must be what the backend generates now
//! (`TRACKGEN_BLESS=1` rewrites it), and check.py itself passes ruff and mypy --strict.
//! A missing venv is SKIPPED locally and a failure with CI=true (tests/common).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use trackgen::Language;
use trackgen::lang::files::check_invariants;
use trackgen::lang::{Backend, Context, GeneratedFile};

const CHECK: &str = "tests/toolchains/jsonschema/check.py";

/// Generates `spec` (a path relative to the repository root) with the JSON Schema backend.
fn generate(spec: &str) -> (trackgen::Model, Vec<GeneratedFile>) {
    // Integration tests run in the package root: the spec path stays relative, as in headers.
    let text = std::fs::read_to_string(spec).unwrap();
    let mut loaded = trackgen::load(spec).unwrap();
    let cx = Context::new(spec, &text);
    let files = trackgen::lang::jsonschema::JsonSchema.generate(
        &loaded.model,
        &cx,
        &mut loaded.diagnostics,
    );
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}",
        loaded.diagnostics.render()
    );
    assert_eq!(files.len(), 1, "one schema file per spec");
    for f in &files {
        check_invariants(f).unwrap();
        assert!(
            f.contents
                .contains(&format!("\"$comment\": \"{}\"", cx.header())),
            "{}: no header",
            f.path
        );
    }
    (loaded.model, files)
}

fn write(dir: &Path, files: &[GeneratedFile]) {
    for f in files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.contents).unwrap();
    }
}

/// Every file under `dir`, as sorted `/`-separated relative paths.
fn list(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The spec's own example payloads that parse, as envelopes with `"valid": null` (their
/// verdicts are reported, not asserted: the spec's examples are known to be flawed).
fn example_cases(model: &trackgen::Model, dir: &Path) -> PathBuf {
    let mut lines = String::new();
    for ev in &model.events {
        if let Some(v) = ev.example.as_ref().and_then(|x| x.parsed.clone()) {
            let case = serde_json::json!({
                "name": format!("{}: the spec's example", ev.id),
                "envelope": {"event": ev.name, "properties": v},
                "valid": null,
            });
            lines.push_str(&serde_json::to_string(&case).unwrap());
            lines.push('\n');
        }
    }
    let path = dir.join("examples.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

fn python() -> Option<PathBuf> {
    common::venv_tool("python")
}

fn check(python: &Path, schema: &Path, cases: &[&Path]) -> String {
    let out = common::run(
        Command::new(python)
            .arg(common::root().join(CHECK))
            .arg(schema)
            .args(cases)
            .env("PYTHONDONTWRITEBYTECODE", "1"),
    );
    eprintln!("{out}");
    out
}

#[test]
fn onlive_is_fresh_and_agrees_with_the_corpus() {
    let (model, files) = generate("spec/onlive.md");
    assert_eq!(files[0].path, "onlive.schema.json");

    // Freshness: the committed tree is exactly what `trackgen generate` writes now (same library
    // path: config-free options, header relative to the repository root).
    let generated = trackgen::generate_files(
        &["spec/onlive.md"],
        &trackgen::Options::languages(&[Language::JsonSchema]),
        |_| {},
    )
    .unwrap();
    let ours: Vec<GeneratedFile> = generated
        .into_iter()
        .filter_map(|f| {
            let path = f.path.strip_prefix("onlive/jsonschema/")?.to_owned();
            Some(GeneratedFile::new(path, f.contents))
        })
        .collect();
    assert_eq!(ours, files, "the library path and the backend disagree");
    let golden = common::generated("onlive", "jsonschema");
    if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&golden);
        write(&golden, &files);
    }
    let stale = "generated/onlive/jsonschema is stale: run `trackgen generate` (or \
                 TRACKGEN_BLESS=1 cargo test --test toolchain_jsonschema)";
    let expected: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(list(&golden), expected, "{stale}");
    for f in &files {
        let on_disk = std::fs::read_to_string(golden.join(&f.path)).unwrap();
        assert!(on_disk == f.contents, "{}: {stale}", f.path);
    }

    // The corpus, through the committed tree copied out of the repository.
    let Some(python) = python() else { return };
    let dir = common::scratch("jsonschema-onlive");
    common::copy_tree(&golden, &dir.join("schema"));
    let schema = dir.join("schema/onlive.schema.json");
    let corpus = common::payloads("onlive");
    let examples = example_cases(&model, &dir);
    let out = check(&python, &schema, &[&corpus, &examples]);
    let lines = std::fs::read_to_string(&corpus)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(lines >= 1000, "the corpus has {lines} lines");
    assert!(
        out.contains(&format!(
            "{}: {lines}/{lines} verdicts agree",
            corpus.display()
        )),
        "{out}"
    );
}

#[test]
fn test_specs_pass_the_metaschema_and_the_hand_picked_envelopes() {
    let Some(python) = python() else { return };
    for (case, spec) in [
        ("all-types", "tests/cases/all-types/spec.md"),
        ("hostile", "tests/cases/hostile/spec.md"),
        // Wire names that are JSON Schema keywords; event ids and enum names that need pointer
        // and percent escapes in `$ref`s.
        ("names", "tests/toolchains/jsonschema/names.md"),
    ] {
        let (model, files) = generate(spec);
        let dir = common::scratch(&format!("jsonschema-{case}"));
        write(&dir.join("schema"), &files);
        let schema = dir.join("schema").join(&files[0].path);
        let picked = common::root().join(format!("tests/toolchains/jsonschema/{case}.jsonl"));
        let examples = example_cases(&model, &dir);
        let out = check(&python, &schema, &[&picked, &examples]);
        let n = std::fs::read_to_string(&picked).unwrap().lines().count();
        assert!(n >= 20, "{case}: only {n} hand-picked cases");
        assert!(
            out.contains(&format!("{}: {n}/{n} verdicts agree", picked.display())),
            "{out}"
        );
    }
}

#[test]
fn the_check_script_is_lint_and_type_clean() {
    let (Some(ruff), Some(mypy)) = (common::venv_tool("ruff"), common::venv_tool("mypy")) else {
        return;
    };
    // Lint a copy, so caches stay out of the repository.
    let dir = common::scratch("jsonschema-lint");
    let script = dir.join("check.py");
    std::fs::copy(common::root().join(CHECK), &script).unwrap();
    common::run(
        Command::new(&ruff)
            .args([
                "check",
                "--no-cache",
                "--extend-select",
                "E501,W,I,B,UP,SIM,RUF,PTH",
            ])
            .arg(&script),
    );
    common::run(
        Command::new(&ruff)
            .args(["format", "--check", "--no-cache"])
            .arg(&script),
    );
    common::run(
        Command::new(&mypy)
            .args(["--strict", "--cache-dir"])
            .arg(dir.join(".mypy_cache"))
            .arg(&script),
    );
}
