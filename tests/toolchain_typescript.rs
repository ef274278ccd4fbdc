//! The TypeScript backend against the real toolchain (pinned in `tests/toolchains/typescript/`):
//!
//! 1. freshness: `generated/<spec>/typescript/` is what the backend generates now, for every spec
//!    in `spec/` (`TRACKGEN_BLESS=1` rewrites them);
//! 2. `tsc --noEmit` with the package's strict `tsconfig.json`, the package's build, and `tsc`
//!    again with the strict flags given explicitly on the command line, for every generated package,
//!    `tests/cases/all-types`, `tests/cases/hostile` and `tests/toolchains/typescript/stress.md`;
//!    `prettier --check` on the same trees (the output is a fixed point);
//! 3. behaviour: `tests/toolchains/typescript/test/<case>.*.ts` compiled with the generated sources
//!    and run with `node --test`: the onlive payload corpus, and for the other plans a corpus made
//!    here from the spec (its examples and samples of every table, each with single-fault
//!    mutations) with the verdict, kind and pointer of the Rust reference (`trackgen::payload`) on
//!    every line; the tracker with a `RecordingSink`; lifecycles against the documented sequences;
//!    type tests (`@ts-expect-error`) that fail the compile when a wrong call would type-check.
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

use serde_json::{Value, json};
use trackgen::Language;
use trackgen::lang::typescript::TypeScript;
use trackgen::lang::{Backend, Context, files};
use trackgen::model::{Model, Object, Property, StringFormat, Type};

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

/// The specs whose packages are committed under `generated/<spec>/typescript/`.
const SPECS: &[&str] = &[
    "onlive",
    "segment-live-chat",
    "enghouse-contact",
    "genesys-webchat",
];

/// `generated/<spec>/typescript`, rewritten first (once per spec and test run) when
/// `TRACKGEN_BLESS=1`.
fn golden(spec: &str) -> (PathBuf, Vec<trackgen::GeneratedFile>) {
    static BLESSED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let out = generate(&format!("spec/{spec}.md"));
    let dir = common::generated(spec, "typescript");
    let mut blessed = BLESSED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !blessed.iter().any(|s| s == spec) {
        blessed.push(spec.to_owned());
        if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
            let _ = std::fs::remove_dir_all(&dir);
            write_tree(&dir, &out);
        }
    }
    (dir, out)
}

#[test]
fn generated_typescript_packages_are_fresh() {
    for spec in SPECS {
        let (dir, out) = golden(spec);
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
}

#[test]
fn generation_is_deterministic() {
    let mut specs: Vec<String> = SPECS.iter().map(|s| format!("spec/{s}.md")).collect();
    specs.extend(
        [
            "tests/cases/all-types/spec.md",
            "tests/cases/hostile/spec.md",
            "tests/toolchains/typescript/stress.md",
        ]
        .map(str::to_owned),
    );
    for spec in &specs {
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
fn check_package(tools: &Tools, dir: &Path, case: &str, env: &[(&str, PathBuf)]) -> String {
    static_checks(tools, dir);
    // 4. Behaviour and type tests, compiled with the generated sources.
    let test_dir = dir.join("test");
    std::fs::create_dir_all(&test_dir).unwrap();
    let mut copied = 0;
    for entry in std::fs::read_dir(harness().join("test")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(&format!("{case}.")) || name == "corpus.ts" {
            std::fs::copy(&path, test_dir.join(&name)).unwrap();
            copied += 1;
        }
    }
    assert!(copied > 1, "no behaviour test for {case}");
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
    let mut node = Command::new(&tools.node);
    node.current_dir(dir)
        .env("TRACKGEN_PAYLOADS", common::payloads("onlive"))
        .args(["--test", "--test-reporter=tap"])
        .arg(format!("out/test/{case}.test.js"));
    for (key, value) in env {
        node.env(key, value);
    }
    let out = common::run(&mut node);
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
    let (golden, _) = golden("onlive");
    let dir = common::scratch("typescript-onlive");
    common::copy_tree(&golden, &dir);
    let out = check_package(&tools, &dir, "onlive", &[]);
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
    check_package(&tools, &dir, "all-types", &[]);
}

#[test]
fn hostile_case_passes_the_toolchain() {
    let Some(tools) = tools() else { return };
    let dir = common::scratch("typescript-hostile");
    write_tree(&dir, &generate("tests/cases/hostile/spec.md"));
    check_package(&tools, &dir, "hostile", &[]);
}

#[test]
fn typescript_pin_matches_the_toolchain_manifest() {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(harness().join("package.json")).unwrap())
            .unwrap();
    let pinned = manifest["devDependencies"]["typescript"].as_str().unwrap();
    assert_eq!(trackgen::lang::typescript::TYPESCRIPT_VERSION, pinned);
    for spec in SPECS {
        let generated: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(common::generated(spec, "typescript").join("package.json"))
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            generated["devDependencies"]["typescript"].as_str(),
            Some(pinned)
        );
        assert_eq!(
            generated["name"].as_str(),
            Some(format!("{spec}-tracker").as_str())
        );
    }
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

// ---------------------------------------------------------------------------
// The plans with extensions: a corpus made from the spec, judged by the Rust reference.
// ---------------------------------------------------------------------------

/// What a corpus line is checked against: the envelope parser, or an object type's parser.
#[derive(Clone, Copy)]
enum Target<'m> {
    Envelope,
    Object(&'m Object),
}

/// The reference verdict: `None` when valid, else the first fault (kind, pointer).
fn reference(model: &Model, target: Target, value: &Value) -> Option<(String, String)> {
    let fault = match target {
        Target::Envelope => trackgen::payload::validate_envelope(model, value).err(),
        Target::Object(o) => {
            trackgen::payload::properties_faults(model, &o.properties, o.additional.as_ref(), value)
                .into_iter()
                .next()
        }
    };
    fault.map(|f| (f.kind.as_str().to_owned(), f.pointer))
}

/// A valid value of type `t` (every optional key present, a `*` row exercised).
fn sample(model: &Model, t: &Type) -> Value {
    match t {
        Type::String { format } => json!(match format {
            None => "text",
            Some(StringFormat::Uuid) => "123e4567-e89b-12d3-a456-426614174000",
            Some(StringFormat::DateTime) => "2024-05-01T12:00:00.5+02:00",
            Some(StringFormat::Date) => "2024-05-01",
            Some(StringFormat::Email) => "a@example.com",
            Some(StringFormat::Uri) => "https://example.com/x",
        }),
        Type::Number => json!(1.5),
        Type::Integer { .. } => json!(1642604343456_i64),
        Type::Boolean => json!(false),
        Type::Object => json!({"free": [1, {"form": true}]}),
        Type::Any => json!({"any": "thing"}),
        Type::Array { items } => json!([sample(model, items), sample(model, items)]),
        Type::Map { values } => json!({"k/1": sample(model, values), "12": sample(model, values)}),
        Type::Ref { name } => {
            let o = model.object(name).unwrap();
            table_sample(model, &o.properties, o.additional.as_ref(), true)
        }
        Type::Enum { name } => json!(model.enum_def(name).unwrap().values[0]),
        Type::Union { variants } => sample(model, variants.last().unwrap()),
    }
}

/// A valid object for a table: every row (or only the required ones), plus a key for the `*` row.
fn table_sample(model: &Model, props: &[Property], additional: Option<&Type>, all: bool) -> Value {
    let mut out = serde_json::Map::new();
    for p in props.iter().filter(|p| all || !p.optional) {
        out.insert(p.name.clone(), sample(model, &p.ty));
    }
    if let Some(t) = additional {
        out.insert("zz_other~key".to_owned(), sample(model, t));
    }
    Value::Object(out)
}

/// Every JSON pointer into `v` (the root included).
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match v {
        Value::Object(m) => {
            for (k, item) in m {
                pointers(item, &format!("{at}/{}", escape(k)), out);
            }
        }
        Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                pointers(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Single-change mutations of `seed`: each location replaced by values of every JSON type, each
/// key removed, an unknown key added to each object, `null` appended to each array. One change
/// makes at most one fault, so the first fault is the same in every implementation.
fn mutations(seed: &Value, root: bool) -> Vec<(String, Value)> {
    let replacements = [
        json!(null),
        json!(12345),
        json!(1.5),
        json!("str"),
        json!(true),
        json!([]),
        json!({}),
    ];
    let mut at = Vec::new();
    pointers(seed, "", &mut at);
    let mut out = Vec::new();
    for p in at.iter().filter(|p| root || !p.is_empty()) {
        let current = seed.pointer(p).unwrap().clone();
        for r in &replacements {
            if *r != current {
                let mut v = seed.clone();
                *v.pointer_mut(p).unwrap() = r.clone();
                out.push((format!("{p} = {r}"), v));
            }
        }
        match &current {
            Value::Object(m) => {
                for k in m.keys() {
                    let mut v = seed.clone();
                    v.pointer_mut(p).unwrap().as_object_mut().unwrap().remove(k);
                    out.push((format!("{p}: without {k:?}"), v));
                }
                for extra in [json!(1), json!("s")] {
                    let mut v = seed.clone();
                    let obj = v.pointer_mut(p).unwrap().as_object_mut().unwrap();
                    obj.insert("zz_unknown".to_owned(), extra.clone());
                    out.push((format!("{p}: with zz_unknown = {extra}"), v));
                }
            }
            Value::Array(_) => {
                let mut v = seed.clone();
                v.pointer_mut(p)
                    .unwrap()
                    .as_array_mut()
                    .unwrap()
                    .push(json!(null));
                out.push((format!("{p}: null appended"), v));
            }
            _ => {}
        }
    }
    out
}

/// The corpus of a plan: for each seed (the spec's examples, a full and a minimal sample of every
/// event and object type) the seed and its mutations, with the reference verdict. Checks that the
/// seeds are valid. Returns the JSON lines.
fn corpus(model: &Model) -> Vec<String> {
    let mut seeds: Vec<(String, Target, Value)> = Vec::new();
    let envelope = |properties: Value, all: bool| {
        let mut env = table_sample(model, &model.envelope, None, all);
        let map = env.as_object_mut().unwrap();
        map.insert("properties".to_owned(), properties);
        env
    };
    for e in &model.events {
        if let Some(x) = e.example.as_ref().and_then(|x| x.parsed.clone()) {
            let x = if x.get("properties").is_some() {
                x
            } else {
                let mut env = envelope(x, true);
                env["event"] = json!(e.name);
                env
            };
            seeds.push((format!("{} example", e.id), Target::Envelope, x));
        }
        for all in [true, false] {
            let props = table_sample(model, &e.properties, e.additional.as_ref(), all);
            let mut env = envelope(props, all);
            env["event"] = json!(e.name);
            let which = if all { "full" } else { "minimal" };
            seeds.push((format!("{} {which}", e.id), Target::Envelope, env));
        }
    }
    for o in &model.objects {
        if let Some(x) = o.example.as_ref().and_then(|x| x.parsed.clone()) {
            seeds.push((format!("{} example", o.id), Target::Object(o), x));
        }
        for all in [true, false] {
            let v = table_sample(model, &o.properties, o.additional.as_ref(), all);
            let which = if all { "full" } else { "minimal" };
            seeds.push((format!("{} {which}", o.id), Target::Object(o), v));
        }
    }
    let mut lines = Vec::new();
    for (name, target, seed) in &seeds {
        assert_eq!(
            reference(model, *target, seed),
            None,
            "seed {name} must be valid: {seed}"
        );
        let root = matches!(target, Target::Envelope);
        let mut cases = vec![(String::new(), seed.clone())];
        cases.extend(mutations(seed, root));
        for (change, value) in cases {
            let verdict = reference(model, *target, &value);
            let mut line = json!({
                "name": if change.is_empty() { name.clone() } else { format!("{name}: {change}") },
                "value": value,
                "valid": verdict.is_none(),
                "error": verdict.map(|(kind, pointer)| json!({"kind": kind, "pointer": pointer})),
            });
            if let Target::Object(o) = target {
                line["object"] = json!(o.id);
            }
            lines.push(line.to_string());
        }
    }
    lines
}

/// The spec's examples and lifecycles, for the behaviour tests.
fn fixtures(model: &Model) -> Value {
    let examples: Vec<Value> = model
        .events
        .iter()
        .filter_map(|e| Some(json!({"event": e.name, "value": e.example.as_ref()?.parsed})))
        .chain(
            model
                .objects
                .iter()
                .filter_map(|o| Some(json!({"object": o.id, "value": o.example.as_ref()?.parsed}))),
        )
        .collect();
    let lifecycles: Vec<Value> = model
        .lifecycles
        .iter()
        .map(|l| json!({"id": l.id, "sequences": l.sequences, "transitions": l.transitions}))
        .collect();
    json!({"examples": examples, "lifecycles": lifecycles})
}

/// Checks the package of `spec` (a path) built in `dir` with the behaviour tests of `case`, the
/// corpus of the spec and its fixtures. Returns the number of corpus lines.
fn check_with_corpus(tools: &Tools, spec: &str, dir: &Path, case: &str) -> usize {
    let model = trackgen::load(spec).unwrap().model;
    let lines = corpus(&model);
    let corpus_path = dir.join("corpus.jsonl");
    std::fs::write(&corpus_path, lines.join("\n") + "\n").unwrap();
    let fixtures_path = dir.join("fixtures.json");
    std::fs::write(&fixtures_path, fixtures(&model).to_string()).unwrap();
    let out = check_package(
        tools,
        dir,
        case,
        &[
            ("TRACKGEN_CORPUS", corpus_path),
            ("TRACKGEN_FIXTURES", fixtures_path),
        ],
    );
    let n = lines.len();
    let agreed = format!("corpus: {n}/{n} lines agree");
    assert!(out.contains(&agreed), "expected `{agreed}` in:\n{out}");
    let invalid = lines
        .iter()
        .filter(|l| l.contains("\"valid\":false"))
        .count();
    eprintln!("typescript/{case}: {agreed} ({invalid} invalid)");
    n
}

fn check_golden_with_corpus(spec: &str) {
    let Some(tools) = tools() else { return };
    let (golden, _) = golden(spec);
    let dir = common::scratch(&format!("typescript-{spec}"));
    common::copy_tree(&golden, &dir);
    check_with_corpus(&tools, &format!("spec/{spec}.md"), &dir, spec);
}

#[test]
fn segment_live_chat_package_passes_the_toolchain_and_agrees_with_the_reference() {
    check_golden_with_corpus("segment-live-chat");
}

#[test]
fn enghouse_contact_package_passes_the_toolchain_and_agrees_with_the_reference() {
    check_golden_with_corpus("enghouse-contact");
}

#[test]
fn genesys_webchat_package_passes_the_toolchain_and_agrees_with_the_reference() {
    check_golden_with_corpus("genesys-webchat");
}

#[test]
fn stress_case_passes_the_toolchain_and_agrees_with_the_reference() {
    let Some(tools) = tools() else { return };
    let spec = "tests/toolchains/typescript/stress.md";
    let dir = common::scratch("typescript-stress");
    write_tree(&dir, &generate(spec));
    check_with_corpus(&tools, spec, &dir, "stress");
}
