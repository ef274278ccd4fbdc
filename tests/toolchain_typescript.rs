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

// Test code: a failed step should stop the test with its output.
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
use trackgen::lang::typescript::TypeScript;
use trackgen::lang::{Backend, Context, files};

/// Generates the TypeScript package of `spec` (a path relative to the repository root, the
/// working directory of integration tests) the way `trackgen generate` does. Paths come back
/// relative to the package folder.
fn generate(spec: &str) -> Vec<trackgen::GeneratedFile> {
    let all = trackgen::generate_files(
        &[spec],
        &trackgen::Options::languages(&[Language::TypeScript]),
        |_| {},
    )
    .unwrap_or_else(|e| panic!("{spec}: {e}"));
    let name = Path::new(spec).file_stem().unwrap().to_string_lossy();
    let prefix = format!("{name}/typescript/");
    let out: Vec<trackgen::GeneratedFile> = all
        .into_iter()
        .filter_map(|f| {
            let path = f.path.strip_prefix(&prefix)?.to_owned();
            Some(trackgen::GeneratedFile::new(path, f.contents))
        })
        .collect();
    assert!(!out.is_empty(), "{spec}: nothing generated under {prefix}");
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
                let rel = e
                    .path()
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

/// `generated/onlive/typescript`, rewritten first (once per test run) when `TRACKGEN_BLESS=1`.
fn golden_onlive() -> (PathBuf, Vec<trackgen::GeneratedFile>) {
    static BLESSED: std::sync::Once = std::sync::Once::new();
    let out = generate("spec/onlive.md");
    let dir = common::generated("onlive", "typescript");
    BLESSED.call_once(|| {
        if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
            let _ = std::fs::remove_dir_all(&dir);
            write_tree(&dir, &out);
        }
    });
    (dir, out)
}

#[test]
fn generated_onlive_typescript_is_fresh() {
    let (dir, out) = golden_onlive();
    let expected: Vec<String> = out.iter().map(|f| f.path.clone()).collect();
    assert_eq!(
        list(&dir),
        expected,
        "file list of {} (TRACKGEN_BLESS=1 rewrites it)",
        dir.display()
    );
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

#[test]
fn generation_is_deterministic() {
    for spec in [
        "spec/onlive.md",
        "tests/cases/all-types/spec.md",
        "tests/cases/hostile/spec.md",
    ] {
        assert_eq!(generate(spec), generate(spec), "{spec}");
    }
}

/// The pinned tools, or `None` (SKIPPED locally, a failure with `CI=true`).
struct Tools {
    tsc: PathBuf,
    prettier: PathBuf,
    node: PathBuf,
}

fn tools() -> Option<Tools> {
    let tsc = common::node_tool("tsc");
    let prettier = common::node_tool("prettier");
    let node = common::node();
    Some(Tools {
        tsc: tsc?,
        prettier: prettier?,
        node: node?,
    })
}

fn harness() -> PathBuf {
    common::root().join("tests/toolchains/typescript")
}

/// `tsc` (the package's tsconfig, then explicit strict flags) and `prettier --check` on the
/// package in `dir`.
fn static_checks(tools: &Tools, dir: &Path) {
    // 1. The package's own strict tsconfig.
    common::run(Command::new(&tools.tsc).current_dir(dir).args([
        "--noEmit",
        "-p",
        "tsconfig.json",
    ]));
    // 1b. The package's `build` script (`tsc`): declarations too, which --noEmit never checks.
    common::run(
        Command::new(&tools.tsc)
            .current_dir(dir)
            .args(["-p", "tsconfig.json"]),
    );
    for built in ["dist/index.js", "dist/index.d.ts"] {
        assert!(dir.join(built).is_file(), "{built} was not built");
    }
    // 2. The strict flags spelled out (no tsconfig is read when files are given).
    common::run(Command::new(&tools.tsc).current_dir(dir).args([
        "--noEmit",
        "--strict",
        "--noUncheckedIndexedAccess",
        "--exactOptionalPropertyTypes",
        "--noImplicitOverride",
        "--noPropertyAccessFromIndexSignature",
        "--noImplicitReturns",
        "--noFallthroughCasesInSwitch",
        "--noUnusedLocals",
        "--noUnusedParameters",
        "--isolatedModules",
        "--target",
        "ES2022",
        "--lib",
        "ES2022",
        "--module",
        "NodeNext",
        "--moduleResolution",
        "NodeNext",
        "src/index.ts",
    ]));
    // 3. Already formatted: a fixed point of Prettier with its defaults.
    let out = common::run(Command::new(&tools.prettier).current_dir(dir).args([
        "--check",
        "--no-config",
        "--no-editorconfig",
        "package.json",
        "tsconfig.json",
        "src/index.ts",
    ]));
    assert!(
        out.contains("All matched files use Prettier code style"),
        "{out}"
    );
}

/// The static checks, then the behaviour and type tests of `case`
/// (`tests/toolchains/typescript/test/{case}.*.ts`) compiled with the package's sources and run
/// with `node --test`. Returns the test runner's output.
fn check_package(tools: &Tools, dir: &Path, case: &str) -> String {
    static_checks(tools, dir);
    // 4. Behaviour and type tests, compiled with the generated sources.
    let test_dir = dir.join("test");
    std::fs::create_dir_all(&test_dir).unwrap();
    let mut copied = 0;
    for entry in std::fs::read_dir(harness().join("test")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(&format!("{case}.")) {
            std::fs::copy(&path, test_dir.join(&name)).unwrap();
            copied += 1;
        }
    }
    assert!(copied > 0, "no behaviour test for {case}");
    std::fs::copy(
        harness().join("tsconfig.test.json"),
        dir.join("tsconfig.test.json"),
    )
    .unwrap();
    let modules = std::env::var_os("TRACKGEN_NODE_MODULES")
        .map_or_else(|| harness().join("node_modules"), PathBuf::from);
    let link = dir.join("node_modules");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&modules, &link).unwrap();
    #[cfg(not(unix))]
    common::copy_tree(&modules, &link);
    common::run(
        Command::new(&tools.tsc)
            .current_dir(dir)
            .args(["-p", "tsconfig.test.json"]),
    );
    let out = common::run(
        Command::new(&tools.node)
            .current_dir(dir)
            .env("TRACKGEN_PAYLOADS", common::payloads("onlive"))
            .args(["--test", "--test-reporter=tap"])
            .arg(format!("out/test/{case}.test.js")),
    );
    assert!(out.contains("\n# fail 0\n"), "{out}");
    let passed = out
        .lines()
        .find_map(|l| l.strip_prefix("# pass "))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    assert!(passed > 0, "no test passed:\n{out}");
    eprintln!(
        "typescript/{case}: tsc (tsconfig and explicit flags), prettier --check, {passed} node tests passed"
    );
    out
}

#[test]
fn onlive_package_passes_the_toolchain_and_the_payload_corpus() {
    let Some(tools) = tools() else { return };
    let (golden, _) = golden_onlive();
    let dir = common::scratch("typescript-onlive");
    common::copy_tree(&golden, &dir);
    let out = check_package(&tools, &dir, "onlive");
    let corpus = std::fs::read_to_string(common::payloads("onlive")).unwrap();
    let n = corpus.lines().filter(|l| !l.trim().is_empty()).count();
    let agreed = format!("corpus: {n}/{n} lines agree");
    assert!(out.contains(&agreed), "expected `{agreed}` in:\n{out}");
    eprintln!("typescript/onlive: {agreed}");
}

#[test]
fn all_types_case_passes_the_toolchain() {
    let Some(tools) = tools() else { return };
    let dir = common::scratch("typescript-all-types");
    write_tree(&dir, &generate("tests/cases/all-types/spec.md"));
    check_package(&tools, &dir, "all-types");
}

#[test]
fn hostile_case_passes_the_toolchain() {
    let Some(tools) = tools() else { return };
    let dir = common::scratch("typescript-hostile");
    write_tree(&dir, &generate("tests/cases/hostile/spec.md"));
    check_package(&tools, &dir, "hostile");
}

#[test]
fn typescript_pin_matches_the_toolchain_manifest() {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(harness().join("package.json")).unwrap())
            .unwrap();
    let pinned = manifest["devDependencies"]["typescript"].as_str().unwrap();
    assert_eq!(trackgen::lang::typescript::TYPESCRIPT_VERSION, pinned);
    let generated: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::generated("onlive", "typescript").join("package.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        generated["devDependencies"]["typescript"].as_str(),
        Some(pinned)
    );
    assert_eq!(generated["name"].as_str(), Some("onlive-tracker"));
}

#[test]
fn a_plan_without_events_still_compiles() {
    let Some(tools) = tools() else { return };
    let spec = "# Groups only\n\n## Data\n\n### G `g`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a? | string | | A |\n";
    let loaded = trackgen::load_str("groups-only.md", "groups-only", spec).unwrap();
    let mut d = loaded.diagnostics.clone();
    let out = TypeScript.generate(&loaded.model, &Context::new("groups-only.md", spec), &mut d);
    assert!(!d.has_errors(), "{}", d.render());
    let dir = common::scratch("typescript-groups-only");
    write_tree(&dir, &out);
    static_checks(&tools, &dir);
}
