//! The JSON Schema backend against a third-party validator: the pinned Python `jsonschema`
//! package (tests/toolchains/python/requirements.txt) runs tests/toolchains/jsonschema/check.py,
//! which validates each schema against the 2020-12 metaschema, checks every `examples` entry,
//! and compares verdicts with case files: the payload corpus, the hand-picked cases per spec
//! (`tests/toolchains/jsonschema/<case>.jsonl`), the spec's own examples and cases built from the
//! model (a valid payload per event and object type, and single-fault mutations of it).
//!
//! Every asserted verdict is first checked against the reference validator, `trackgen::payload`
//! (`validate_envelope` for envelopes, `properties_faults` for `$defs` object types), so the schema
//! and the reference cannot drift apart: both must give each line's `valid`.
//!
//! Also: `generated/<spec>/jsonschema/` must be what the backend generates now
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

use serde_json::{Map, Value, json};
use trackgen::Language;
use trackgen::lang::files::check_invariants;
use trackgen::lang::{Backend, Context, GeneratedFile};
use trackgen::model::{Property, StringFormat, Type};
use trackgen::payload::{properties_faults, push_pointer, validate_envelope};

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

/// `spec/<name>.md` generated now must be `generated/<name>/jsonschema/` (same library path as
/// `trackgen generate`: config-free options, header relative to the repository root). Returns the
/// model and the committed tree.
fn fresh(name: &str) -> (trackgen::Model, PathBuf) {
    let spec = format!("spec/{name}.md");
    let (model, files) = generate(&spec);
    assert_eq!(files[0].path, format!("{name}.schema.json"));
    let generated = trackgen::generate_files(
        &[spec.as_str()],
        &trackgen::Options::languages(&[Language::JsonSchema]),
        |_| {},
    )
    .unwrap();
    let prefix = format!("{name}/jsonschema/");
    let ours: Vec<GeneratedFile> = generated
        .into_iter()
        .filter_map(|f| {
            let path = f.path.strip_prefix(&prefix)?.to_owned();
            Some(GeneratedFile::new(path, f.contents))
        })
        .collect();
    assert_eq!(ours, files, "the library path and the backend disagree");
    let golden = common::generated(name, "jsonschema");
    if std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&golden);
        write(&golden, &files);
    }
    let stale = format!(
        "generated/{name}/jsonschema is stale: run `trackgen generate` (or TRACKGEN_BLESS=1 \
         cargo test --test toolchain_jsonschema)"
    );
    let expected: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(list(&golden), expected, "{stale}");
    for f in &files {
        let on_disk = std::fs::read_to_string(golden.join(&f.path)).unwrap();
        assert!(on_disk == f.contents, "{}: {stale}", f.path);
    }
    (model, golden)
}

// ---------------------------------------------------------------------------------------------
// Cases and the reference validator.

/// One case line: an envelope for the root, or an instance for a `$defs` entry.
fn case(name: String, target: Target, valid: bool) -> Value {
    match target {
        Target::Envelope(envelope) => json!({"name": name, "envelope": envelope, "valid": valid}),
        Target::Def(reference, instance) => {
            json!({"name": name, "ref": reference, "instance": instance, "valid": valid})
        }
    }
}

enum Target {
    Envelope(Value),
    Def(String, Value),
}

/// The reference validator's verdict on a case line (`envelope`, or `ref` + `instance` with `ref`
/// `#/$defs/object.<id>` or `#/$defs/event.<id>`).
fn reference_verdict(model: &trackgen::Model, case: &Value) -> bool {
    let Some(reference) = case.get("ref").and_then(Value::as_str) else {
        return validate_envelope(model, &case["envelope"]).is_ok();
    };
    let instance = &case["instance"];
    let def = reference.strip_prefix("#/$defs/").unwrap();
    if let Some(id) = def.strip_prefix("object.") {
        let o = model.object(id).unwrap_or_else(|| panic!("no object {id}"));
        properties_faults(model, &o.properties, o.additional.as_ref(), instance).is_empty()
    } else if let Some(id) = def.strip_prefix("event.") {
        let e = model.event(id).unwrap_or_else(|| panic!("no event {id}"));
        properties_faults(model, &e.properties, e.additional.as_ref(), instance).is_empty()
    } else {
        panic!("{reference}: only object and event definitions have a reference verdict")
    }
}

/// Asserts that the reference validator gives every asserted line of `path` its `valid`; returns
/// how many lines there are (all asserted).
fn reference_agrees(model: &trackgen::Model, path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Value = serde_json::from_str(line).unwrap();
        let expected = case["valid"]
            .as_bool()
            .unwrap_or_else(|| panic!("{}:{}: `valid` must be asserted", path.display(), i + 1));
        assert_eq!(
            reference_verdict(model, &case),
            expected,
            "{}:{}: {}: trackgen::payload disagrees with the line",
            path.display(),
            i + 1,
            case["name"]
        );
        n += 1;
    }
    n
}

fn write_cases(path: &Path, cases: &[Value]) {
    let mut lines = String::new();
    for c in cases {
        lines.push_str(&serde_json::to_string(c).unwrap());
        lines.push('\n');
    }
    std::fs::write(path, lines).unwrap();
}

/// Whether an event's example is a whole envelope (the rule of the spec lint and the backend).
fn is_envelope(ev: &trackgen::model::Event, v: &Value) -> bool {
    v.get("event").is_some()
        && v.get("properties").is_some()
        && !ev.properties.iter().any(|p| p.name == "event")
}

/// The spec's own example payloads that parse: an event's as an envelope (as written when it is
/// one), an object type's against `$defs/object.<id>`. Their `valid` is the reference verdict
/// (some specs' examples are known to be flawed): the schema must agree with it.
fn example_cases(model: &trackgen::Model) -> Vec<Value> {
    let mut out = Vec::new();
    for ev in &model.events {
        if let Some(v) = ev.example.as_ref().and_then(|x| x.parsed.clone()) {
            let envelope = if is_envelope(ev, &v) {
                v
            } else {
                json!({"event": ev.name, "properties": v})
            };
            let ok = validate_envelope(model, &envelope).is_ok();
            let name = format!("{}: the spec's example", ev.id);
            out.push(case(name, Target::Envelope(envelope), ok));
        }
    }
    for o in &model.objects {
        if let Some(v) = o.example.as_ref().and_then(|x| x.parsed.clone()) {
            let ok = properties_faults(model, &o.properties, o.additional.as_ref(), &v).is_empty();
            let name = format!("object {}: the spec's example", o.id);
            out.push(case(name, Target::Def(object_ref(&o.id), v), ok));
        }
    }
    out
}

fn object_ref(id: &str) -> String {
    format!("#/$defs/object.{id}")
}

/// A valid value of `ty` (objects get every property down to `depth` 0, then required ones).
fn sample(model: &trackgen::Model, ty: &Type, depth: usize) -> Value {
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
            json!(
                def.values
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "x".to_owned())
            )
        }
        Type::Map { values } => json!({"k/~1 ": sample(model, values, depth)}),
        Type::Ref { name } => {
            let o = model.object(name).unwrap();
            object_sample(model, &o.properties, depth > 0, depth.saturating_sub(1))
        }
        Type::Union { variants } => sample(model, &variants[0], depth),
    }
}

/// A valid properties object: every row (`all`) or the required ones.
fn object_sample(model: &trackgen::Model, props: &[Property], all: bool, depth: usize) -> Value {
    let mut m = Map::new();
    for p in props {
        if all || !p.optional {
            m.insert(p.name.clone(), sample(model, &p.ty, depth));
        }
    }
    Value::Object(m)
}

/// A value of the wrong type for property `name` of `base` (not null), if there is one: the first
/// candidate that the reference validator faults at that property.
fn wrong(model: &trackgen::Model, props: &[Property], name: &str, base: &Value) -> Option<Value> {
    let at = push_pointer("", name);
    [
        json!(true),
        json!("x"),
        json!(1.5),
        json!(7),
        json!([]),
        json!({}),
    ]
    .into_iter()
    .find(|candidate| {
        let mut v = base.clone();
        v[name] = candidate.clone();
        properties_faults(model, props, None, &v)
            .iter()
            .any(|f| f.pointer == at || f.pointer.starts_with(&format!("{at}/")))
    })
}

/// Cases built from the model: for every event, a full and a minimal envelope (valid), and
/// mutations of the full one (each required property removed, each property `null`, each property
/// of a wrong type, an unknown key: valid with a `*` row and a value of its type, `null` never);
/// the same for the envelope's fields and every object type. Verdicts by construction, checked
/// against the reference.
fn model_cases(model: &trackgen::Model) -> Vec<Value> {
    let mut out = Vec::new();
    let table = |label: &str,
                 props: &[Property],
                 additional: Option<&Type>,
                 wrap: &dyn Fn(Value) -> Target,
                 out: &mut Vec<Value>| {
        let full = object_sample(model, props, true, 2);
        let minimal = object_sample(model, props, false, 0);
        out.push(case(
            format!("{label}: every property"),
            wrap(full.clone()),
            true,
        ));
        out.push(case(format!("{label}: required only"), wrap(minimal), true));
        for p in props {
            let mut v = full.clone();
            if !p.optional {
                v.as_object_mut().unwrap().remove(&p.name);
                let name = format!("{label}: {} missing", p.name);
                out.push(case(name, wrap(v.clone()), false));
            }
            v = full.clone();
            v[&p.name] = Value::Null;
            out.push(case(format!("{label}: {} null", p.name), wrap(v), false));
            if let Some(bad) = wrong(model, props, &p.name, &full) {
                let mut v = full.clone();
                v[&p.name] = bad.clone();
                let name = format!("{label}: {} is {bad}", p.name);
                out.push(case(name, wrap(v), false));
            }
        }
        let mut v = full.clone();
        v["not in the table"] = additional.map_or(json!(1), |t| sample(model, t, 0));
        let name = format!("{label}: an unknown key");
        out.push(case(name, wrap(v), additional.is_some()));
        let mut v = full;
        v["not in the table"] = Value::Null;
        let name = format!("{label}: an unknown key, null");
        out.push(case(name, wrap(v), false));
    };
    for ev in &model.events {
        let envelope_fields = object_sample(model, &model.envelope, true, 0);
        let wrap = |props: Value| {
            let mut env = envelope_fields.clone();
            env["event"] = json!(ev.name);
            env["properties"] = props;
            Target::Envelope(env)
        };
        table(
            &format!("event {}", ev.id),
            &ev.properties,
            ev.additional.as_ref(),
            &wrap,
            &mut out,
        );
    }
    if let Some(ev) = model.events.first() {
        // The envelope's own fields.
        let props = object_sample(model, &ev.properties, false, 0);
        let envelope = |fields: Value| {
            let mut env = fields;
            env["event"] = json!(ev.name);
            env["properties"] = props.clone();
            Target::Envelope(env)
        };
        let full = object_sample(model, &model.envelope, true, 0);
        out.push(case(
            "envelope: every field".into(),
            envelope(full.clone()),
            true,
        ));
        for p in &model.envelope {
            let mut v = full.clone();
            v.as_object_mut().unwrap().remove(&p.name);
            let name = format!("envelope: {} missing", p.name);
            out.push(case(name, envelope(v), p.optional));
            let mut v = full.clone();
            v[&p.name] = Value::Null;
            out.push(case(
                format!("envelope: {} null", p.name),
                envelope(v),
                false,
            ));
        }
        let mut v = full;
        v["not in the envelope"] = json!("x");
        out.push(case("envelope: an unknown key".into(), envelope(v), false));
    }
    for o in &model.objects {
        let wrap = |v: Value| Target::Def(object_ref(&o.id), v);
        table(
            &format!("object {}", o.id),
            &o.properties,
            o.additional.as_ref(),
            &wrap,
            &mut out,
        );
    }
    out
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

/// Asserts check.py's summary: every one of the `n` lines of `path` agreed.
fn assert_all_agree(out: &str, path: &Path, n: usize) {
    assert!(
        out.contains(&format!(
            "{}: {n}/{n} verdicts agree (0 reported only)",
            path.display()
        )),
        "{out}"
    );
}

/// The whole check of one spec: fresh golden tree, its hand-picked cases (if `picked`), its
/// examples and the model's cases, each line agreed by the reference and then by the schema
/// (through a copy of the committed tree). `extra` cases are added to the model's (named
/// expectations of the caller). Returns check.py's output, or `None` when the venv is missing.
fn check_spec(name: &str, picked: Option<&Path>, extra: &[Value]) -> Option<String> {
    let (model, golden) = fresh(name);
    let dir = common::scratch(&format!("jsonschema-{name}"));
    let examples = dir.join("examples.jsonl");
    write_cases(&examples, &example_cases(&model));
    let built = dir.join("model.jsonl");
    let mut cases = model_cases(&model);
    cases.extend_from_slice(extra);
    write_cases(&built, &cases);
    let mut files: Vec<(PathBuf, usize)> = Vec::new();
    for path in picked
        .into_iter()
        .chain([examples.as_path(), built.as_path()])
    {
        let n = reference_agrees(&model, path);
        files.push((path.to_owned(), n));
    }
    let python = python()?;
    common::copy_tree(&golden, &dir.join("schema"));
    let schema = dir.join(format!("schema/{name}.schema.json"));
    let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    let out = check(&python, &schema, &paths);
    assert!(
        out.contains("valid against the 2020-12 metaschema"),
        "{out}"
    );
    for (path, n) in &files {
        assert_all_agree(&out, path, *n);
    }
    Some(out)
}

fn picked(name: &str) -> PathBuf {
    common::root().join(format!("tests/toolchains/jsonschema/{name}.jsonl"))
}

// ---------------------------------------------------------------------------------------------
// The specs.

#[test]
fn onlive_is_fresh_and_agrees_with_the_corpus() {
    let corpus = common::payloads("onlive");
    let lines = std::fs::read_to_string(&corpus)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(lines >= 1000, "the corpus has {lines} lines");
    // (tests/payloads.rs holds the reference validator to the corpus, kinds and pointers too.)
    check_spec("onlive", Some(&corpus), &[]);
}

#[test]
fn segment_live_chat_envelopes_with_fields_and_star_rows() {
    let model = trackgen::load("spec/segment-live-chat.md").unwrap().model;
    // The four examples are whole envelopes, and valid.
    let examples = example_cases(&model);
    assert_eq!(examples.len(), 4);
    for x in &examples {
        assert_eq!(x["valid"], true, "{x}");
        assert_eq!(x["envelope"]["userId"], "019mr8mf4r");
        assert!(x["envelope"]["properties"]["message_body"].is_string());
    }
    let Some(out) = check_spec("segment-live-chat", Some(&picked("segment-live-chat")), &[]) else {
        return;
    };
    // The four envelopes at the root, their `properties` in the events, `userId`'s example.
    assert!(out.contains("; 9 examples valid"), "{out}");
}

#[test]
fn enghouse_contact_object_types_without_events() {
    let model = trackgen::load("spec/enghouse-contact.md").unwrap().model;
    assert!(model.events.is_empty());
    let contact = model.object("contact").unwrap();
    let example = contact.example.as_ref().unwrap().parsed.clone().unwrap();
    let at = object_ref("contact");
    let mutate = |name: &str, valid: bool, f: &dyn Fn(&mut Value)| {
        let mut v = example.clone();
        f(&mut v);
        case(
            format!("the Contact example, {name}"),
            Target::Def(at.clone(), v),
            valid,
        )
    };
    let first_user = example["users"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let named = [
        mutate("as written", true, &|_| {}),
        mutate("ctlive_type CHAT (closed enum)", false, &|v| {
            v["ctlive_type"] = json!("CHAT");
        }),
        mutate("a user's isOnline \"no\"", false, &|v| {
            v["users"][&first_user]["isOnline"] = json!("no");
        }),
        mutate("id missing", false, &|v| {
            v.as_object_mut().unwrap().remove("id");
        }),
        mutate("a contact event's event 5", false, &|v| {
            v["contact_events"][0]["event"] = json!(5);
        }),
        mutate(
            "a contact event's event joinContact (open enum)",
            true,
            &|v| {
                v["contact_events"][0]["event"] = json!("joinContact");
            },
        ),
        mutate("an envelope around it", false, &|v| {
            *v = json!({"event": "contact", "properties": v.clone()});
        }),
    ];
    assert_eq!(
        example_cases(&model),
        [case(
            "object contact: the spec's example".into(),
            Target::Def(at.clone(), example.clone()),
            true
        )]
    );
    let Some(out) = check_spec(
        "enghouse-contact",
        Some(&picked("enghouse-contact")),
        &named,
    ) else {
        return;
    };
    // The Contact example, and the open enum's two known values.
    assert!(out.contains("; 3 examples valid"), "{out}");
}

#[test]
fn genesys_webchat_groups_units_unions_and_the_lifecycle() {
    let model = trackgen::load("spec/genesys-webchat.md").unwrap().model;
    assert_eq!(model.events.len(), 8);
    let ev = model.event("opened").unwrap();
    let full = object_sample(&model, &ev.properties, true, 0);
    let envelope = |name: &str, valid: bool, f: &dyn Fn(&mut Map<String, Value>)| {
        let mut p = full.as_object().unwrap().clone();
        f(&mut p);
        let env = json!({"event": "opened", "properties": p});
        case(format!("opened: {name}"), Target::Envelope(env), valid)
    };
    let named = [
        envelope("built from the model", true, &|_| {}),
        envelope("errors missing", false, &|p| {
            p.remove("errors");
        }),
        envelope("opened 1.5", false, &|p| {
            p.insert("opened".into(), json!(1.5));
        }),
        envelope("errors \"x\"", false, &|p| {
            p.insert("errors".into(), json!("x"));
        }),
        envelope("errors false", true, &|p| {
            p.insert("errors".into(), json!(false));
        }),
    ];
    let Some(_) = check_spec("genesys-webchat", Some(&picked("genesys-webchat")), &named) else {
        return;
    };
    // The lifecycle's machine, as committed.
    let text = std::fs::read_to_string(
        common::generated("genesys-webchat", "jsonschema").join("genesys-webchat.schema.json"),
    )
    .unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let l = &doc["$defs"]["lifecycle.interaction"];
    assert_eq!(l["enum"].as_array().unwrap().len(), 8);
    let machine = &l["x-trackgen-lifecycle"];
    let transitions: usize = machine["transitions"]
        .as_object()
        .unwrap()
        .values()
        .map(|to| to.as_array().unwrap().len())
        .sum();
    assert_eq!(transitions, 9);
    assert_eq!(machine["initial"], json!(["ready"]));
}

#[test]
fn test_specs_pass_the_metaschema_and_the_hand_picked_envelopes() {
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
        let hand = picked(case);
        let examples = dir.join("examples.jsonl");
        write_cases(&examples, &example_cases(&model));
        let built = dir.join("model.jsonl");
        write_cases(&built, &model_cases(&model));
        let counts: Vec<(PathBuf, usize)> = [hand.clone(), examples, built]
            .into_iter()
            .map(|p| {
                let n = reference_agrees(&model, &p);
                (p, n)
            })
            .collect();
        assert!(
            counts[0].1 >= 20,
            "{case}: only {} hand-picked cases",
            counts[0].1
        );
        let Some(python) = python() else { continue };
        let paths: Vec<&Path> = counts.iter().map(|(p, _)| p.as_path()).collect();
        let out = check(&python, &schema, &paths);
        for (p, n) in &counts {
            assert_all_agree(&out, p, *n);
        }
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
