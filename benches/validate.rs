//! Validation benchmarks (`benches/README.md`): 100,000 mixed NDJSON envelopes of
//! `spec/onlive.md` (`benches/synth.rs`: 80% valid, 20% with one fault), checked
//!
//! - by trackgen, the way `trackgen validate` checks a line (`payload::Validator::check_line`:
//!   the byte-scanning fast path, and the reference checks for lines it does not accept);
//! - by trackgen's reference checks alone on every line (`payload::check_line`: a borrowed
//!   JSON tree), and on a `serde_json::Value` (`payload::validate_envelope`);
//! - by the `jsonschema` crate, each line parsed into a `serde_json::Value` and then checked
//!   (`is_valid`) against the generated `generated/onlive/jsonschema/onlive.schema.json`, and
//!   against flat schemas built here from the model (one object per event, every property
//!   inline, `additionalProperties: false`), keyed on the event name in three shapes: `allOf`
//!   of `if`/`then`, `oneOf` and `anyOf` of whole envelopes;
//! - and the same validators on values parsed beforehand (validation alone).
//!
//! Lines are split once, before measuring (the command splits them with `read_until`, which
//! `benches/run.sh` times as a whole process); each measurement is parse + check of every line.
//! Before measuring, every validator's verdict on every line is compared with trackgen's; any
//! disagreement stops the benchmark. After criterion, `VALIDATE_ROUNDS` (default 9) interleaved
//! rounds time trackgen and every jsonschema variant once each and print the ratio of medians.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark harness: it stops loudly on bad input"
)]

#[path = "synth.rs"]
mod synth;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use jsonschema::{Draft, Validator};
use serde_json::{Map, Value, json};
use trackgen::model::{Model, Property, StringFormat, Type};
use trackgen::payload;

/// The allocator of the `trackgen` binary (see `src/main.rs`), for every validator measured here.
#[cfg(all(feature = "jemalloc", unix, not(target_env = "musl")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// `format` → `pattern` as the generated schema writes them.
fn patterns(generated: &Value) -> BTreeMap<String, String> {
    fn walk(v: &Value, out: &mut BTreeMap<String, String>) {
        match v {
            Value::Object(m) => {
                if let (Some(Value::String(f)), Some(Value::String(p))) =
                    (m.get("format"), m.get("pattern"))
                {
                    out.insert(f.clone(), p.clone());
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(generated, &mut out);
    out
}

/// A flat schema of a type: everything inline, no annotations. Formats are their `pattern` alone:
/// the generated schema's extra `not: {pattern: "\n"}` is for validators whose `$` matches before
/// a final newline, which this crate's does not (the agreement check has such payloads).
fn flat_type(model: &Model, ty: &Type, pats: &BTreeMap<String, String>) -> Value {
    match ty {
        Type::String { format: None } => json!({"type": "string"}),
        Type::String { format: Some(f) } => {
            json!({"type": "string", "pattern": pats.get(f.as_str()).expect("a pattern per format")})
        }
        Type::Number => json!({"type": "number"}),
        Type::Integer { .. } => json!({"type": "integer"}),
        Type::Boolean => json!({"type": "boolean"}),
        Type::Object => json!({"type": "object"}),
        Type::Any => json!({"not": {"type": "null"}}),
        Type::Array { items } => json!({"type": "array", "items": flat_type(model, items, pats)}),
        Type::Enum { name } => match model.enum_def(name) {
            Some(e) if !e.open => json!({"enum": e.values}),
            _ => json!({"type": "string"}),
        },
        Type::Map { values } => {
            json!({"type": "object", "additionalProperties": flat_type(model, values, pats)})
        }
        Type::Ref { name } => match model.object(name) {
            Some(_) => json!({"$ref": format!("#/$defs/{name}")}),
            None => json!({"type": "object"}),
        },
        Type::Union { variants } => {
            json!({"anyOf": variants.iter().map(|t| flat_type(model, t, pats)).collect::<Vec<_>>()})
        }
    }
}

fn flat_object(
    model: &Model,
    props: &[Property],
    additional: Option<&Type>,
    pats: &BTreeMap<String, String>,
) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for p in props {
        properties.insert(p.name.clone(), flat_type(model, &p.ty, pats));
        if !p.optional {
            required.push(Value::from(p.name.clone()));
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": additional.map_or(json!(false), |t| flat_type(model, t, pats)),
    })
}

fn defs(model: &Model, pats: &BTreeMap<String, String>) -> Value {
    let mut defs = Map::new();
    for o in &model.objects {
        defs.insert(
            o.id.clone(),
            flat_object(model, &o.properties, o.additional.as_ref(), pats),
        );
    }
    Value::Object(defs)
}

/// The envelope's own fields (`event`, `properties`, the model's envelope rows).
fn envelope_fields(
    model: &Model,
    pats: &BTreeMap<String, String>,
    event: Value,
    properties: Value,
) -> (Map<String, Value>, Vec<Value>) {
    let mut fields = Map::new();
    fields.insert("event".into(), event);
    fields.insert("properties".into(), properties);
    let mut required = vec![json!("event"), json!("properties")];
    for p in &model.envelope {
        fields.insert(p.name.clone(), flat_type(model, &p.ty, pats));
        if !p.optional {
            required.push(Value::from(p.name.clone()));
        }
    }
    (fields, required)
}

/// Flat, keyed with `allOf` of `if` (`event` is this `const`) / `then` (`properties` is the
/// event's flat object): the generated schema's shape without `$ref`s, groups or
/// `unevaluatedProperties`.
fn flat_if_then(model: &Model, pats: &BTreeMap<String, String>) -> Value {
    let names: Vec<&str> = model.events.iter().map(|e| e.name.as_str()).collect();
    let (fields, required) = envelope_fields(
        model,
        pats,
        json!({"enum": names}),
        json!({"type": "object"}),
    );
    let all_of: Vec<Value> = model
        .events
        .iter()
        .map(|e| {
            json!({
                "if": {"properties": {"event": {"const": e.name}}},
                "then": {"properties": {"properties":
                    flat_object(model, &e.properties, e.additional.as_ref(), pats)}},
            })
        })
        .collect();
    json!({
        "type": "object",
        "properties": fields,
        "required": required,
        "additionalProperties": false,
        "allOf": all_of,
        "$defs": defs(model, pats),
    })
}

/// Flat, one whole envelope schema per event under `keyword` (`oneOf` or `anyOf`).
fn flat_envelopes(model: &Model, pats: &BTreeMap<String, String>, keyword: &str) -> Value {
    let branches: Vec<Value> = model
        .events
        .iter()
        .map(|e| {
            let (fields, required) = envelope_fields(
                model,
                pats,
                json!({"const": e.name}),
                flat_object(model, &e.properties, e.additional.as_ref(), pats),
            );
            json!({
                "type": "object",
                "properties": fields,
                "required": required,
                "additionalProperties": false,
            })
        })
        .collect();
    json!({keyword: branches, "$defs": defs(model, pats)})
}

fn compile(schema: &Value) -> Validator {
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .build(schema)
        .expect("the schema compiles")
}

/// What `trackgen validate` does per line, minus the output: `true` for a valid envelope.
fn trackgen_line(v: &payload::Validator<'_>, line: &[u8]) -> bool {
    v.check_line(line).is_ok()
}

/// The reference checks alone (`payload::check_line`: a borrowed JSON tree, then the checks).
fn reference_line(model: &Model, line: &[u8]) -> bool {
    payload::check_line(model, line).is_ok()
}

/// The reference checks on a `serde_json::Value` (what the lint of examples uses).
fn value_line(model: &Model, line: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(line) {
        Ok(x) => payload::validate_envelope(model, &x).is_ok(),
        Err(_) => false,
    }
}

fn jsonschema_line(v: &Validator, line: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(line) {
        Ok(x) => v.is_valid(&x),
        Err(_) => false,
    }
}

/// The NDJSON document's non-blank lines, split as `trackgen validate` splits them.
fn lines(doc: &[u8]) -> impl Iterator<Item = &[u8]> {
    doc.split(|&b| b == b'\n')
        .map(|mut l| {
            while let [rest @ .., b'\r'] = l {
                l = rest;
            }
            l
        })
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(&root).expect("cd to the repository root");
    let model = trackgen::load("spec/onlive.md")
        .expect("onlive loads")
        .model;
    let payloads = synth::payloads(&model, synth::PAYLOADS, synth::PAYLOAD_SEED);
    let doc = synth::ndjson(&payloads);
    let doc = doc.as_bytes();
    let generated: Value = serde_json::from_str(
        &std::fs::read_to_string("generated/onlive/jsonschema/onlive.schema.json")
            .expect("the generated schema"),
    )
    .expect("the generated schema is JSON");
    let pats = patterns(&generated);
    let _ = StringFormat::Uuid; // formats come from `pats`
    let validators: Vec<(&str, Validator)> = vec![
        ("jsonschema_generated", compile(&generated)),
        (
            "jsonschema_flat_if_then",
            compile(&flat_if_then(&model, &pats)),
        ),
        (
            "jsonschema_flat_one_of",
            compile(&flat_envelopes(&model, &pats, "oneOf")),
        ),
        (
            "jsonschema_flat_any_of",
            compile(&flat_envelopes(&model, &pats, "anyOf")),
        ),
    ];

    let tg = payload::Validator::new(&model);

    // Agreement, once, before measuring.
    let mut n = 0usize;
    let mut valid = 0usize;
    let mut mismatches = Vec::new();
    for ((line, intent), raw) in payloads.iter().zip(lines(doc)) {
        assert_eq!(line.as_bytes(), raw);
        n += 1;
        let reference = reference_line(&model, raw);
        valid += usize::from(reference);
        if value_line(&model, raw) != reference {
            mismatches.push(format!("the Value path says {}: {line}", !reference));
        }
        if reference != intent.valid() {
            mismatches.push(format!(
                "intent {intent:?} but reference says {reference}: {line}"
            ));
        }
        let fast = tg.check_line(raw);
        if fast != payload::check_line(&model, raw) {
            mismatches.push(format!(
                "Validator::check_line disagrees with payload::check_line: {line}"
            ));
        }
        if fast.is_ok() != reference {
            mismatches.push(format!("trackgen disagrees with the reference: {line}"));
        }
        for (name, v) in &validators {
            if jsonschema_line(v, raw) != reference {
                mismatches.push(format!("{name} says {}: {line}", !reference));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} disagreements, e.g.\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(10)].join("\n")
    );
    eprintln!(
        "agreement: {n} lines ({} bytes), {valid} valid, {} invalid; trackgen, the reference path and {} jsonschema validators agree on every verdict",
        doc.len(),
        n - valid,
        validators.len()
    );

    let all: Vec<&[u8]> = lines(doc).collect();
    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("validate_100k");
        g.throughput(Throughput::Elements(n as u64)).sample_size(20);
        g.bench_function("trackgen", |b| {
            b.iter(|| {
                black_box(&all)
                    .iter()
                    .filter(|l| trackgen_line(&tg, l))
                    .count()
            })
        });
        g.bench_function("trackgen_reference", |b| {
            b.iter(|| {
                black_box(&all)
                    .iter()
                    .filter(|l| reference_line(&model, l))
                    .count()
            })
        });
        g.bench_function("trackgen_value", |b| {
            b.iter(|| {
                black_box(&all)
                    .iter()
                    .filter(|l| value_line(&model, l))
                    .count()
            })
        });
        for (name, v) in &validators {
            g.bench_function(*name, |b| {
                b.iter(|| {
                    black_box(&all)
                        .iter()
                        .filter(|l| jsonschema_line(v, l))
                        .count()
                })
            });
        }
        g.bench_function("split_lines_only", |b| {
            b.iter(|| lines(black_box(doc)).count())
        });
        g.finish();
    }
    {
        // Validation alone: values parsed beforehand (not-JSON lines are left out).
        let values: Vec<Value> = all
            .iter()
            .filter_map(|l| serde_json::from_slice(l).ok())
            .collect();
        let mut g = c.benchmark_group("validate_100k_preparsed");
        g.throughput(Throughput::Elements(values.len() as u64))
            .sample_size(20);
        g.bench_function("trackgen_value", |b| {
            b.iter(|| {
                values
                    .iter()
                    .filter(|v| payload::validate_envelope(&model, black_box(v)).is_ok())
                    .count()
            })
        });
        for (name, v) in &validators {
            g.bench_function(*name, |b| {
                b.iter(|| values.iter().filter(|x| v.is_valid(black_box(x))).count())
            });
        }
        g.finish();
    }

    // Side by side, interleaved: each round runs trackgen and every jsonschema variant once, so
    // a slow spell of a shared machine lands on all of them rather than on whichever criterion
    // happened to be measuring. Medians per validator, and the ratio to the fastest variant.
    let rounds: usize = std::env::var("VALIDATE_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);
    if rounds > 0 && !std::env::args().any(|a| a == "--list" || a == "--test") {
        let time = |f: &dyn Fn(&[u8]) -> bool| {
            let t = Instant::now();
            black_box(black_box(&all).iter().filter(|l| f(l)).count());
            t.elapsed()
        };
        let mut tg_times = Vec::new();
        let mut js_times: Vec<Vec<Duration>> = vec![Vec::new(); validators.len()];
        for _ in 0..rounds {
            tg_times.push(time(&|l| trackgen_line(&tg, l)));
            for ((_, v), times) in validators.iter().zip(&mut js_times) {
                times.push(time(&|l| jsonschema_line(v, l)));
            }
        }
        let tg_median = median(tg_times);
        let (name, js_median) = validators
            .iter()
            .zip(js_times)
            .map(|((name, _), times)| (*name, median(times)))
            .min_by_key(|(_, m)| *m)
            .expect("at least one jsonschema validator");
        println!(
            "interleaved: {rounds} rounds; trackgen median {:.1} ms; fastest jsonschema ({name}) median {:.1} ms; ratio {:.2} (target >= 2)",
            tg_median.as_secs_f64() * 1e3,
            js_median.as_secs_f64() * 1e3,
            js_median.as_secs_f64() / tg_median.as_secs_f64()
        );
    }
    c.final_summary();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}
