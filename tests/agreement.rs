//! Cross-language agreement: one deterministic corpus of envelopes per plan with events (onlive,
//! segment-live-chat, genesys-webchat), judged by five independent implementations of "valid"
//! (`src/lang/README.md`), which must all give the same verdict on every line:
//!
//! 1. `trackgen validate SPEC FILE --format json` (the reference, `trackgen::payload`);
//! 2. the generated Rust crate (`tests/toolchains/agreement/rust/`, a runner binary);
//! 3. the generated TypeScript package (`tests/toolchains/agreement/runner.ts`, with node);
//! 4. the generated Python package (`tests/toolchains/agreement/judge.py parser`);
//! 5. the generated JSON Schema under the third-party `jsonschema` package, Draft 2020-12
//!    (`tests/toolchains/agreement/judge.py schema`): verdict only.
//!
//! The first four must also agree on the error kind and JSON pointer. The corpus is built here from
//! the models: valid envelopes (required properties only, every property, varied values: each enum
//! value, UUIDs in either case, integers written `3.0` or `1e2`, strings with escapes, nested
//! values, the plan's examples, envelope fields and `*` rows) and single-fault mutations of them
//! (each required property removed, each property `null` or of every wrong JSON type, enum values
//! with case or space changes, malformed formats, unknown properties, unknown events, envelopes of
//! the wrong shape). The generator also states what it built (valid, or the one fault's kind and
//! pointer; "unknown" for the plan's own examples): that is a sixth column, checked the same way.
//!
//! One process per judge per plan, all running at once. The corpus is written to
//! `target/toolchains/agreement/corpus/` (never committed). On the first disagreement the test
//! fails with the plan, the line, the payload and every judge's answer; on success it prints the
//! totals. A missing tool (Python venv, node, tsc) is SKIPPED locally and a failure with CI=true.
//!
//! The runners are held to their language's tools first (rustfmt and clippy, tsc strict and
//! prettier, ruff and mypy --strict). The Rust runner is built in `target/toolchains/agreement/`
//! from copies written only when they changed, in the shared `target/toolchains/cargo-target`.
//!
//! `known_disagreements` (ignored) holds the payloads on which the judges disagree today: integers
//! beyond i64, numbers beyond f64, two unknown keys of which the second is integer-like. See
//! [`edge_cases`]; `cargo test --test agreement -- --ignored --nocapture` prints every answer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};
use trackgen::Model;
use trackgen::model::{Property, StringFormat, Type};

/// The plans with events (enghouse-contact has object types only: no envelope to judge).
const SPECS: [&str; 3] = ["onlive", "segment-live-chat", "genesys-webchat"];

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

/// What the generator knows about a payload it built.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Valid,
    /// The single fault's kind and pointer.
    Invalid(&'static str, String),
    /// The plan's own examples: the judges decide.
    Unknown,
    /// Invalid, but which fault each judge reports depends on its language (the edge cases):
    /// only the verdicts must agree.
    Refused,
}

fn invalid(kind: &'static str, pointer: &str) -> Expect {
    Expect::Invalid(kind, pointer.to_owned())
}

/// One corpus line.
struct Case {
    label: String,
    value: Value,
    expect: Expect,
}

/// A number written exactly as `text` in the payload (`3.0`, `1e2`, `-0`): serde_json would
/// print `3.0` as `3.0` but `1e2` as `100.0`. Stands in the value as a marked string that
/// [`render`] replaces with the bare text.
fn raw(text: &str) -> Value {
    Value::String(format!("\u{1}raw:{text}"))
}

const RAW_MARK: &str = "\"\\u0001raw:";

/// The payload's JSON text, marked numbers written bare.
fn render(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find(RAW_MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + RAW_MARK.len()..];
        let end = after.find('"').unwrap();
        out.push_str(&after[..end]);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// RFC 6901: `~` → `~0`, `/` → `~1`.
fn push(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The JSON kinds a value can have (null apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Number,
    String,
    Array,
    Object,
}

fn kind_of(v: &Value) -> Option<Kind> {
    match v {
        Value::Null => None,
        Value::Bool(_) => Some(Kind::Bool),
        Value::Number(_) => Some(Kind::Number),
        Value::String(s) if s.starts_with("\u{1}raw:") => Some(Kind::Number),
        Value::String(_) => Some(Kind::String),
        Value::Array(_) => Some(Kind::Array),
        Value::Object(_) => Some(Kind::Object),
    }
}

/// Values of every JSON kind (null apart), several per kind: strings that look like numbers or
/// booleans, numbers that look like booleans.
fn every_kind() -> Vec<Value> {
    vec![
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(2.5),
        json!("x"),
        json!("1"),
        json!("true"),
        json!(""),
        json!([]),
        json!(["x"]),
        json!({}),
        json!({"k": 1}),
    ]
}

/// The envelope-key and property-key variants used as unknown keys.
fn unknown_keys(known: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = vec![
        "unknown".into(),
        "zz/un~known".into(),
        "42".into(),
        String::new(),
        "ünïcödé".into(),
    ];
    if let Some(first) = known.first() {
        keys.push(capitalize(first));
        keys.push(first.to_uppercase());
        keys.push(format!("{first} "));
        keys.push(format!(" {first}"));
    }
    keys.retain(|k| !known.contains(&k.as_str()));
    keys.dedup();
    keys
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Variants of a name that differ only in case or spaces (none of them in `known`).
fn near_misses(name: &str, known: &[&str]) -> Vec<String> {
    let mut out = vec![
        name.to_uppercase(),
        name.to_lowercase(),
        capitalize(name),
        format!(" {name}"),
        format!("{name} "),
        format!("{name}\n"),
        format!("\t{name}"),
        format!("{name}\u{a0}"),
        format!("{name}\u{200b}"),
        name.replace(' ', "  "),
        name.replace(' ', "_"),
        name.replace('_', " "),
        name.replace('_', "-"),
        name.chars().rev().collect(),
        format!("{name}{name}"),
    ];
    out.sort();
    out.dedup();
    out.retain(|v| !known.contains(&v.as_str()));
    out
}

struct Gen<'m> {
    model: &'m Model,
    cases: Vec<Case>,
}

impl Gen<'_> {
    fn add(&mut self, label: String, value: Value, expect: Expect) {
        self.cases.push(Case {
            label,
            value,
            expect,
        });
    }

    fn enum_values(&self, name: &str) -> (&[String], bool) {
        let def = self.model.enum_def(name).unwrap();
        (&def.values, def.open)
    }

    /// Whether `ty` accepts some value of JSON kind `k`.
    fn accepts(&self, ty: &Type, k: Kind) -> bool {
        match ty {
            Type::String { .. } | Type::Enum { .. } => k == Kind::String,
            Type::Number | Type::Integer { .. } => k == Kind::Number,
            Type::Boolean => k == Kind::Bool,
            Type::Object | Type::Map { .. } | Type::Ref { .. } => k == Kind::Object,
            Type::Array { .. } => k == Kind::Array,
            Type::Any => true,
            Type::Union { variants } => variants.iter().any(|t| self.accepts(t, k)),
        }
    }

    /// Values of JSON kinds `ty` never accepts.
    fn wrong_kinds(&self, ty: &Type) -> Vec<Value> {
        every_kind()
            .into_iter()
            .filter(|v| !self.accepts(ty, kind_of(v).unwrap()))
            .collect()
    }

    /// Valid values of `ty`, the plainest first.
    fn valid_values(&self, ty: &Type) -> Vec<Value> {
        match ty {
            Type::String { format: None } => vec![
                json!("text"),
                json!(""),
                json!("ünïcödé ✓ 😀"),
                json!("line\nbreak"),
                json!("  padded\t"),
                json!("quote \" and \\ backslash"),
                json!("nul \u{0} and \u{1f}"),
                json!("null"),
                json!("3"),
                Value::String("long ".repeat(200)),
            ],
            Type::String {
                format: Some(StringFormat::Uuid),
            } => vec![
                json!("123e4567-e89b-12d3-a456-426614174000"),
                json!("123E4567-E89B-12D3-A456-426614174000"),
                json!("123e4567-E89B-12d3-A456-426614174000"),
                json!("00000000-0000-0000-0000-000000000000"),
                json!("ffffffff-ffff-ffff-ffff-ffffffffffff"),
                json!("01890a5d-ac96-774b-bcce-b302099a8057"),
            ],
            Type::String {
                format: Some(StringFormat::DateTime),
            } => vec![
                json!("2024-05-01T12:00:00Z"),
                json!("2024-05-01t12:00:00.123+02:00"),
                json!("2024-05-01T12:00:00.5z"),
                json!("1999-12-31T23:59:59-00:00"),
            ],
            Type::String {
                format: Some(StringFormat::Date),
            } => vec![json!("2024-05-01"), json!("9999-99-99")],
            Type::String {
                format: Some(StringFormat::Email),
            } => vec![
                json!("a@example.com"),
                json!("a@b"),
                json!("ü@ü"),
                json!("a\u{85}b@c"),
            ],
            Type::String {
                format: Some(StringFormat::Uri),
            } => vec![
                json!("https://example.com/x?y#z"),
                json!("urn:isbn:1"),
                json!("a:"),
                json!("A+.-1:x"),
            ],
            Type::Number => vec![
                json!(1.5),
                json!(0),
                json!(-3),
                raw("1e3"),
                raw("-0"),
                raw("2.5E-7"),
                raw("0.1"),
                raw("1.7976931348623157e308"),
                raw("123456789012345678901234567890"),
            ],
            Type::Integer { .. } => vec![
                json!(3),
                json!(0),
                json!(-7),
                raw("3.0"),
                raw("1e2"),
                raw("1E+2"),
                raw("-0"),
                raw("0.0"),
                raw("1.5e1"),
                raw("1700000000000"),
                // The contract's range ends at 2^53 - 1, written every way.
                raw("9007199254740991"),
                raw("-9007199254740991"),
                raw("9007199254740991.0"),
                raw("9.007199254740991e15"),
                raw("-90071992547409.91E2"),
                raw("1e15"),
            ],
            Type::Boolean => vec![json!(true), json!(false)],
            Type::Object => vec![
                json!({"k": "v", "n": 1}),
                json!({}),
                json!({"a": {"b": [1, {"c": null}]}}),
                json!({"": null}),
                json!({"a/b~c": [], "42": false}),
            ],
            Type::Any => vec![
                json!("any"),
                json!(0),
                json!(false),
                json!([]),
                json!({}),
                json!([null]),
                json!({"a": null}),
                raw("1e2"),
            ],
            Type::Array { items } => {
                let values = self.valid_values(items);
                vec![json!([values[0].clone()]), json!([]), Value::Array(values)]
            }
            Type::Enum { name } => {
                let (values, open) = self.enum_values(name);
                let mut out: Vec<Value> = values.iter().map(|v| json!(v)).collect();
                if open {
                    out.extend([json!("something else"), json!("")]);
                }
                out
            }
            Type::Map { values } => {
                let values = self.valid_values(values);
                vec![
                    json!({"k": values[0].clone()}),
                    json!({}),
                    json!({"a/b~c": values[0].clone(), "": values[values.len() - 1].clone()}),
                ]
            }
            Type::Ref { name } => {
                let o = self.model.object(name).unwrap();
                vec![
                    Value::Object(self.table(&o.properties, o.additional.as_ref(), true, 0)),
                    Value::Object(self.table(&o.properties, o.additional.as_ref(), false, 0)),
                ]
            }
            Type::Union { variants } => {
                let mut out: Vec<Value> = Vec::new();
                for t in variants {
                    for v in self.valid_values(t) {
                        if !out.contains(&v) {
                            out.push(v);
                        }
                    }
                }
                out
            }
        }
    }

    /// Values of a kind `ty` accepts that are still wrong: `(value, kind, pointer, what)`, the
    /// pointer built on `at`.
    fn invalid_values(&self, ty: &Type, at: &str) -> Vec<(Value, &'static str, String, String)> {
        let fmt = |values: &[&str]| -> Vec<(Value, &'static str, String, String)> {
            values
                .iter()
                .map(|v| {
                    let what = format!("malformed {v:?}");
                    (json!(v), "invalid_format", at.to_owned(), what)
                })
                .collect()
        };
        match ty {
            Type::String {
                format: Some(StringFormat::Uuid),
            } => {
                let uuid = "123e4567-e89b-12d3-a456-426614174000";
                let owned = [
                    String::new(),
                    "UUID format".into(),
                    uuid.replace('-', ""),
                    format!("{{{uuid}}}"),
                    format!("urn:uuid:{uuid}"),
                    format!("{uuid}\n"),
                    format!("\n{uuid}"),
                    format!(" {uuid}"),
                    format!("{uuid} "),
                    uuid[..35].to_owned(),
                    format!("{uuid}0"),
                    uuid.replace('e', "g"),
                    uuid.replace('-', "_"),
                    "123e4567e-89b-12d3-a456-426614174000".into(),
                    uuid.replace('1', "١"),
                    uuid.replace('1', "１"),
                    format!("{uuid}\u{0}"),
                ];
                let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
                fmt(&refs)
            }
            Type::String {
                format: Some(StringFormat::DateTime),
            } => fmt(&[
                "",
                "2024-05-01 12:00:00Z",
                "2024-05-01T12:00:00",
                "2024-05-01T12:00:00.Z",
                "2024-05-01T12:00:00Z\n",
                "2024-5-01T12:00:00Z",
                "2024-05-01T12:00:00+0200",
                "2024-05-01T12:00:00Z ",
                "２024-05-01T12:00:00Z",
            ]),
            Type::String {
                format: Some(StringFormat::Date),
            } => fmt(&["", "2024-5-01", "2024-05-01\n", "20240501", "2024-05-01T00"]),
            Type::String {
                format: Some(StringFormat::Email),
            } => fmt(&["", "a", "a@b@c", "a b@c", "@b", "a@", "a@b\n", "a\u{b}b@c"]),
            Type::String {
                format: Some(StringFormat::Uri),
            } => fmt(&[
                "",
                "no scheme",
                "1http://x",
                "http://x y",
                "http://x\n",
                ":x",
            ]),
            Type::String { format: None }
            | Type::Number
            | Type::Boolean
            | Type::Object
            | Type::Any => Vec::new(),
            Type::Integer { .. } => {
                let fractions = ["2.5", "0.1", "-3.5", "1e-1", "1.0000001", "4.5E-1"];
                // Beyond 2^53 - 1, the integers every JSON reader holds exactly (RFC 7493):
                // JavaScript reads 9007199254740993 as 9007199254740992, serde_json holds i64 and
                // u64 exactly and the rest as f64, Python any integer.
                let beyond = [
                    "9007199254740992",
                    "-9007199254740992",
                    "9007199254740993",
                    "9007199254740992.0",
                    "9223372036854775807",
                    "-9223372036854775808",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "18446744073709551616",
                    "100000000000000000000000",
                    "1e16",
                    "-1e19",
                    "1e300",
                    "1.7976931348623157e308",
                ];
                let label = |n: &str, why: &str| format!("{n} ({why})");
                fractions
                    .iter()
                    .map(|n| (n, "a fraction"))
                    .chain(beyond.iter().map(|n| (n, "beyond 2^53 - 1")))
                    .map(|(n, why)| (raw(n), "wrong_type", at.to_owned(), label(n, why)))
                    .collect()
            }
            Type::Enum { name } => {
                let (values, open) = self.enum_values(name);
                if open {
                    return Vec::new();
                }
                let known: Vec<&str> = values.iter().map(String::as_str).collect();
                let mut out = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    let mut misses = near_misses(v, &known);
                    if i > 0 {
                        // Every miss of the first value; a few of each other one.
                        misses.truncate(4);
                    }
                    for m in misses {
                        let what = format!("{m:?} (not in the enum)");
                        out.push((json!(m), "not_in_enum", at.to_owned(), what));
                    }
                }
                for m in ["", "unknown"] {
                    if !known.contains(&m) {
                        let what = format!("{m:?} (not in the enum)");
                        out.push((json!(m), "not_in_enum", at.to_owned(), what));
                    }
                }
                out
            }
            Type::Array { items } => {
                let good = self.valid_values(items)[0].clone();
                let mut out = vec![(
                    json!([null]),
                    "wrong_type",
                    format!("{at}/0"),
                    "[null]".to_owned(),
                )];
                for w in self.wrong_kinds(items).into_iter().take(3) {
                    let what = format!("an item {w}");
                    out.push((json!([good, w]), "wrong_type", format!("{at}/1"), what));
                }
                for (v, kind, pointer, what) in self.invalid_values(items, &format!("{at}/0")) {
                    out.push((json!([v]), kind, pointer, format!("an item {what}")));
                }
                out
            }
            Type::Map { values } => {
                let key = "a/b~c";
                let here = push(at, key);
                let mut out = vec![(
                    json!({ key: null }),
                    "wrong_type",
                    here.clone(),
                    "null".into(),
                )];
                for w in self.wrong_kinds(values).into_iter().take(3) {
                    let what = format!("a value {w}");
                    out.push((json!({ key: w }), "wrong_type", here.clone(), what));
                }
                for (v, kind, pointer, what) in self.invalid_values(values, &here) {
                    out.push((json!({ key: v }), kind, pointer, format!("a value {what}")));
                }
                out
            }
            Type::Ref { name } => {
                let o = self.model.object(name).unwrap();
                let full = self.table(&o.properties, o.additional.as_ref(), false, 0);
                let mut out = Vec::new();
                for p in &o.properties {
                    let here = push(at, &p.name);
                    if !p.optional {
                        let mut m = full.clone();
                        m.shift_remove(&p.name);
                        let what = format!("without {}", p.name);
                        out.push((Value::Object(m), "missing_property", here.clone(), what));
                    }
                    for w in self.wrong_kinds(&p.ty).into_iter().take(2) {
                        let mut m = full.clone();
                        m.insert(p.name.clone(), w.clone());
                        let what = format!("{} = {w}", p.name);
                        out.push((Value::Object(m), "wrong_type", here.clone(), what));
                    }
                }
                if o.additional.is_none() {
                    let mut m = full;
                    m.insert("zz/un~known".into(), json!(1));
                    let here = push(at, "zz/un~known");
                    out.push((
                        Value::Object(m),
                        "unknown_property",
                        here,
                        "unknown key".into(),
                    ));
                }
                out
            }
            Type::Union { variants } => {
                // A value that no variant accepts is the union's fault, at the union's pointer.
                let mut out = Vec::new();
                for (i, t) in variants.iter().enumerate() {
                    for (v, _, _, what) in self.invalid_values(t, at) {
                        let k = kind_of(&v).unwrap();
                        let others = variants
                            .iter()
                            .enumerate()
                            .any(|(j, u)| j != i && self.accepts(u, k));
                        if !others {
                            out.push((v, "wrong_type", at.to_owned(), what));
                        }
                    }
                }
                out
            }
        }
    }

    /// A valid object for a table: the required properties only, or every property (values
    /// picked by `variant`); with a `*` row, one extra key too.
    fn table(
        &self,
        props: &[Property],
        additional: Option<&Type>,
        required_only: bool,
        variant: usize,
    ) -> Map<String, Value> {
        let mut m = Map::new();
        for p in props {
            if required_only && p.optional {
                continue;
            }
            let values = self.valid_values(&p.ty);
            m.insert(p.name.clone(), values[variant % values.len()].clone());
        }
        if let (Some(t), false) = (additional, required_only) {
            let values = self.valid_values(t);
            m.insert("extra key".into(), values[variant % values.len()].clone());
        }
        m
    }

    /// Single-fault mutations (and valid variations) of the table at `at` (`""`: the envelope
    /// itself, `"/properties"`) of `seed`. `reserved` keys are not the table's to touch.
    #[allow(clippy::too_many_arguments)]
    fn mutate_table(
        &mut self,
        name: &str,
        seed: &Value,
        at: &str,
        props: &[Property],
        additional: Option<&Type>,
        reserved: &[&str],
        full: bool,
    ) {
        let with = |key: &str, v: Option<Value>| {
            let mut m = seed.clone();
            let table = m.pointer_mut(at).unwrap().as_object_mut().unwrap();
            match v {
                Some(v) => {
                    table.insert(key.to_owned(), v);
                }
                None => {
                    table.shift_remove(key);
                }
            }
            m
        };
        let current = seed.pointer(at).unwrap().as_object().unwrap().clone();
        for p in props {
            let here = push(at, &p.name);
            let present = current.get(&p.name);
            let label = |what: &str| format!("{name}: {here} {what}");
            if let Some(v) = present {
                let expect = if p.optional {
                    Expect::Valid
                } else {
                    invalid("missing_property", &here)
                };
                self.add(
                    label(&format!("removed (was {v})")),
                    with(&p.name, None),
                    expect,
                );
            }
            self.add(
                label("null"),
                with(&p.name, Some(Value::Null)),
                invalid("wrong_type", &here),
            );
            let wrong = self.wrong_kinds(&p.ty);
            let count = if full { wrong.len() } else { 1 };
            for w in wrong.into_iter().take(count) {
                let what = format!("= {w} (wrong type)");
                self.add(
                    label(&what),
                    with(&p.name, Some(w)),
                    invalid("wrong_type", &here),
                );
            }
            if !full {
                continue;
            }
            for (v, kind, pointer, what) in self.invalid_values(&p.ty, &here) {
                self.add(
                    label(&what),
                    with(&p.name, Some(v)),
                    invalid(kind, &pointer),
                );
            }
            for v in self.valid_values(&p.ty) {
                if present != Some(&v) {
                    let what = format!("= {}", render(&v));
                    self.add(label(&what), with(&p.name, Some(v)), Expect::Valid);
                }
            }
            for v in &p.examples {
                let what = format!("= {v} (the plan's example value)");
                self.add(
                    label(&what),
                    with(&p.name, Some(v.clone())),
                    Expect::Unknown,
                );
            }
        }
        let mut known: Vec<&str> = props.iter().map(|p| p.name.as_str()).collect();
        known.extend(reserved);
        for key in unknown_keys(&known) {
            let here = push(at, &key);
            let label = |what: &str| format!("{name}: {here} {what}");
            match additional {
                None => {
                    let what = "(unknown key)";
                    let expect = invalid("unknown_property", &here);
                    self.add(label(what), with(&key, Some(json!(1))), expect);
                }
                Some(t) => {
                    for v in
                        self.valid_values(t)
                            .into_iter()
                            .take(if full { usize::MAX } else { 1 })
                    {
                        let what = format!("= {} (`*` row)", render(&v));
                        self.add(label(&what), with(&key, Some(v)), Expect::Valid);
                    }
                    let what = "= null (`*` row)";
                    let expect = invalid("wrong_type", &here);
                    self.add(label(what), with(&key, Some(Value::Null)), expect);
                    for w in self.wrong_kinds(t) {
                        let what = format!("= {w} (`*` row, wrong type)");
                        let expect = invalid("wrong_type", &here);
                        self.add(label(&what), with(&key, Some(w)), expect);
                    }
                }
            }
        }
    }

    /// A valid envelope: the envelope fields (required only, or all), `event`, `properties`.
    fn envelope(&self, event: &str, properties: Map<String, Value>, required_only: bool) -> Value {
        let mut env = self.table(&self.model.envelope, None, required_only, 0);
        env.insert("event".into(), json!(event));
        env.insert("properties".into(), Value::Object(properties));
        Value::Object(env)
    }

    /// The whole corpus of the plan.
    fn corpus(mut self) -> Vec<Case> {
        let model = self.model;
        let names: Vec<&str> = model.events.iter().map(|e| e.name.as_str()).collect();
        let first = &model.events[0];
        let seed = self.envelope(
            &first.name,
            self.table(&first.properties, first.additional.as_ref(), true, 0),
            true,
        );
        // Envelopes of the wrong shape.
        for v in [
            json!(null),
            json!([]),
            json!([seed.clone()]),
            json!("an envelope"),
            json!(1),
            json!(true),
            Value::String(seed.to_string()),
        ] {
            let label = format!("not an object: {v}");
            self.add(label, v, invalid("not_an_object", ""));
        }
        for event in &model.events {
            let e = &event.name;
            let props = &event.properties;
            let add = event.additional.as_ref();
            let required = self.envelope(e, self.table(props, add, true, 0), true);
            let every = self.envelope(e, self.table(props, add, false, 0), false);
            if required != every {
                let label = format!("{e}: required only");
                self.add(label, required.clone(), Expect::Valid);
            }
            self.add(format!("{e}: every property"), every.clone(), Expect::Valid);
            for variant in 1..4 {
                // Other values, and the keys in other orders.
                let mut p: Vec<(String, Value)> =
                    self.table(props, add, false, variant).into_iter().collect();
                if variant % 2 == 1 {
                    p.reverse();
                }
                let mut env: Vec<(String, Value)> = self
                    .envelope(e, p.into_iter().collect(), false)
                    .as_object()
                    .unwrap()
                    .clone()
                    .into_iter()
                    .collect();
                if variant >= 2 {
                    env.reverse();
                }
                let env = Value::Object(env.into_iter().collect());
                self.add(
                    format!("{e}: every property, variant {variant}"),
                    env.clone(),
                    Expect::Valid,
                );
                if variant != 2 {
                    let label = format!("{e} (variant {variant})");
                    self.mutate_table(&label, &env, "/properties", props, add, &[], false);
                }
            }
            if let Some(example) = &event.example
                && let Some(v) = example.parsed.as_ref().or(example.repaired.as_ref())
            {
                let env = if v.get("event").is_some() && v.get("properties").is_some() {
                    v.clone()
                } else {
                    json!({"event": e, "properties": v})
                };
                let label = format!("{e}: the plan's example (line {})", example.line);
                self.add(label, env, Expect::Unknown);
            }
            // The properties table, on both seeds.
            if required != every {
                let label = format!("{e} (required only)");
                self.mutate_table(&label, &required, "/properties", props, add, &[], false);
            }
            let label = format!("{e} (every property)");
            self.mutate_table(&label, &every, "/properties", props, add, &[], true);
            // The envelope: its fields, unknown keys.
            let reserved = ["event", "properties"];
            let label = format!("{e} (envelope)");
            self.mutate_table(&label, &every, "", &model.envelope, None, &reserved, true);
            // `event` and `properties`.
            let with = |key: &str, v: Option<Value>| {
                let mut m = every.clone();
                let obj = m.as_object_mut().unwrap();
                match v {
                    Some(v) => obj.insert(key.to_owned(), v),
                    None => obj.shift_remove(key),
                };
                m
            };
            for key in reserved {
                let label = format!("{e}: no {key}");
                self.add(
                    label,
                    with(key, None),
                    invalid("missing_property", &push("", key)),
                );
            }
            self.add(
                format!("{e}: event null"),
                with("event", Some(Value::Null)),
                invalid("wrong_type", "/event"),
            );
            for w in every_kind() {
                let expect = if kind_of(&w) == Some(Kind::String) {
                    invalid("unknown_event", "/event")
                } else {
                    invalid("wrong_type", "/event")
                };
                self.add(format!("{e}: event = {w}"), with("event", Some(w)), expect);
            }
            let mut misses = near_misses(e, &names);
            if event.id != *e && !names.contains(&event.id.as_str()) {
                misses.push(event.id.clone());
            }
            for m in misses {
                let label = format!("{e}: event = {m:?} (near miss)");
                self.add(
                    label,
                    with("event", Some(json!(m))),
                    invalid("unknown_event", "/event"),
                );
            }
            let props_of = |v: &Value| v["properties"].clone();
            self.add(
                format!("{e}: properties null"),
                with("properties", Some(Value::Null)),
                invalid("wrong_type", "/properties"),
            );
            for w in every_kind() {
                if kind_of(&w) != Some(Kind::Object) {
                    let label = format!("{e}: properties = {w}");
                    self.add(
                        label,
                        with("properties", Some(w)),
                        invalid("wrong_type", "/properties"),
                    );
                }
            }
            let label = format!("{e}: properties = [properties]");
            let v = json!([props_of(&every)]);
            self.add(
                label,
                with("properties", Some(v)),
                invalid("wrong_type", "/properties"),
            );
            let expect = match props.iter().find(|p| !p.optional) {
                Some(p) => invalid("missing_property", &push("/properties", &p.name)),
                None => Expect::Valid,
            };
            self.add(
                format!("{e}: properties = {{}}"),
                with("properties", Some(json!({}))),
                expect,
            );
            // Another event's properties under this name: the judges decide.
            for other in &model.events {
                if other.name != *e {
                    let label = format!("{e}: the properties of {}", other.name);
                    let v = Value::Object(self.table(
                        &other.properties,
                        other.additional.as_ref(),
                        false,
                        0,
                    ));
                    self.add(label, with("properties", Some(v)), Expect::Unknown);
                }
            }
        }
        self.cases
    }
}

/// The corpus of `spec` as NDJSON lines.
fn corpus(model: &Model) -> Vec<Case> {
    Gen {
        model,
        cases: Vec::new(),
    }
    .corpus()
}

// ---------------------------------------------------------------------------------------------
// The judges
// ---------------------------------------------------------------------------------------------

/// The pointer of a runner's own failure (`runner: not JSON...`), which has none.
const NO_POINTER: &str = "(none)";

/// One judge's answer on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Verdict {
    valid: bool,
    /// Kind and pointer, for the judges that report them.
    fault: Option<(String, String)>,
    /// A message, for humans only.
    message: Option<String>,
}

impl Verdict {
    fn from_json(v: &Value) -> Verdict {
        let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
        let valid = v["valid"] == Value::Bool(true);
        let fault = match (text("kind"), text("pointer")) {
            (Some(kind), Some(pointer)) => Some((kind, pointer)),
            (Some(kind), None) => Some((kind, NO_POINTER.to_owned())),
            _ => None,
        };
        Verdict {
            valid,
            fault,
            message: text("message"),
        }
    }

    fn show(&self) -> String {
        let mut s = if self.valid {
            "valid".to_owned()
        } else {
            "invalid".to_owned()
        };
        match &self.fault {
            Some((kind, pointer)) if pointer == NO_POINTER => s.push_str(&format!(" {kind}")),
            Some((kind, pointer)) => s.push_str(&format!(" {kind} at {pointer:?}")),
            None => {}
        }
        if let Some(m) = &self.message {
            s.push_str(&format!(" ({m})"));
        }
        s
    }
}

/// A judge: a name, whether it reports kind and pointer, and how to run it on a corpus.
struct Judge {
    name: &'static str,
    detailed: bool,
    command: Command,
}

/// One judge's verdicts on one corpus.
struct Answers {
    name: &'static str,
    detailed: bool,
    verdicts: Vec<Verdict>,
}

/// Where the judges' programs are, once built; `None` for a missing tool (SKIPPED, or a failure
/// with CI=true).
struct Tools {
    trackgen: PathBuf,
    rust: PathBuf,
    node: Option<(PathBuf, PathBuf)>,
    python: Option<PathBuf>,
    python_packages: PathBuf,
}

/// The tools, built once for all the tests of this file (they run in parallel).
fn tools() -> &'static Tools {
    static TOOLS: OnceLock<Tools> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let (python, python_packages) = python_tools();
        Tools {
            trackgen: PathBuf::from(env!("CARGO_BIN_EXE_trackgen")),
            rust: build_rust(),
            node: build_typescript(),
            python,
            python_packages,
        }
    })
}

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

/// Whether `cargo <component>` is installed (SKIPPED otherwise, a failure with CI=true).
fn has(component: &str) -> bool {
    let ok = cargo(&common::root())
        .args([component, "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "cargo {component} not found and CI=true"
        );
        eprintln!("SKIPPED: cargo {component} not found (rustup component add {component})");
    }
    ok
}

/// Writes `contents` to `path` unless it is already there (so cargo keeps its build).
fn sync(path: &Path, contents: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn sync_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            sync_tree(&entry.path(), &target);
        } else {
            sync(&target, &std::fs::read(entry.path()).unwrap());
        }
    }
}

fn harness() -> PathBuf {
    common::root().join("tests/toolchains/agreement")
}

/// The Rust runner, built against copies of the generated crates (kept between runs, so cargo
/// rebuilds only what changed), after rustfmt and clippy on it.
fn build_rust() -> PathBuf {
    let dir = common::root().join("target/toolchains/agreement/rust");
    for spec in SPECS {
        sync_tree(&common::generated(spec, "rust"), &dir.join(spec));
    }
    let runner = dir.join("runner");
    sync_tree(&harness().join("rust"), &runner);
    let lock = std::fs::read(common::root().join("Cargo.lock")).unwrap();
    sync(&runner.join("Cargo.lock"), &lock);
    if has("fmt") {
        common::run(cargo(&runner).args(["fmt", "--check"]));
    }
    if has("clippy") {
        common::run(cargo(&runner).args(["clippy", "--offline", "--", "-D", "warnings"]));
    }
    common::run(cargo(&runner).args(["build", "--offline", "--quiet"]));
    let exe = format!("agreement-runner{}", std::env::consts::EXE_SUFFIX);
    common::root()
        .join("target/toolchains/cargo-target/debug")
        .join(exe)
}

/// The TypeScript runner compiled with copies of the generated sources, after prettier --check
/// on it: `(node, runner.js)`.
fn build_typescript() -> Option<(PathBuf, PathBuf)> {
    let tsc = common::node_tool("tsc");
    let prettier = common::node_tool("prettier");
    let node = common::node();
    let (tsc, prettier, node) = (tsc?, prettier?, node?);
    let dir = common::scratch("agreement/typescript");
    for spec in SPECS {
        let src = common::generated(spec, "typescript").join("src/index.ts");
        let to = dir.join("src").join(spec).join("index.ts");
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src, to).unwrap();
    }
    std::fs::copy(harness().join("runner.ts"), dir.join("src/runner.ts")).unwrap();
    std::fs::copy(harness().join("tsconfig.json"), dir.join("tsconfig.json")).unwrap();
    std::fs::write(dir.join("package.json"), "{\"type\": \"module\"}\n").unwrap();
    let modules = std::env::var_os("TRACKGEN_NODE_MODULES").map_or_else(
        || common::root().join("tests/toolchains/typescript/node_modules"),
        PathBuf::from,
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(&modules, dir.join("node_modules")).unwrap();
    #[cfg(not(unix))]
    common::copy_tree(&modules, &dir.join("node_modules"));
    common::run(Command::new(&prettier).current_dir(&dir).args([
        "--check",
        "--no-config",
        "--no-editorconfig",
        "--print-width",
        "100",
        "src/runner.ts",
    ]));
    common::run(
        Command::new(&tsc)
            .current_dir(&dir)
            .args(["-p", "tsconfig.json"]),
    );
    Some((node, dir.join("out/runner.js")))
}

/// The pinned Python, after ruff and mypy --strict on judge.py, and the folder holding a copy of
/// each plan's package (`<folder>/<spec>` goes on PYTHONPATH).
fn python_tools() -> (Option<PathBuf>, PathBuf) {
    let dir = common::scratch("agreement/python");
    let tools = (
        common::venv_tool("python"),
        common::venv_tool("ruff"),
        common::venv_tool("mypy"),
    );
    let (Some(python), Some(ruff), Some(mypy)) = tools else {
        return (None, dir);
    };
    for spec in SPECS {
        common::copy_tree(&common::generated(spec, "python"), &dir.join(spec));
    }
    let lint = dir.join("lint");
    std::fs::create_dir_all(&lint).unwrap();
    std::fs::copy(harness().join("judge.py"), lint.join("judge.py")).unwrap();
    let tool = |program: &Path| {
        let mut c = Command::new(program);
        c.current_dir(&lint).env("PYTHONDONTWRITEBYTECODE", "1");
        c
    };
    common::run(tool(&ruff).args(["check", "--no-cache", "."]));
    common::run(tool(&ruff).args(["format", "--check", "--no-cache", "."]));
    common::run(
        tool(&mypy)
            .args(["--strict", "--cache-dir"])
            .arg(dir.join(".mypy_cache"))
            .arg("judge.py"),
    );
    (Some(python), dir)
}

/// The judges of `spec` available here, reading the corpus `corpus`.
fn judges(tools: &Tools, spec: &str, corpus: &Path) -> Vec<Judge> {
    let mut validate = Command::new(&tools.trackgen);
    validate
        .arg("validate")
        .arg(common::root().join(format!("spec/{spec}.md")))
        .arg(corpus)
        .args(["--format", "json"]);
    let mut rust = Command::new(&tools.rust);
    rust.arg(spec);
    let mut out = vec![
        Judge {
            name: "trackgen validate",
            detailed: true,
            command: validate,
        },
        Judge {
            name: "rust",
            detailed: true,
            command: rust,
        },
    ];
    if let Some((node, runner)) = &tools.node {
        let mut ts = Command::new(node);
        ts.arg(runner).arg(spec);
        out.push(Judge {
            name: "typescript",
            detailed: true,
            command: ts,
        });
    }
    if let Some(python) = &tools.python {
        let script = harness().join("judge.py");
        let package = format!("{}_tracker", spec.replace('-', "_"));
        let mut py = Command::new(python);
        py.arg(&script)
            .args(["parser", &package])
            .env("PYTHONPATH", tools.python_packages.join(spec))
            .env("PYTHONDONTWRITEBYTECODE", "1");
        out.push(Judge {
            name: "python",
            detailed: true,
            command: py,
        });
        let schema = common::generated(spec, "jsonschema").join(format!("{spec}.schema.json"));
        let mut js = Command::new(python);
        js.arg(&script).arg("schema").arg(schema);
        out.push(Judge {
            name: "jsonschema",
            detailed: false,
            command: js,
        });
    }
    out
}

/// A plan's corpus, written to `dir/<spec>.jsonl`.
struct Corpus {
    spec: &'static str,
    cases: Vec<Case>,
    texts: Vec<String>,
    path: PathBuf,
}

fn write_corpus(dir: &Path, spec: &'static str, cases: Vec<Case>) -> Corpus {
    let texts: Vec<String> = cases.iter().map(|c| render(&c.value)).collect();
    let path = dir.join(format!("{spec}.jsonl"));
    let text: String = texts.iter().map(|t| format!("{t}\n")).collect();
    std::fs::write(&path, text).unwrap();
    Corpus {
        spec,
        cases,
        texts,
        path,
    }
}

/// Reads a judge's output: one verdict per corpus line.
fn read_answers(
    judge: &Judge,
    c: &Corpus,
    status: ExitStatus,
    out: &Path,
    err: &Path,
) -> Vec<Verdict> {
    let (spec, name, lines) = (c.spec, judge.name, c.cases.len());
    let out = std::fs::read_to_string(out).unwrap();
    let err = std::fs::read_to_string(err).unwrap();
    let records: Vec<Value> = out
        .lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{spec}: {name}: output line {l:?}: {e}\n{err}"))
        })
        .collect();
    if name != "trackgen validate" {
        assert!(status.success(), "{spec}: {name} failed ({status})\n{err}");
        assert_eq!(records.len(), lines, "{spec}: {name}: verdicts\n{err}");
        return records.iter().map(Verdict::from_json).collect();
    }
    // One record per invalid line, the summary on stderr, exit 1 when a line is invalid.
    let mut verdicts = vec![
        Verdict {
            valid: true,
            fault: None,
            message: None,
        };
        lines
    ];
    for rec in &records {
        let line = usize::try_from(rec["line"].as_u64().unwrap()).unwrap();
        verdicts[line - 1] = Verdict::from_json(&json!({
            "valid": false,
            "kind": rec["kind"],
            "pointer": rec["pointer"],
            "message": rec["message"],
        }));
    }
    let invalid = records.len();
    let summary = format!("{} valid, {invalid} invalid", lines - invalid);
    assert_eq!(err.trim(), summary, "{spec}: trackgen validate's summary");
    let code = i32::from(invalid > 0);
    assert_eq!(
        status.code(),
        Some(code),
        "{spec}: trackgen validate's exit"
    );
    verdicts
}

/// Runs every judge on every corpus, all at once (one process per judge per plan, reading the
/// corpus file on stdin, writing its verdicts to a file). Returns the answers per corpus and how
/// long each judge took in all.
fn judge_all(corpora: &[Corpus], dir: &Path) -> (Vec<Vec<Answers>>, BTreeMap<&'static str, f64>) {
    let tools = tools();
    let mut running = Vec::new();
    for (i, c) in corpora.iter().enumerate() {
        for (j, mut judge) in judges(tools, c.spec, &c.path).into_iter().enumerate() {
            let file = |ext: &str| dir.join(format!("{}.{j}.{ext}", c.spec));
            let (out, err) = (file("out"), file("err"));
            let child = judge
                .command
                .stdin(File::open(&c.path).unwrap())
                .stdout(File::create(&out).unwrap())
                .stderr(File::create(&err).unwrap())
                .spawn()
                .unwrap_or_else(|e| panic!("could not start {:?}: {e}", judge.command));
            running.push((i, j, judge, child, out, err));
        }
    }
    let started = Instant::now();
    let mut answers: Vec<Vec<Answers>> = corpora.iter().map(|_| Vec::new()).collect();
    let mut times: BTreeMap<&'static str, f64> = BTreeMap::new();
    let mut done = Vec::new();
    while !running.is_empty() {
        let mut k = 0;
        while k < running.len() {
            if let Some(status) = running[k].3.try_wait().unwrap() {
                let (i, j, judge, _, out, err) = running.remove(k);
                let t = times.entry(judge.name).or_default();
                *t = t.max(started.elapsed().as_secs_f64());
                done.push((i, j, judge, status, out, err));
            } else {
                k += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    // Back in the order of `judges`.
    done.sort_by_key(|(i, j, ..)| (*i, *j));
    for (i, _, judge, status, out, err) in done {
        let verdicts = read_answers(&judge, &corpora[i], status, &out, &err);
        answers[i].push(Answers {
            name: judge.name,
            detailed: judge.detailed,
            verdicts,
        });
    }
    (answers, times)
}

/// Every line on which the judges disagree with each other or with what the corpus was built as,
/// described (plan, line, what was built, the payload, every judge's answer).
fn disagreements(c: &Corpus, answers: &[Answers]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, case) in c.cases.iter().enumerate() {
        let valid = answers[0].verdicts[i].valid;
        let fault = answers
            .iter()
            .find(|a| a.detailed)
            .and_then(|a| a.verdicts[i].fault.clone());
        let verdict_only = case.expect == Expect::Refused;
        let judges_agree = answers.iter().all(|a| {
            let v = &a.verdicts[i];
            v.valid == valid && (!a.detailed || valid || verdict_only || v.fault == fault)
        });
        let as_built = match &case.expect {
            Expect::Unknown => true,
            Expect::Valid => valid,
            Expect::Refused => !valid,
            Expect::Invalid(kind, pointer) => {
                !valid && fault == Some(((*kind).to_owned(), pointer.clone()))
            }
        };
        if judges_agree && as_built {
            continue;
        }
        let expect = match &case.expect {
            Expect::Unknown => "(not known: the judges decide)".to_owned(),
            Expect::Refused => "invalid (the fault reported may differ by language)".to_owned(),
            Expect::Valid => "valid".to_owned(),
            Expect::Invalid(kind, pointer) => format!("invalid {kind} at {pointer:?}"),
        };
        let mut report = format!(
            "{}: line {} of {}: {}\n  payload: {}\n  {:<18} {expect}\n",
            c.spec,
            i + 1,
            c.path.display(),
            case.label,
            c.texts[i],
            "built as",
        );
        for a in answers {
            report.push_str(&format!("  {:<18} {}\n", a.name, a.verdicts[i].show()));
        }
        out.push(report);
    }
    out
}

#[test]
fn every_judge_agrees_on_every_payload() {
    let wall = Instant::now();
    let dir = common::scratch("agreement/corpus");
    let corpora: Vec<Corpus> = SPECS
        .iter()
        .map(|spec| {
            let path = common::root().join(format!("spec/{spec}.md"));
            let model = trackgen::load(path).unwrap().model;
            write_corpus(&dir, spec, corpus(&model))
        })
        .collect();
    let generated = wall.elapsed().as_secs_f64();
    tools();
    let built = wall.elapsed().as_secs_f64() - generated;
    let (answers, times) = judge_all(&corpora, &dir);

    let mut failures = String::new();
    for (c, answers) in corpora.iter().zip(&answers) {
        let found = disagreements(c, answers);
        if let Some(first) = found.first() {
            failures.push_str(&format!(
                "{} of {} lines of the {} corpus are not agreed; the first:\n{first}\n",
                found.len(),
                c.cases.len(),
                c.spec
            ));
        }
    }
    assert!(failures.is_empty(), "{failures}");
    let mut totals = String::new();
    let mut all = 0;
    for (c, answers) in corpora.iter().zip(&answers) {
        let valid = answers[0].verdicts.iter().filter(|v| v.valid).count();
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for v in &answers[0].verdicts {
            if let Some((kind, _)) = &v.fault {
                *kinds.entry(kind.as_str()).or_default() += 1;
            }
        }
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let names: Vec<&str> = answers.iter().map(|a| a.name).collect();
        totals.push_str(&format!(
            "{}: {} payloads, {valid} valid, {} invalid ({}); agreed by {}\n",
            c.spec,
            c.cases.len(),
            c.cases.len() - valid,
            kinds.join(", "),
            names.join(", "),
        ));
        all += c.cases.len();
    }
    assert!(all >= 10_000, "the corpus has {all} payloads");
    eprint!("{totals}");
    let times: Vec<String> = times.iter().map(|(n, t)| format!("{n} {t:.1}s")).collect();
    eprintln!(
        "agreement: {all} payloads; corpus {generated:.1}s, builds {built:.1}s, judges done after: \
         {}; total {:.1}s",
        times.join(", "),
        wall.elapsed().as_secs_f64()
    );
}

/// Payloads outside the single-fault corpus, on which every judge refuses the line but the fault
/// it reports depends on the language (`src/lang/README.md`, "What valid means"):
///
/// - numbers beyond the `f64` range (`1e400`, or 400 digits): `trackgen validate` and serde_json
///   (the Rust runner's reader) refuse the line as not JSON, as RFC 8259 section 6 lets a reader
///   do; `JSON.parse` and `json.loads` read them as infinities (or, in Python, a huge `int`),
///   which the generated parsers refuse as `wrong_type`; the schema judge reads JSON as
///   serde_json does;
/// - two unknown keys, the second one integer-like (`{"zz": 1, "7": 1}`): the others report the
///   first in document order (`zz`); TypeScript reports `7`, because JavaScript enumerates
///   integer-like keys first, whatever the document order.
///
/// Integers beyond 2^53 - 1, which the judges once disagreed on (the Rust crate's `i64`), are
/// single faults in the main corpus since the contract's integers end there.
fn edge_cases(model: &Model) -> Vec<Case> {
    let g = Gen {
        model,
        cases: Vec::new(),
    };
    let every = |event: &trackgen::model::Event| {
        let props = g.table(&event.properties, event.additional.as_ref(), false, 0);
        g.envelope(&event.name, props, false)
    };
    let mut cases = Vec::new();
    // The first property of each kind in the plan, with its event's every-property envelope:
    // a number beyond f64 where the plan says integer, number or any value, and nested in an
    // object.
    let huge = format!("1{}", "0".repeat(400));
    type IsKind = fn(&Type) -> bool;
    let kinds: [(IsKind, bool); 4] = [
        (|t| matches!(t, Type::Integer { .. }), false),
        (|t| matches!(t, Type::Number), false),
        (|t| matches!(t, Type::Any), false),
        (|t| matches!(t, Type::Object), true),
    ];
    for (is, nested) in kinds {
        let found = model.events.iter().find_map(|ev| {
            let p = ev.properties.iter().find(|p| is(&p.ty))?;
            Some((ev, p))
        });
        let Some((event, p)) = found else { continue };
        for n in ["1e400", "-1e400", "-1.5e309", huge.as_str()] {
            let shown = if n.len() > 10 { "1 and 400 zeros" } else { n };
            let value = if nested {
                json!({"a": [1, {"n": raw(n)}]})
            } else {
                raw(n)
            };
            let mut m = every(event);
            m["properties"][&p.name] = value;
            cases.push(Case {
                label: format!("{}: {} = {shown}, beyond f64", event.name, p.name),
                value: m,
                expect: Expect::Refused,
            });
        }
    }
    // The same in a key the `*` row admits, where it takes any value.
    let open = model.events.iter().find(|ev| {
        ev.additional
            .as_ref()
            .is_some_and(|a| matches!(a, Type::Any))
    });
    if let Some(event) = open {
        for n in ["1e400", huge.as_str()] {
            let mut m = every(event);
            m["properties"]["edge_extra"] = json!([raw(n)]);
            cases.push(Case {
                label: format!("{}: an extra key holds a number beyond f64", event.name),
                value: m,
                expect: Expect::Refused,
            });
        }
    }
    let event = &model.events[0];
    for at in ["/properties", ""] {
        let mut m = every(event);
        let table = m.pointer_mut(at).unwrap().as_object_mut().unwrap();
        if event.additional.is_some() && at == "/properties" {
            continue;
        }
        table.insert("zz".into(), json!(1));
        table.insert("7".into(), json!(1));
        cases.push(Case {
            label: format!(
                "{}: two unknown keys at {at:?}, the second integer-like",
                event.name
            ),
            value: m,
            expect: Expect::Refused,
        });
    }
    cases
}

#[test]
fn edge_payloads_are_refused_by_every_judge() {
    let dir = common::scratch("agreement/edges");
    let corpora: Vec<Corpus> = SPECS
        .iter()
        .map(|spec| {
            let path = common::root().join(format!("spec/{spec}.md"));
            let model = trackgen::load(path).unwrap().model;
            write_corpus(&dir, spec, edge_cases(&model))
        })
        .collect();
    let (answers, _) = judge_all(&corpora, &dir);
    let mut found = Vec::new();
    for (c, answers) in corpora.iter().zip(&answers) {
        found.extend(disagreements(c, answers));
    }
    let lines: usize = corpora.iter().map(|c| c.cases.len()).sum();
    for report in &found {
        eprintln!("{report}");
    }
    assert!(
        found.is_empty(),
        "{} of {lines} edge payloads are not agreed (printed above)",
        found.len()
    );
}
