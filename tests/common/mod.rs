//! Shared helpers for the toolchain tests: where the pinned tools are, scratch folders, running
//! commands. `scripts/test.sh` installs the tools and exports `TRACKGEN_VENV` (a Python venv with
//! mypy, ruff, pytest, jsonschema) and `TRACKGEN_NODE_MODULES` (TypeScript).
//!
//! A missing tool is never a pass: locally the test prints `SKIPPED: ...`; with `CI=true` it fails.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `generated/<spec>/<lang>` in the repository.
pub fn generated(spec: &str, lang: &str) -> PathBuf {
    root().join("generated").join(spec).join(lang)
}

/// A fresh, empty scratch folder `target/toolchains/<name>` (outside any golden tree).
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("toolchains").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn missing(what: &str) -> Option<PathBuf> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} not found and CI=true: run the tests with scripts/test.sh");
    }
    eprintln!("SKIPPED: {what} not found; run scripts/test.sh to install the pinned tools");
    None
}

/// A program from the pinned Python venv (`python`, `mypy`, `ruff`, `pytest`).
pub fn venv_tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("TRACKGEN_VENV")
        .map(|v| PathBuf::from(v).join("bin").join(name))
        .or_else(|| Some(root().join("target/tools/venv/bin").join(name)))
        .filter(|p| p.exists());
    found.or_else(|| missing(&format!("{name} (Python venv)")))
}

/// A program from the pinned node_modules (`tsc`).
pub fn node_tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("TRACKGEN_NODE_MODULES")
        .map(PathBuf::from)
        .or_else(|| Some(root().join("tests/toolchains/typescript/node_modules")))
        .map(|nm| nm.join(".bin").join(name))
        .filter(|p| p.exists());
    found.or_else(|| missing(&format!("{name} (node_modules)")))
}

/// `node` itself.
pub fn node() -> Option<PathBuf> {
    which("node").or_else(|| missing("node"))
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// Runs `cmd`, panicking with its full output when it fails. Returns stdout.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("could not start {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "command failed ({}): {cmd:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    stdout
}

/// The payload corpus of a spec: `tests/payloads/<spec>.jsonl`.
pub fn payloads(spec: &str) -> PathBuf {
    root().join("tests/payloads").join(format!("{spec}.jsonl"))
}
