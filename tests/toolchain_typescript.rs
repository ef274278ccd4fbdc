//! The TypeScript backend against the real toolchain (pinned in `tests/toolchains/typescript/`):
//!
//! 1. freshness: `generated/onlive/typescript/` is what the backend generates now
//!    (`TRACKGEN_BLESS=1` rewrites it);
//! 2. `tsc --noEmit` with the package's strict `tsconfig.json`, and again with the strict flags
//!    given explicitly on the command line, for onlive, `tests/cases/all-types` and
//!    `tests/cases/hostile`; `prettier --check` on the same trees (the output is a fixed point);
//! 3. behaviour: `tests/toolchains/typescript/test/*.ts` compiled with the generated sources and
//!    run with `node --test`: the payload corpus line by line (verdict, kind, pointer), the tracker
//!    with a `RecordingSink`, and type tests (`@ts-expect-error`) that fail the compile when a
//!    wrong call would type-check.
//!
//! Everything is built in scratch folders under `target/toolchains/`, never in the golden tree.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use trackgen::lang::typescript::TypeScript;
use trackgen::lang::{Backend, Context, files};

/// Generates the TypeScript package of `spec` (a path relative to the repository root).
fn generate(spec: &str) -> Vec<trackgen::GeneratedFile> {
    let root = common::root();
    let loaded = trackgen::load(spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
    let text = std::fs::read_to_string(root.join(spec)).unwrap();
    let cx = Context::new(spec, &text);
    let mut d = loaded.diagnostics.clone();
    let out = TypeScript.generate(&loaded.model, &cx, &mut d);
    assert!(!d.has_errors(), "{spec}:\n{}", d.render());
    for f in &out {
        files::check_invariants(f).unwrap();
    }
    out
}

fn write_tree(dir: &Path, out: &[trackgen::GeneratedFile]) {
    for f in out {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.contents).unwrap();
    }
}

/// Every file under `dir`, as sorted relative `/` paths.
fn list(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                walk(base, &e.path(), out);
            } else {
                let rel = e.path().strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn generated_onlive_typescript_is_fresh() {
    let out = generate("spec/onlive.md");
    let dir = common::generated("onlive", "typescript");
    if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&dir);
        write_tree(&dir, &out);
    }
    let expected: Vec<String> = out.iter().map(|f| f.path.clone()).collect();
    assert_eq!(list(&dir), expected, "file list of {} (TRACKGEN_BLESS=1 rewrites it)", dir.display());
    for f in &out {
        let on_disk = std::fs::read_to_string(dir.join(&f.path)).unwrap();
        assert!(
            on_disk == f.contents,
            "{}/{} is stale; run TRACKGEN_BLESS=1 cargo test --test toolchain_typescript",
            dir.display(),
            f.path
        );
    }
}
