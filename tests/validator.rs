//! `payload::Validator::check_line` (what `trackgen validate` runs: a streaming fast path for
//! valid lines, the reference path for the others) gives exactly what the reference
//! `payload::check_line` gives (verdict, event, kind, pointer, message) on the payload corpus, on
//! that corpus reformatted and mutated byte by byte, and on hand-written edge cases of JSON
//! syntax and of every type.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use trackgen::Model;
use trackgen::payload::{self, Validator};

fn agree(model: &Model, v: &Validator<'_>, line: &[u8]) -> bool {
    let fast = v.check_line(line);
    let reference = payload::check_line(model, line);
    assert_eq!(fast, reference, "line: {}", String::from_utf8_lossy(line));
    fast.is_ok()
}

/// Deterministic byte mutations of `line`: deletions, duplications and replacements at spread
/// positions, with characters that matter to JSON.
fn mutations(line: &[u8], seed: usize) -> Vec<Vec<u8>> {
    const BYTES: &[u8] = b"\"\\{}[],:0-.eE +tfn\x01\xc3\x80 \t";
    let mut out = Vec::new();
    if line.is_empty() {
        return out;
    }
    for k in 0..6 {
        let at = (seed * 7919 + k * 104_729) % line.len();
        let mut del = line.to_vec();
        del.remove(at);
        out.push(del);
        let mut dup = line.to_vec();
        dup.insert(at, line[at]);
        out.push(dup);
        let mut rep = line.to_vec();
        rep[at] = BYTES[(seed + k) % BYTES.len()];
        out.push(rep);
    }
    out
}

#[test]
fn validator_agrees_with_the_reference_on_the_corpus_and_its_mutations() {
    let model = trackgen::load("spec/onlive.md").unwrap().model;
    let v = Validator::new(&model);
    let corpus = std::fs::read_to_string("tests/payloads/onlive.jsonl").unwrap();
    let (mut valid, mut n) = (0, 0);
    for (i, line) in corpus.lines().enumerate() {
        let case: Value = serde_json::from_str(line).unwrap();
        let env = &case["envelope"];
        let compact = serde_json::to_vec(env).unwrap();
        let pretty = serde_json::to_vec_pretty(env).unwrap();
        valid += usize::from(agree(&model, &v, &compact));
        agree(&model, &v, &pretty);
        // `properties` first.
        if let Value::Object(m) = env {
            let mut rev: Vec<(&String, &Value)> = m.iter().collect();
            rev.reverse();
            let text = format!(
                "{{{}}}",
                rev.iter()
                    .map(|(k, x)| format!("{}:{x}", Value::String((*k).clone())))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            agree(&model, &v, text.as_bytes());
        }
        for m in mutations(&compact, i) {
            agree(&model, &v, &m);
            n += 1;
        }
    }
    assert!(valid > 50, "{valid} valid corpus lines");
    assert!(n > 10_000, "{n} mutations");
}

#[test]
fn validator_agrees_with_the_reference_on_edge_cases() {
    let model = trackgen::load("spec/onlive.md").unwrap().model;
    let v = Validator::new(&model);
    let base = r#""form_data": {}, "element_label": "x", "element_type": "input", "element_data": {}, "room_data": {}, "origin_medium": "email", "origin_source": "google", "extra": {}"#;
    let env =
        |extra: &str| format!(r#"{{"event": "element_click", "properties": {{{base}{extra}}}}}"#);
    let mut lines: Vec<String> = vec![
        env(""),
        format!(" \t{}\r\n ", env("")),
        env(r#", "step_number": 1e400"#),
        env(r#", "step_number": 1e300"#),
        env(r#", "step_number": -0"#),
        env(r#", "step_number": 1.0"#),
        env(r#", "step_number": 123456789012345678901234567890"#),
        env(r#", "step_number": 01"#),
        env(r#", "step_number": 1."#),
        env(r#", "step_number": .5"#),
        env(r#", "step_number": "1""#),
        env(r#", "step_number": null"#),
        env(r#", "step_initial": true, "step_final": false"#),
        env(r#", "step_initial": tru"#),
        env(r#", "room_id": "123e4567-e89b-12d3-a456-426614174000""#),
        env(r#", "room_id": "123e4567-e89b-12d3-a456-426614174000\n""#),
        env(r#", "room_id": "123e4567-e89b-12d3-a456-42661417400\u0030""#),
        env(r#", "room_id": "123E4567-E89B-12D3-A456-426614174000""#),
        env(r#", "form_name": "caf\u00e9 \ud83d\ude00""#),
        env(r#", "form_name": "lone \ud800""#),
        env(r#", "form_name": "bad \x""#),
        env(", \"form_name\": \"tab\there\""),
        env(", \"form_name\": \"caf\u{e9}\""),
        env(r#", "form_nam\u0065": "escaped key""#),
        env(r#", "form_name": "a", "form_name": 1"#),
        env(r#", "form_name": 1, "form_name": "a""#),
        env(r#", "unknown": 1"#),
        env(r#", "extra": {"deep": [[[[[[[[[[1]]]]]]]]]]}"#),
        env(r#", "extra": {"x": 1e400}"#),
        env(r#", "extra": {"x": }"#),
        env(r#", "extra": []"#),
        env(r#", "extra": {"a": 1,}"#),
        env(r#",  "element_type": "Input""#),
        env(r#", "element_type": "inp\u0075t""#),
        env(","),
        format!(r#"{{"properties": {{{base}}}, "event": "element_click"}}"#),
        format!(r#"{{"properties": {{{base}, "x": 1}}, "event": "element_click"}}"#),
        format!(r#"{{"properties": {{{base}}}, "event": "nope"}}"#),
        format!(
            r#"{{"event": "element_click", "event": "element_click", "properties": {{{base}}}}}"#
        ),
        format!(r#"{{"event": "element_click", "properties": {{{base}}}, "properties": {{}}}}"#),
        format!(r#"{{"event": "element_click", "properties": {{{base}}}, "extra": 1}}"#),
        format!(r#"{{"event": "element_click", "properties": {{{base}}}}} x"#),
        format!(r#"{{"event": "element_click", "properties": {{{base}}}}}{{}}"#),
        format!(r#"{{"event": 1, "properties": {{{base}}}}}"#),
        format!(r#"{{"event": "element_click"}}"#),
        format!(r#"{{"event": "element_click", "properties": []}}"#),
        format!("\u{feff}{}", env("")),
        "[]".to_owned(),
        "null".to_owned(),
        "{}".to_owned(),
        String::new(),
        "{".to_owned(),
    ];
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    lines.push(env(&format!(r#", "extra": {{"d": {deep}}}"#)));
    let mut valid = 0;
    for l in &lines {
        valid += usize::from(agree(&model, &v, l.as_bytes()));
    }
    agree(
        &model,
        &v,
        b"{\"event\": \"element_click\", \"properties\": {\"form_name\": \"\xff\"}}",
    );
    assert!(valid >= 10, "{valid} valid edge cases");
}

#[test]
fn validator_agrees_with_the_reference_on_every_type() {
    let model = trackgen::load("tests/cases/all-types/spec.md")
        .unwrap()
        .model;
    let v = Validator::new(&model);
    let event = &model.events[0];
    let base = r#""s": "a", "id": "123e4567-e89b-12d3-a456-426614174000", "when": "2024-05-01T12:00:00Z", "kind": "beta gamma", "n": 1.5, "i": 3, "b": true, "o": {}, "extra": {}"#;
    let env = |extra: &str| {
        format!(
            r#"{{"event": "{}", "properties": {{{base}{extra}}}}}"#,
            event.name
        )
    };
    let extras = [
        "",
        r#", "i": 3.0"#,
        r#", "i": 3.5"#,
        r#", "i": -9223372036854775809"#,
        r#", "i": 18446744073709551616"#,
        r#", "when": "2024-05-01t12:00:00.123+02:00""#,
        r#", "when": "2024-05-01T12:00:00""#,
        r#", "day": "2024-05-01""#,
        r#", "day": "2024-5-01""#,
        r#", "mail": "a@b""#,
        r#", "mail": "a b@c""#,
        r#", "mail": "a\u000bb@c""#,
        r#", "link": "urn:isbn:1""#,
        r#", "link": "no scheme""#,
        r#", "tags": ["x", "y"]"#,
        r#", "tags": ["x", 1]"#,
        r#", "tags": []"#,
        r#", "tags": [,]"#,
        r#", "objs": [{}, {"a": [1, null]}]"#,
        r#", "objs": [{}, []]"#,
        r#", "counts": [1, 2.0, 3]"#,
        r#", "counts": [1, 2.5]"#,
        r#", "kinds": ["alpha", "Delta"]"#,
        r#", "kinds": ["alpha", "delta"]"#,
        r#", "anything": [null, 1, "x", {}, []]"#,
        r#", "anything": null"#,
        r#", "either": "x""#,
        r#", "either": 2"#,
        r#", "either": true"#,
        r#", "either": null"#,
        r#", "isAgent": false, "__v": 0"#,
        r#", "o": {"k": "v"}"#,
        r#", "o": null"#,
    ];
    let mut valid = 0;
    for e in extras {
        valid += usize::from(agree(&model, &v, env(e).as_bytes()));
    }
    assert!(valid >= 15, "{valid} valid");
    // Every event of the spec with an empty and a junk properties object.
    for ev in &model.events {
        for props in ["{}", r#"{"zzz": 1}"#] {
            let line = format!(r#"{{"event": "{}", "properties": {props}}}"#, ev.name);
            agree(&model, &v, line.as_bytes());
        }
    }
}

fn sample(model: &Model, ty: &trackgen::model::Type, all: bool, depth: usize) -> Value {
    use serde_json::json;
    use trackgen::model::{StringFormat, Type};
    match ty {
        Type::String { format } => Value::from(match format {
            None => "text",
            Some(StringFormat::Uuid) => "123e4567-e89b-12d3-a456-426614174000",
            Some(StringFormat::DateTime) => "2024-05-01T12:00:00Z",
            Some(StringFormat::Date) => "2024-05-01",
            Some(StringFormat::Email) => "a@example.com",
            Some(StringFormat::Uri) => "https://example.com/x",
        }),
        Type::Number => json!(1.5),
        Type::Integer { .. } => json!(3),
        Type::Boolean => json!(true),
        Type::Object => json!({"k": [1, null]}),
        Type::Any => json!("anything"),
        Type::Array { items } => json!([sample(model, items, all, depth + 1)]),
        Type::Enum { name } => model
            .enum_def(name)
            .and_then(|e| e.values.last())
            .map_or(json!("x"), |v| Value::from(v.as_str())),
        Type::Map { values } => json!({"a": sample(model, values, all, depth + 1)}),
        Type::Ref { name } => match model.object(name) {
            Some(o) if depth < 6 => object(model, &o.properties, all, depth + 1),
            _ => json!({}),
        },
        Type::Union { variants } => variants
            .last()
            .map_or(Value::Null, |t| sample(model, t, all, depth + 1)),
    }
}

fn object(model: &Model, props: &[trackgen::model::Property], all: bool, depth: usize) -> Value {
    let mut m = serde_json::Map::new();
    for p in props {
        if all || !p.optional {
            m.insert(p.name.clone(), sample(model, &p.ty, all, depth));
        }
    }
    Value::Object(m)
}

#[test]
fn validator_agrees_with_the_reference_on_objects_maps_and_envelope_fields() {
    for spec in [
        "spec/enghouse-contact.md",
        "spec/segment-live-chat.md",
        "spec/genesys-webchat.md",
        "tests/toolchains/python/extensions.md",
        "tests/toolchains/rust/names.md",
        "tests/toolchains/rust/widths.md",
        "tests/toolchains/typescript/stress.md",
    ] {
        let model = trackgen::load(spec).unwrap().model;
        let v = Validator::new(&model);
        let (mut valid, mut n) = (0, 0);
        for (i, ev) in model.events.iter().enumerate() {
            for all in [false, true] {
                let mut env = match object(&model, &model.envelope, all, 0) {
                    Value::Object(m) => m,
                    _ => unreachable!(),
                };
                env.insert("event".into(), Value::from(ev.name.as_str()));
                env.insert("properties".into(), object(&model, &ev.properties, all, 0));
                let line = serde_json::to_vec(&Value::Object(env)).unwrap();
                valid += usize::from(agree(&model, &v, &line));
                for m in mutations(&line, i * 2 + usize::from(all)) {
                    agree(&model, &v, &m);
                    n += 1;
                }
            }
        }
        assert!(
            model.events.is_empty() || valid > 0,
            "{spec}: no valid sample"
        );
        assert!(model.events.is_empty() || n > 0, "{spec}");
    }
}
