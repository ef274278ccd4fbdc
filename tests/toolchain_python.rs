//! The Python backend against the real tools: `generated/onlive/python` must be fresh, and it and
//! the generated packages of `tests/cases/{all-types,hostile}` must pass `mypy --strict` (3.11 and
//! 3.10 rules), `ruff check` and `ruff format --check`; pytest then drives the tracker and runs
//! the payload corpus through the generated parser.
//!
//! `TRACKGEN_BLESS=1 cargo test --test toolchain_python` rewrites `generated/onlive/python`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use trackgen::lang::{Backend, Context, files};
use trackgen::{GeneratedFile, Language, Model};

/// Loads `rel` (relative to the repository) under spec name `name` and generates its package.
fn generate(rel: &str, name: &str) -> (Model, Vec<GeneratedFile>) {
    let text = std::fs::read_to_string(common::root().join(rel)).unwrap();
    let loaded = trackgen::load_str(rel, name, &text).unwrap_or_else(|e| panic!("{e}"));
    let cx = Context::new(rel, &text);
    let mut d = loaded.diagnostics.clone();
    let files = trackgen::lang::python::Python.generate(&loaded.model, &cx, &mut d);
    assert!(!d.has_errors(), "{}", d.render());
    for f in &files {
        files::check_invariants(f).unwrap();
    }
    (loaded.model, files)
}

fn write_tree(dir: &Path, files: &[GeneratedFile]) {
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
}

fn read_tree(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if entry.file_type().unwrap().is_dir() {
            read_tree(&entry.path(), &rel, out);
        } else {
            out.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
}

#[test]
fn generated_onlive_python_is_fresh() {
    let (_, files) = generate("spec/onlive.md", "onlive");
    // The library path `trackgen generate` uses gives the same files.
    let via_library = trackgen::generate_files(
        &["spec/onlive.md"],
        &trackgen::Options::languages(&[Language::Python]),
        |_| {},
    )
    .unwrap();
    let via_library: Vec<GeneratedFile> = via_library
        .into_iter()
        .filter_map(|f| {
            let path = f.path.strip_prefix("onlive/python/")?.to_owned();
            Some(GeneratedFile::new(path, f.contents))
        })
        .collect();
    assert_eq!(
        via_library, files,
        "the library path and the backend disagree"
    );
    // Deterministic: a second run gives the same bytes.
    assert_eq!(generate("spec/onlive.md", "onlive").1, files);

    let dir = common::generated("onlive", "python");
    if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&dir);
        write_tree(&dir, &files);
    }
    let stale = "generated/onlive/python is stale: run `trackgen generate` (or \
                 TRACKGEN_BLESS=1 cargo test --test toolchain_python)";
    let mut on_disk = Vec::new();
    read_tree(&dir, "", &mut on_disk);
    on_disk.sort();
    let disk_paths: Vec<&str> = on_disk.iter().map(|(p, _)| p.as_str()).collect();
    let want_paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(disk_paths, want_paths, "{stale}");
    for ((path, disk), f) in on_disk.iter().zip(&files) {
        assert!(*disk == f.contents, "{path}: {stale}");
    }
}

/// The pinned Python tools, or None (SKIPPED locally, a failure with CI=true).
struct Tools {
    python: PathBuf,
    mypy: PathBuf,
    ruff: PathBuf,
    pytest: PathBuf,
}

fn tools() -> Option<Tools> {
    Some(Tools {
        python: common::venv_tool("python")?,
        mypy: common::venv_tool("mypy")?,
        ruff: common::venv_tool("ruff")?,
        pytest: common::venv_tool("pytest")?,
    })
}

fn cmd(program: &Path, dir: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(dir).env("PYTHONDONTWRITEBYTECODE", "1");
    c
}

/// `ruff check`, `ruff format --check`, and `mypy --strict` for Python 3.11 and 3.10 rules, on
/// the project in `project` (package folder `package`). Returns the mypy version line.
fn static_checks(t: &Tools, project: &Path, package: &str) -> String {
    common::run(cmd(&t.ruff, project).args(["check", "--no-cache", "."]));
    common::run(cmd(&t.ruff, project).args(["format", "--check", "--no-cache", "."]));
    let cache = project.join(".mypy_cache");
    for version in ["3.11", "3.10"] {
        common::run(
            cmd(&t.mypy, project)
                .args(["--strict", "--python-version", version, "--cache-dir"])
                .arg(&cache)
                .arg(package),
        );
    }
    common::run(cmd(&t.mypy, project).arg("--version"))
}

/// Copies the harness next to the project (nothing is ever written into the repository) and
/// runs pytest on `tests` with the corpus; returns how many corpus lines agreed.
fn pytest(t: &Tools, project: &Path, package: &str, corpus: &Path, tests: &[&str]) -> usize {
    let harness = project.parent().unwrap().join("harness");
    std::fs::create_dir_all(&harness).unwrap();
    for name in ["test_corpus.py", "test_onlive.py"] {
        std::fs::copy(
            common::root().join("tests/toolchains/python").join(name),
            harness.join(name),
        )
        .unwrap();
    }
    let report = harness.join("report.json");
    let _ = std::fs::remove_file(&report);
    let out = common::run(
        cmd(&t.pytest, &harness)
            .args([
                "-q",
                "-p",
                "no:cacheprovider",
                "-W",
                "error::DeprecationWarning",
            ])
            .args(tests)
            .env("PYTHONPATH", project)
            .env("TRACKGEN_PROJECT", project)
            .env("TRACKGEN_PACKAGE", package)
            .env("TRACKGEN_CORPUS", corpus)
            .env("TRACKGEN_REPORT", &report),
    );
    eprintln!("{}", out.trim_end());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let lines = std::fs::read_to_string(corpus)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(
        report["lines"], lines,
        "pytest did not read the whole corpus"
    );
    assert_eq!(report["agreed"], lines);
    lines
}

#[test]
fn onlive_passes_the_strict_tools_and_the_corpus() {
    let Some(t) = tools() else { return };
    let project = common::scratch("python-onlive").join("project");
    common::copy_tree(&common::generated("onlive", "python"), &project);
    let mypy = static_checks(&t, &project, "onlive_tracker");
    // The typed harness is itself checked against the package's public API.
    let harness = common::root().join("tests/toolchains/python");
    common::run(
        cmd(&t.mypy, &project)
            .args(["--strict", "--cache-dir"])
            .arg(project.join(".mypy_cache"))
            .arg(harness.join("test_onlive.py"))
            .arg(harness.join("test_corpus.py"))
            .env("MYPYPATH", &project),
    );
    // The harness files themselves stay lint- and format-clean.
    let harness_copy = project.parent().unwrap().join("harness-lint");
    common::copy_tree(&harness, &harness_copy);
    for f in ["stress.md", "groups-only.md", "empty.md"] {
        let _ = std::fs::remove_file(harness_copy.join(f));
    }
    common::run(cmd(&t.ruff, &harness_copy).args(["check", "--no-cache", "."]));
    common::run(cmd(&t.ruff, &harness_copy).args(["format", "--check", "--no-cache", "."]));
    let agreed = pytest(
        &t,
        &project,
        "onlive_tracker",
        &common::payloads("onlive"),
        &["test_corpus.py", "test_onlive.py"],
    );
    let ruff = common::run(cmd(&t.ruff, &project).arg("--version"));
    let python = common::run(cmd(&t.python, &project).arg("--version"));
    eprintln!(
        "python onlive: {agreed}/{agreed} corpus lines agreed; {} / {} / {}",
        mypy.trim(),
        ruff.trim(),
        python.trim()
    );
}

/// Generates a test case into scratch, runs the static tools, then the corpus that
/// `scripts/make_payloads.py` derives from the case's model.
fn check_case(rel: &str, name: &str) {
    let Some(t) = tools() else { return };
    let (model, files) = generate(rel, name);
    let root = common::scratch(&format!("python-{name}"));
    let project = root.join("project");
    write_tree(&project, &files);
    let package = format!("{}_tracker", name.replace('-', "_"));
    static_checks(&t, &project, &package);
    let ir = root.join("model.json");
    std::fs::write(&ir, serde_json::to_string(&model).unwrap()).unwrap();
    let corpus = root.join("corpus.jsonl");
    let payloads = if model.events.is_empty() {
        // make_payloads.py needs an event; these are the envelope-level faults.
        [
            r#"{"name": "unknown event", "envelope": {"event": "x", "properties": {}}, "valid": false, "error": {"kind": "unknown_event", "pointer": "/event"}}"#,
            r#"{"name": "event missing", "envelope": {"properties": {}}, "valid": false, "error": {"kind": "missing_property", "pointer": "/event"}}"#,
            r#"{"name": "envelope is null", "envelope": null, "valid": false, "error": {"kind": "not_an_object", "pointer": ""}}"#,
        ]
        .join("\n")
    } else {
        common::run(
            cmd(&t.python, &root)
                .arg(common::root().join("scripts/make_payloads.py"))
                .stdin(std::fs::File::open(&ir).unwrap()),
        )
    };
    std::fs::write(&corpus, payloads).unwrap();
    let agreed = pytest(&t, &project, &package, &corpus, &["test_corpus.py"]);
    eprintln!("python {name}: {agreed}/{agreed} corpus lines agreed");
}

#[test]
fn all_types_case_passes_the_strict_tools_and_its_corpus() {
    check_case("tests/cases/all-types/spec.md", "all-types");
}

#[test]
fn hostile_case_passes_the_strict_tools_and_its_corpus() {
    check_case("tests/cases/hostile/spec.md", "hostile");
}

/// Long names (layout at 88 columns), nested arrays, unions with arrays, one-value enums, wide
/// characters, rows that differ from their group, built-in and SDK names.
#[test]
fn stress_case_passes_the_strict_tools_and_its_corpus() {
    check_case("tests/toolchains/python/stress.md", "stress");
}

/// No events (an empty event union) and no types at all.
#[test]
fn specs_without_events_pass_the_strict_tools() {
    check_case("tests/toolchains/python/groups-only.md", "groups-only");
    check_case("tests/toolchains/python/empty.md", "empty");
}
