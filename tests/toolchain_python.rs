//! The Python backend against the real tools: `generated/<spec>/python` must be fresh for every
//! spec, and every generated package (the specs', and those of `tests/cases/{all-types,hostile}`
//! and the harness's own stress specs) must pass `mypy --strict` (3.11 and 3.10 rules),
//! `ruff check` and `ruff format --check`; pytest then drives the tracker and runs payload corpora
//! through the generated parser.
//!
//! Corpora: `tests/payloads/onlive.jsonl`, `scripts/make_payloads.py` for the test cases, and for
//! the specs with extensions (object types, maps, open enums, `*` rows, envelope fields) one built
//! here from the model: valid payloads and single-fault mutations of them, each line carrying the
//! verdict, kind and pointer of the reference validator (`trackgen::payload`), which the Python
//! parser must match on every line.
//!
//! `TRACKGEN_BLESS=1 cargo test --test toolchain_python` rewrites `generated/<spec>/python`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value, json};
use trackgen::lang::{Backend, Context, files};
use trackgen::model::{Object, Property, StringFormat, Type};
use trackgen::payload::{Fault, properties_faults, validate_envelope};
use trackgen::{GeneratedFile, Language, Model};

/// The specs whose Python packages are committed under `generated/`.
const SPECS: &[&str] = &[
    "onlive",
    "segment-live-chat",
    "enghouse-contact",
    "genesys-webchat",
];

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

/// `generated/<spec>/python` is what the backend generates now (and what `trackgen generate`
/// writes); with `TRACKGEN_BLESS=1` it is rewritten first.
fn assert_fresh(spec: &str) {
    let rel = format!("spec/{spec}.md");
    let (_, files) = generate(&rel, spec);
    // The library path `trackgen generate` uses gives the same files.
    let via_library = trackgen::generate_files(
        &[rel.as_str()],
        &trackgen::Options::languages(&[Language::Python]),
        |_| {},
    )
    .unwrap();
    let prefix = format!("{spec}/python/");
    let via_library: Vec<GeneratedFile> = via_library
        .into_iter()
        .filter_map(|f| {
            let path = f.path.strip_prefix(&prefix)?.to_owned();
            Some(GeneratedFile::new(path, f.contents))
        })
        .collect();
    assert_eq!(
        via_library, files,
        "{spec}: the library path and the backend disagree"
    );
    // Deterministic: a second run gives the same bytes.
    assert_eq!(generate(&rel, spec).1, files);

    let dir = common::generated(spec, "python");
    if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&dir);
        write_tree(&dir, &files);
    }
    let stale = format!(
        "generated/{spec}/python is stale: run `trackgen generate` (or TRACKGEN_BLESS=1 cargo \
         test --test toolchain_python)"
    );
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

#[test]
fn generated_python_is_fresh() {
    for spec in SPECS {
        assert_fresh(spec);
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

/// `mypy --strict` on harness files, against the package in `project`: the typed harness proves
/// the public API is usable from typed code.
fn check_harness(t: &Tools, project: &Path, names: &[&str]) {
    let harness = common::root().join("tests/toolchains/python");
    common::run(
        cmd(&t.mypy, project)
            .args(["--strict", "--cache-dir"])
            .arg(project.join(".mypy_cache"))
            .args(names.iter().map(|n| harness.join(n)))
            .env("MYPYPATH", project),
    );
}

/// Copies the harness next to the project (nothing is ever written into the repository) and
/// runs pytest on `tests` with the corpus (and the fixture, when given); returns how many corpus
/// lines agreed.
fn pytest(
    t: &Tools,
    project: &Path,
    package: &str,
    corpus: &Path,
    fixture: Option<&Path>,
    tests: &[&str],
) -> usize {
    let harness = project.parent().unwrap().join("harness");
    std::fs::create_dir_all(&harness).unwrap();
    let source = common::root().join("tests/toolchains/python");
    for entry in std::fs::read_dir(&source).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("test_") && name.ends_with(".py") {
            std::fs::copy(source.join(&name), harness.join(&name)).unwrap();
        }
    }
    let report = harness.join("report.json");
    let _ = std::fs::remove_file(&report);
    let mut c = cmd(&t.pytest, &harness);
    c.args([
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
    .env("TRACKGEN_REPORT", &report);
    if let Some(f) = fixture {
        c.env("TRACKGEN_FIXTURE", f);
    }
    let out = common::run(&mut c);
    eprintln!("{}", out.trim_end());
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
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
    check_harness(&t, &project, &["test_onlive.py", "test_corpus.py"]);
    // The harness files themselves stay lint- and format-clean.
    let harness = common::root().join("tests/toolchains/python");
    let harness_copy = project.parent().unwrap().join("harness-lint");
    std::fs::create_dir_all(&harness_copy).unwrap();
    for entry in std::fs::read_dir(&harness).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".py") {
            std::fs::copy(harness.join(&name), harness_copy.join(&name)).unwrap();
        }
    }
    common::run(cmd(&t.ruff, &harness_copy).args(["check", "--no-cache", "."]));
    common::run(cmd(&t.ruff, &harness_copy).args(["format", "--check", "--no-cache", "."]));
    let agreed = pytest(
        &t,
        &project,
        "onlive_tracker",
        &common::payloads("onlive"),
        None,
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
    let agreed = pytest(&t, &project, &package, &corpus, None, &["test_corpus.py"]);
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

// ---------------------------------------------------------------------------------------------
// Corpora built from the model, with the reference validator's verdicts.

/// The corpus line of an envelope: the reference verdict, kind and pointer.
fn envelope_line(model: &Model, name: String, envelope: Value) -> Value {
    let verdict = validate_envelope(model, &envelope).err();
    line(name, "envelope", envelope, None, verdict.as_ref())
}

/// The corpus line of an object type's instance (checked with `Class.from_dict`).
fn object_line(model: &Model, o: &Object, name: String, instance: Value) -> Value {
    let faults = properties_faults(model, &o.properties, o.additional.as_ref(), &instance);
    line(name, "instance", instance, Some(&o.id), faults.first())
}

fn line(
    name: String,
    key: &str,
    value: Value,
    object: Option<&str>,
    fault: Option<&Fault>,
) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(name));
    if let Some(id) = object {
        m.insert("object".into(), json!(id));
    }
    m.insert(key.into(), value);
    m.insert("valid".into(), json!(fault.is_none()));
    m.insert(
        "error".into(),
        fault.map_or(
            Value::Null,
            |f| json!({"kind": f.kind.as_str(), "pointer": f.pointer}),
        ),
    );
    Value::Object(m)
}

/// A valid value of `ty` (objects get every property down to `depth` 0, then required ones).
fn sample(model: &Model, ty: &Type, depth: usize) -> Value {
    match ty {
        Type::String { format: None } => json!("x"),
        Type::String { format: Some(f) } => json!(match f {
            StringFormat::Uuid => "123e4567-e89b-12d3-a456-426614174000",
            StringFormat::DateTime => "2024-05-01T12:00:00Z",
            StringFormat::Date => "2024-05-01",
            StringFormat::Email => "a@example.com",
            StringFormat::Uri => "https://example.com/a",
        }),
        Type::Number => json!(1.5),
        Type::Integer { .. } => json!(7),
        Type::Boolean => json!(true),
        Type::Object => json!({"k": "v"}),
        Type::Any => json!("any"),
        Type::Array { items } => json!([sample(model, items, depth)]),
        Type::Enum { name } => {
            let def = model.enum_def(name).unwrap();
            json!(def.values.first().cloned().unwrap_or_else(|| "x".into()))
        }
        Type::Map { values } => json!({"k/~1 ": sample(model, values, depth)}),
        Type::Ref { name } => {
            let o = model.object(name).unwrap();
            table_sample(model, &o.properties, depth > 0, depth.saturating_sub(1))
        }
        Type::Union { variants } => sample(model, &variants[0], depth),
    }
}

/// A valid properties object: every row (`all`) or the required ones.
fn table_sample(model: &Model, props: &[Property], all: bool, depth: usize) -> Value {
    let mut m = Map::new();
    for p in props {
        if all || !p.optional {
            m.insert(p.name.clone(), sample(model, &p.ty, depth));
        }
    }
    Value::Object(m)
}

/// Values to put in a slot of type `ty`, valid and not (the reference decides which is which):
/// JSON values of every kind, the edge cases of each type, and, down to `depth`, single faults
/// inside arrays, maps and objects.
fn variants(model: &Model, ty: &Type, depth: usize) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = [
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(7),
        json!(3.0),
        json!(3.5),
        json!(-2),
        json!("x"),
        json!(""),
        json!([]),
        json!({}),
    ]
    .into_iter()
    .map(|v| (v.to_string(), v))
    .collect();
    let mut push = |label: String, v: Value| out.push((label, v));
    match ty {
        Type::String { format: Some(f) } => {
            let cases: &[&str] = match f {
                StringFormat::Uuid => &[
                    "123E4567-E89B-12D3-A456-426614174000",
                    "123e4567e89b12d3a456426614174000",
                    "123e4567-e89b-12d3-a456-426614174000\n",
                    "{123e4567-e89b-12d3-a456-426614174000}",
                ],
                StringFormat::DateTime => &[
                    "2024-05-01t12:00:00.5+02:00",
                    "2024-05-01 12:00:00Z",
                    "2024-05-01T12:00:00Z\n",
                    "2024-05-01T12:00:00.Z",
                    "٢٠٢٤-05-01T12:00:00Z",
                ],
                StringFormat::Date => &["2024-5-01", "2024-05-01\n", "٢٠٢٤-05-01"],
                StringFormat::Email => &["a b@c", "a@b@c", "a\u{85}b@c", "a\u{b}b@c", "@b"],
                StringFormat::Uri => &["urn:isbn:1", "1http://x", "no scheme", "a:b\u{c}c"],
            };
            for c in cases {
                push(format!("{c:?}"), json!(c));
            }
        }
        Type::Enum { name } => {
            let def = model.enum_def(name).unwrap();
            push("an unknown value".into(), json!("NOT A KNOWN VALUE"));
            if let Some(first) = def.values.first() {
                push(
                    "the first value upper-cased".into(),
                    json!(first.to_uppercase()),
                );
                push(
                    "the first value plus a space".into(),
                    json!(format!("{first} ")),
                );
                push("the first value".into(), json!(first));
            }
        }
        Type::Array { items } if depth > 0 => {
            for (l, v) in variants(model, items, depth - 1) {
                push(format!("[ok, {l}]"), json!([sample(model, items, 0), v]));
            }
        }
        Type::Map { values } if depth > 0 => {
            for (l, v) in variants(model, values, depth - 1) {
                let mut m = Map::new();
                m.insert("a".into(), sample(model, values, 0));
                m.insert("k/~1 ".into(), v);
                push(format!("{{a: ok, \"k/~1 \": {l}}}"), Value::Object(m));
            }
        }
        Type::Ref { name } if depth > 0 => {
            let o = model.object(name).unwrap();
            for (l, v) in table_variants(model, &o.properties, o.additional.as_ref(), depth - 1) {
                push(format!("{name} {{{l}}}"), v);
            }
        }
        Type::Union { variants: vs } => {
            for v in vs {
                for (l, x) in variants(model, v, depth) {
                    push(l, x);
                }
            }
        }
        _ => {}
    }
    let mut seen = BTreeSet::new();
    out.retain(|(_, v)| seen.insert(v.to_string()));
    out
}

/// A table's valid objects (every row, required rows only) and single faults of the full one:
/// each required row removed, each row set to every [`variants`] value, unknown keys (valid with
/// a `*` row and a value of its type, `null` never).
fn table_variants(
    model: &Model,
    props: &[Property],
    additional: Option<&Type>,
    depth: usize,
) -> Vec<(String, Value)> {
    let full = table_sample(model, props, true, depth);
    let mut out = vec![
        ("every property".to_owned(), full.clone()),
        (
            "required only".to_owned(),
            table_sample(model, props, false, depth),
        ),
    ];
    for p in props {
        if !p.optional {
            let mut v = full.clone();
            v.as_object_mut().unwrap().remove(&p.name);
            out.push((format!("{} missing", p.name), v));
        }
        for (l, x) in variants(model, &p.ty, depth) {
            let mut v = full.clone();
            v[&p.name] = x;
            out.push((format!("{} = {l}", p.name), v));
        }
    }
    let extra = additional.map_or(json!(1), |t| sample(model, t, 0));
    for (key, value) in [
        ("not in the table", extra.clone()),
        ("a/b~c", extra),
        ("null extra", Value::Null),
        ("number extra", json!(2)),
    ] {
        let mut v = full.clone();
        v[key] = value;
        out.push((format!("extra key {key:?}"), v));
    }
    out
}

/// Envelopes of a plan: for each event, its table's variants inside a valid envelope; the
/// envelope's own faults (shape, keys, `event`, `properties`, the envelope fields and their
/// order against other faults).
fn envelope_corpus(model: &Model) -> Vec<Value> {
    let mut out = Vec::new();
    let fields = table_sample(model, &model.envelope, true, 0);
    let envelope = |name: &str, props: Value| {
        let mut env = fields.clone();
        env["event"] = json!(name);
        env["properties"] = props;
        env
    };
    for ev in &model.events {
        for (l, props) in table_variants(model, &ev.properties, ev.additional.as_ref(), 2) {
            let name = format!("event {}: {l}", ev.id);
            out.push(envelope_line(model, name, envelope(&ev.name, props)));
        }
    }
    let Some(ev) = model.events.first() else {
        return out;
    };
    let props = table_sample(model, &ev.properties, false, 0);
    let good = envelope(&ev.name, props.clone());
    let mut cases: Vec<(String, Value)> = vec![
        ("envelope null".into(), json!(null)),
        ("envelope an array".into(), json!([good.clone()])),
        ("envelope a string".into(), json!("x")),
        ("envelope empty".into(), json!({})),
    ];
    let edit = |f: &dyn Fn(&mut Map<String, Value>)| {
        let mut v = good.clone();
        f(v.as_object_mut().unwrap());
        v
    };
    cases.push(("event missing".into(), edit(&|m| drop(m.remove("event")))));
    cases.push((
        "properties missing".into(),
        edit(&|m| drop(m.remove("properties"))),
    ));
    cases.push((
        "event missing, unknown key".into(),
        edit(&|m| {
            m.remove("event");
            m.insert("zzz".into(), json!(1));
        }),
    ));
    for (l, v) in [
        ("event 5", json!(5)),
        ("event null", json!(null)),
        ("event unknown", json!("no such event")),
        ("event upper-cased", json!(ev.name.to_uppercase())),
        ("event with a space", json!(format!("{} ", ev.name))),
    ] {
        cases.push((
            l.into(),
            edit(&|m| drop(m.insert("event".into(), v.clone()))),
        ));
    }
    for (l, v) in [
        ("properties null", json!(null)),
        ("properties an array", json!([])),
        ("properties a string", json!("x")),
    ] {
        cases.push((
            l.into(),
            edit(&|m| drop(m.insert("properties".into(), v.clone()))),
        ));
    }
    cases.push((
        "unknown envelope key".into(),
        edit(&|m| drop(m.insert("zzz".into(), json!("x")))),
    ));
    cases.push((
        "unknown envelope key, bad event".into(),
        edit(&|m| {
            m.insert("zzz".into(), json!("x"));
            m.insert("event".into(), json!(5));
        }),
    ));
    for p in &model.envelope {
        cases.push((
            format!("envelope field {} missing", p.name),
            edit(&|m| drop(m.remove(&p.name))),
        ));
        cases.push((
            format!("envelope field {} missing, bad event", p.name),
            edit(&|m| {
                m.remove(&p.name);
                m.insert("event".into(), json!(5));
                m.insert("zzz".into(), json!(1));
            }),
        ));
        for (l, v) in variants(model, &p.ty, 0) {
            cases.push((
                format!("envelope field {} = {l}", p.name),
                edit(&|m| drop(m.insert(p.name.clone(), v.clone()))),
            ));
        }
    }
    for (name, v) in cases {
        out.push(envelope_line(model, name, v));
    }
    out
}

/// Instances of every object type: its table's variants.
fn object_corpus(model: &Model) -> Vec<Value> {
    let mut out = Vec::new();
    for o in &model.objects {
        for (l, v) in table_variants(model, &o.properties, o.additional.as_ref(), 2) {
            out.push(object_line(model, o, format!("object {}: {l}", o.id), v));
        }
        out.push(object_line(
            model,
            o,
            format!("object {}: not an object", o.id),
            json!([]),
        ));
    }
    out
}

/// The spec's own examples and lifecycles, for the spec's pytest file.
fn fixture(model: &Model) -> Value {
    let events: Vec<Value> = model
        .events
        .iter()
        .map(|e| {
            let example = e.example.as_ref().and_then(|x| x.parsed.clone());
            json!({"id": e.id, "name": e.name, "example": example})
        })
        .collect();
    let objects: Vec<Value> = model
        .objects
        .iter()
        .map(|o| {
            let example = o.example.as_ref().and_then(|x| x.parsed.clone());
            json!({"id": o.id, "example": example})
        })
        .collect();
    let lifecycles: Vec<Value> = model
        .lifecycles
        .iter()
        .map(|l| {
            json!({
                "id": l.id,
                "states": l.states,
                "initial": l.initial,
                "terminal": l.terminal,
                "transitions": l.transitions,
                "sequences": l.sequences,
            })
        })
        .collect();
    json!({"events": events, "objects": objects, "lifecycles": lifecycles})
}

fn write_lines(path: &Path, lines: &[Value]) {
    let mut text = String::new();
    for l in lines {
        text.push_str(&serde_json::to_string(l).unwrap());
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

/// Counts of a corpus: lines, valid ones, and invalid ones per kind.
fn summary(lines: &[Value]) -> String {
    let valid = lines.iter().filter(|l| l["valid"] == json!(true)).count();
    let mut kinds: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for l in lines {
        if let Some(k) = l["error"]["kind"].as_str() {
            *kinds.entry(k.to_owned()).or_default() += 1;
        }
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    format!("{} lines, {valid} valid; {}", lines.len(), kinds.join(", "))
}

/// A spec (or harness spec) with extensions: static checks, the typed harness, the model-built
/// corpus with the reference's verdicts, and the spec's own behaviour tests.
fn check_extensions(rel: &str, name: &str, tests: &[&str], committed: bool) -> Option<Model> {
    let t = tools()?;
    let (model, files) = generate(rel, name);
    let root = common::scratch(&format!("python-{name}"));
    let project = root.join("project");
    if committed {
        common::copy_tree(&common::generated(name, "python"), &project);
    } else {
        write_tree(&project, &files);
    }
    let package = format!("{}_tracker", name.replace('-', "_"));
    static_checks(&t, &project, &package);
    let typed: Vec<&str> = tests
        .iter()
        .copied()
        .filter(|n| *n != "test_corpus.py")
        .collect();
    if !typed.is_empty() {
        check_harness(&t, &project, &typed);
    }
    let mut lines = envelope_corpus(&model);
    lines.extend(object_corpus(&model));
    assert!(
        lines.iter().any(|l| l["valid"] == json!(true))
            && lines.iter().any(|l| l["valid"] == json!(false)),
        "{name}: a corpus needs valid and invalid lines"
    );
    let corpus = root.join("corpus.jsonl");
    write_lines(&corpus, &lines);
    let fixture_path = root.join("fixture.json");
    std::fs::write(&fixture_path, fixture(&model).to_string()).unwrap();
    let agreed = pytest(&t, &project, &package, &corpus, Some(&fixture_path), tests);
    eprintln!(
        "python {name}: {agreed}/{agreed} corpus lines agreed with trackgen::payload ({})",
        summary(&lines)
    );
    Some(model)
}

/// Segment: envelope fields (`userId`, `action?`), event names with spaces, `*` rows; the four
/// seed examples are whole envelopes.
#[test]
fn segment_live_chat_envelope_fields_and_star_rows() {
    let Some(model) = check_extensions(
        "spec/segment-live-chat.md",
        "segment-live-chat",
        &["test_corpus.py", "test_segment_live_chat.py"],
        true,
    ) else {
        return;
    };
    let examples = model
        .events
        .iter()
        .filter(|e| e.example.as_ref().is_some_and(|x| x.parsed.is_some()))
        .count();
    assert_eq!(examples, 4, "the four seed examples");
}

/// Enghouse: no events; object types with maps of refs, arrays of refs, unions, open and prose
/// enums, `*` rows; the Contact example round-trips.
#[test]
fn enghouse_contact_object_types() {
    check_extensions(
        "spec/enghouse-contact.md",
        "enghouse-contact",
        &["test_corpus.py", "test_enghouse_contact.py"],
        true,
    );
}

/// Genesys: eight events from three groups, integer units, an `array/boolean` union, and the
/// `interaction` lifecycle with its four documented sequences.
#[test]
fn genesys_webchat_groups_and_the_lifecycle() {
    check_extensions(
        "spec/genesys-webchat.md",
        "genesys-webchat",
        &["test_corpus.py", "test_genesys_webchat.py"],
        true,
    );
}

/// The extensions under stress: long names (lifecycles, object types, open enums), reserved and
/// colliding names (`additional`, `_id` and `id`, `_from_wire`), typed `*` rows, maps of maps,
/// unions of refs, optional envelope fields, a plan of objects and a lifecycle without events.
#[test]
fn extension_stress_case_passes_the_strict_tools_and_its_corpus() {
    check_extensions(
        "tests/toolchains/python/extensions.md",
        "extensions",
        &["test_corpus.py"],
        false,
    );
}
