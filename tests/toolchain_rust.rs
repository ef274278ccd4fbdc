//! The Rust backend against the real toolchain.
//!
//! - `generated/<spec>/rust/` is what the backend generates now, for the four specs of `spec/`
//!   (`TRACKGEN_BLESS=1` rewrites them; `cargo run -- generate --lang rust` does too, with the
//!   manifests).
//! - The onlive crate, copied to `target/toolchains/`, passes `cargo fmt --check`, `cargo clippy
//!   --all-targets -- -D warnings`, `cargo build`, `cargo test --doc` and `cargo doc` (rustdoc
//!   lints denied); then the harness
//!   (`tests/toolchains/rust/harness/`) drives its tracker through an in-memory sink and runs
//!   every line of `tests/payloads/onlive.jsonl` through its parser.
//! - The crates of `tests/cases/all-types`, `tests/cases/hostile`,
//!   `tests/toolchains/rust/widths.md` (names of every length) and `.../names.md` (keywords,
//!   reserved names, shared group rows, and the extensions named like the crate's own items),
//!   generated here, pass the same tools; the all-types one also runs
//!   `tests/toolchains/rust/all-types-harness/`; the `include!` forms of the hostile and names
//!   ones and of Enghouse's compile in an edition 2024 crate.
//! - `generated/{segment-live-chat,enghouse-contact,genesys-webchat}/rust/` pass the same tools,
//!   then `tests/toolchains/rust/extensions-harness/` checks them against fixtures built here from
//!   the models: per plan, a corpus of valid payloads (the spec's examples and sampled ones) and
//!   their single-fault mutations, each judged by `trackgen::payload`; the examples; the
//!   lifecycle's documented sequences.
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

use serde_json::{Map, Value, json};
use trackgen::lang::files::check_invariants;
use trackgen::lang::{Backend, Context};
use trackgen::model::{Property, StringFormat, Type};
use trackgen::payload::{self, Fault};
use trackgen::{Diagnostics, GeneratedFile, Language, Model, Options, SourceFile};

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

/// The specs whose crates are committed under `generated/<spec>/rust/`.
const SPECS: [&str; 4] = [
    "onlive",
    "segment-live-chat",
    "enghouse-contact",
    "genesys-webchat",
];

#[test]
fn generated_rust_is_fresh() {
    let root = common::root();
    let paths: Vec<PathBuf> = SPECS
        .iter()
        .map(|s| root.join(format!("spec/{s}.md")))
        .collect();
    let files =
        trackgen::generate_files(&paths, &Options::languages(&[Language::Rust]), |_| {}).unwrap();
    let bless = std::env::var("TRACKGEN_BLESS").is_ok_and(|v| v == "1");
    for spec in SPECS {
        let prefix = format!("{spec}/rust/");
        let expected: Vec<(String, String)> = files
            .iter()
            .filter_map(|f| {
                let rel = f.path.strip_prefix(&prefix)?;
                check_invariants(f).unwrap();
                assert!(
                    !f.contents.contains(&*root.to_string_lossy()),
                    "{}: no absolute paths in output",
                    f.path
                );
                Some((rel.to_owned(), f.contents.clone()))
            })
            .collect();
        let dir = common::generated(spec, "rust");
        if bless {
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
                "generated/{spec}/rust/{path} is stale: run TRACKGEN_BLESS=1 cargo test --test toolchain_rust"
            );
        }
        let header = format!("// @generated by trackgen from spec/{spec}.md (sha256 ");
        assert!(expected[1].1.starts_with(&header), "{spec}");
    }
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

/// The `include!` form of a spec under the name `name`, checked for inner attributes and docs.
fn include_items(path: &str, name: &str) -> String {
    let text = std::fs::read_to_string(common::root().join(path)).unwrap();
    let loaded = trackgen::load_str(path, name, &text).unwrap();
    let cx = Context::new(path, loaded.diagnostics.file().text());
    let mut d = loaded.diagnostics.clone();
    let items = trackgen::lang::rust::render_items(&loaded.model, &cx, &mut d);
    assert!(!d.has_errors(), "{}", d.render());
    assert!(
        !items.contains("#!["),
        "no inner attributes in the include! form"
    );
    assert!(!items.contains("//!"), "no inner docs in the include! form");
    items
}

#[test]
fn include_form_compiles_in_an_edition_2024_crate() {
    // `hostile`: hostile names; `names`: object types, open enums, `*` rows, envelope fields and a
    // lifecycle; `enghouse`: a plan without events.
    let dir: PathBuf = common::scratch("rust-include");
    let lib = "//! Includes generated trackers the way a build script's user does.\n\n\
               /// A tracker.\npub mod hostile {\n    include!(\"hostile.rs\");\n}\n\n\
               /// A tracker.\npub mod names {\n    include!(\"names.rs\");\n}\n\n\
               /// Object types only.\npub mod enghouse {\n    include!(\"enghouse.rs\");\n}\n";
    let manifest = "[package]\nname = \"include-2024\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                    [dependencies]\nserde = { version = \"1.0\", features = [\"derive\"] }\n\
                    serde_json = { version = \"1.0\", features = [\"preserve_order\"] }\n\n[workspace]\n";
    write_crate(
        &dir,
        &[
            GeneratedFile::new("Cargo.toml", manifest),
            GeneratedFile::new("src/lib.rs", lib),
            GeneratedFile::new(
                "src/hostile.rs",
                include_items("tests/cases/hostile/spec.md", "hostile"),
            ),
            GeneratedFile::new(
                "src/names.rs",
                include_items("tests/toolchains/rust/names.md", "names"),
            ),
            GeneratedFile::new(
                "src/enghouse.rs",
                include_items("spec/enghouse-contact.md", "enghouse-contact"),
            ),
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

// ---------------------------------------------------------------------------------------------
// The crates of the extended specs (envelope fields, object types, maps, open enums, `*` rows,
// lifecycles) and their corpora, built from the models and judged by `trackgen::payload`.
// ---------------------------------------------------------------------------------------------

/// A valid value of `ty`: every property of an object type, one entry in a map (under a key that
/// needs escaping in a pointer), one item in an array.
fn sample(model: &Model, ty: &Type) -> Value {
    match ty {
        Type::String { format } => Value::from(match format {
            None => "text",
            Some(StringFormat::Uuid) => "123e4567-e89b-12d3-a456-426614174000",
            Some(StringFormat::DateTime) => "2024-05-01T12:00:00Z",
            Some(StringFormat::Date) => "2024-05-01",
            Some(StringFormat::Email) => "a@example.com",
            Some(StringFormat::Uri) => "https://example.com",
        }),
        Type::Number => json!(1.5),
        Type::Integer { .. } => json!(3),
        Type::Boolean => json!(true),
        Type::Object => json!({"k": "v"}),
        Type::Any => json!("any"),
        Type::Array { items } => json!([sample(model, items)]),
        Type::Enum { name } => {
            let def = model.enum_def(name).unwrap();
            Value::from(def.values.first().cloned().unwrap_or_default())
        }
        Type::Map { values } => json!({ "key/with~escapes": sample(model, values) }),
        Type::Ref { name } => {
            let o = model.object(name).unwrap();
            Value::Object(sample_object(model, &o.properties))
        }
        Type::Union { variants } => sample(model, &variants[0]),
    }
}

/// Every property of a table, sampled.
fn sample_object(model: &Model, properties: &[Property]) -> Map<String, Value> {
    properties
        .iter()
        .map(|p| (p.name.clone(), sample(model, &p.ty)))
        .collect()
}

/// JSON pointers of every value in `v`, the root first.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    let token = |k: &str| format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| pointers(x, &token(k), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, &format!("{at}/{i}"), out)),
        _ => {}
    }
}

/// Single-fault mutations of a valid document: every value replaced by a value of each JSON
/// type, every key removed, an unknown key added to every object.
fn mutations(doc: &Value, skip_root: bool) -> Vec<(String, Value)> {
    let replacements = [
        Value::Null,
        json!(5),
        json!(2.5),
        json!("x"),
        json!(true),
        json!([]),
        json!({}),
    ];
    let mut all = Vec::new();
    pointers(doc, "", &mut all);
    let mut out = Vec::new();
    for at in &all {
        if at.is_empty() && skip_root {
            continue;
        }
        let current = doc.pointer(at).unwrap();
        for r in &replacements {
            if r != current {
                let mut m = doc.clone();
                *m.pointer_mut(at).unwrap() = r.clone();
                out.push((format!("{at:?} := {r}"), m));
            }
        }
        if let Value::Object(fields) = current {
            for key in fields.keys() {
                let mut m = doc.clone();
                m.pointer_mut(at)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .shift_remove(key);
                out.push((format!("{at:?} without {key:?}"), m));
            }
            let mut m = doc.clone();
            m.pointer_mut(at)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert("zz/un~known".to_owned(), json!(1));
            out.push((format!("{at:?} with an unknown key"), m));
        }
    }
    out
}

/// One corpus line: the reference's verdict on `value`.
fn corpus_line(name: &str, value: &Value, verdict: Result<(), Fault>) -> String {
    let mut line = json!({ "name": name, "value": value, "valid": verdict.is_ok() });
    if let Err(f) = verdict {
        line["error"] = json!({ "kind": f.kind.as_str(), "pointer": f.pointer });
    }
    line.to_string()
}

/// The corpus of an envelope plan: `valid` documents and their mutations, judged by
/// `trackgen::payload::validate_envelope`.
fn envelope_corpus(model: &Model, valid: &[(String, Value)]) -> String {
    let mut lines = Vec::new();
    for (name, doc) in valid {
        let judge = |v: &Value| payload::validate_envelope(model, v).map(drop);
        assert!(judge(doc).is_ok(), "{name} is valid: {:?}", judge(doc));
        lines.push(corpus_line(name, doc, judge(doc)));
        for (what, m) in mutations(doc, false) {
            lines.push(corpus_line(&format!("{name}: {what}"), &m, judge(&m)));
        }
    }
    lines.join("\n") + "\n"
}

/// The corpus of one object type: `valid` objects and their mutations, judged by
/// `trackgen::payload::properties_faults` (its first fault is the contract's first fault).
fn object_corpus(model: &Model, object: &str, valid: &[(String, Value)]) -> String {
    let o = model.object(object).unwrap();
    let judge = |v: &Value| match payload::properties_faults(
        model,
        &o.properties,
        o.additional.as_ref(),
        v,
    )
    .into_iter()
    .next()
    {
        Some(f) => Err(f),
        None => Ok(()),
    };
    let mut lines = Vec::new();
    for (name, doc) in valid {
        assert!(judge(doc).is_ok(), "{name} is valid: {:?}", judge(doc));
        lines.push(corpus_line(name, doc, judge(doc)));
        for (what, m) in mutations(doc, true) {
            lines.push(corpus_line(&format!("{name}: {what}"), &m, judge(&m)));
        }
    }
    lines.join("\n") + "\n"
}

/// A valid envelope of every event: every property sampled, the envelope fields too.
fn sampled_envelopes(model: &Model) -> Vec<(String, Value)> {
    model
        .events
        .iter()
        .map(|e| {
            let mut envelope = sample_object(model, &model.envelope);
            envelope.insert("event".to_owned(), Value::from(e.name.clone()));
            let mut properties = sample_object(model, &e.properties);
            if let Some(t) = &e.additional {
                properties.insert("other key".to_owned(), sample(model, t));
            }
            envelope.insert("properties".to_owned(), Value::Object(properties));
            (format!("sampled {}", e.id), Value::Object(envelope))
        })
        .collect()
}

/// Writes the fixtures of the extensions harness into `dir`; returns the corpus sizes.
fn write_fixtures(dir: &Path) -> Vec<(String, usize)> {
    std::fs::create_dir_all(dir).unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.join(name), text).unwrap();
    let mut sizes = Vec::new();
    let mut corpus = |name: &str, text: String| {
        sizes.push((name.to_owned(), text.lines().count()));
        write(name, text);
    };

    let segment = trackgen::load(common::root().join("spec/segment-live-chat.md"))
        .unwrap()
        .model;
    let examples: Vec<Value> = segment
        .events
        .iter()
        .filter_map(|e| e.example.as_ref()?.parsed.clone())
        .collect();
    let mut valid: Vec<(String, Value)> = examples
        .iter()
        .map(|v| (format!("example of {}", v["event"]), v.clone()))
        .collect();
    valid.extend(sampled_envelopes(&segment));
    corpus("segment.jsonl", envelope_corpus(&segment, &valid));
    write("segment-examples.json", Value::Array(examples).to_string());

    let enghouse = trackgen::load(common::root().join("spec/enghouse-contact.md"))
        .unwrap()
        .model;
    let contact = enghouse.object("contact").unwrap();
    let example = contact.example.as_ref().unwrap().parsed.clone().unwrap();
    let mut sampled = sample_object(&enghouse, &contact.properties);
    sampled.insert("__v".to_owned(), json!(1));
    let valid = [
        ("the Contact example".to_owned(), example.clone()),
        ("a sampled contact".to_owned(), Value::Object(sampled)),
    ];
    corpus(
        "enghouse.jsonl",
        object_corpus(&enghouse, "contact", &valid),
    );
    write("enghouse-example.json", example.to_string());

    let genesys = trackgen::load(common::root().join("spec/genesys-webchat.md"))
        .unwrap()
        .model;
    let valid = sampled_envelopes(&genesys);
    corpus("genesys.jsonl", envelope_corpus(&genesys, &valid));
    let envelopes: Vec<Value> = valid.into_iter().map(|(_, v)| v).collect();
    write("genesys-events.json", Value::Array(envelopes).to_string());
    let lifecycle = &genesys.lifecycles[0];
    write(
        "genesys-sequences.json",
        serde_json::to_string(&lifecycle.sequences).unwrap(),
    );
    sizes
}

#[test]
fn extension_crates_pass_strict_tools_and_their_harness() {
    let scratch = common::scratch("rust-extensions");
    for (spec, dir) in [
        ("segment-live-chat", "segment"),
        ("enghouse-contact", "enghouse"),
        ("genesys-webchat", "genesys"),
    ] {
        let krate = scratch.join(dir);
        common::copy_tree(&common::generated(spec, "rust"), &krate);
        std::fs::copy(common::root().join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
        strict_tools(&krate);
    }
    let fixtures = scratch.join("fixtures");
    let sizes = write_fixtures(&fixtures);
    let harness = scratch.join("harness");
    common::copy_tree(
        &common::root().join("tests/toolchains/rust/extensions-harness"),
        &harness,
    );
    std::fs::copy(
        common::root().join("Cargo.lock"),
        harness.join("Cargo.lock"),
    )
    .unwrap();
    lint_harness(&harness);
    let out = common::run(
        cargo(&harness)
            .args(["test", "--offline", "--", "--nocapture"])
            .env("TRACKGEN_FIXTURES", &fixtures),
    );
    for (name, lines) in sizes {
        let agreed = format!("{name}: {lines} lines agreed");
        assert!(out.contains(&agreed), "expected {agreed:?} in\n{out}");
        eprintln!("{}", out.lines().find(|l| l.starts_with(&agreed)).unwrap());
    }
}
