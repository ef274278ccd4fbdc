//! Examples against their tables: every parsed example of an event or object type is checked with
//! the same rules as payloads ([`crate::payload`]), and each contradiction (a required property the
//! example leaves out, a key the table does not list, a wrong type, a value outside the enum) is a
//! warning at the example's line for that key. An example that is a whole envelope (it has
//! `event` and `properties`) is checked as one.

use serde_json::Value;

use super::{Example, Model, Property, Type};
use crate::diag::{Diagnostics, Span};
use crate::payload::{self, FaultKind};

/// Checks every parsed example in `model`, reporting to `d`.
pub(super) fn examples(model: &mut Model, d: &mut Diagnostics) {
    let mut reports = Vec::new();
    for ev in &model.events {
        let Some(ex) = ev.example.as_ref() else {
            continue;
        };
        let Some(value) = ex.parsed.as_ref().or(ex.repaired.as_ref()) else {
            continue;
        };
        let is_envelope = value.get("event").is_some()
            && value.get("properties").is_some()
            && !ev.properties.iter().any(|p| p.name == "event");
        let faults = if is_envelope {
            let mut faults = Vec::new();
            if value.get("event").and_then(Value::as_str) != Some(ev.name.as_str()) {
                faults.push(payload::Fault {
                    kind: FaultKind::UnknownEvent,
                    pointer: "/event".to_owned(),
                    message: format!(
                        "the example's `event` is not {}",
                        Value::String(ev.name.clone())
                    ),
                });
            }
            let env_fields: Vec<Property> = model.envelope.clone();
            if let Value::Object(m) = value {
                let mut outer = m.clone();
                outer.remove("event");
                outer.remove("properties");
                faults.extend(payload::properties_faults(
                    model,
                    &env_fields,
                    None,
                    &Value::Object(outer),
                ));
            }
            let props = value.get("properties").unwrap_or(&Value::Null);
            faults.extend(
                payload::properties_faults(model, &ev.properties, ev.additional.as_ref(), props)
                    .into_iter()
                    .map(|mut f| {
                        f.pointer = format!("/properties{}", f.pointer);
                        f
                    }),
            );
            faults
        } else {
            payload::properties_faults(model, &ev.properties, ev.additional.as_ref(), value)
        };
        let mut notes = Vec::new();
        let props_value = if is_envelope {
            value.get("properties")
        } else {
            Some(value)
        };
        if let Some(v) = props_value {
            let base = if is_envelope { "/properties" } else { "" };
            annotate(
                model,
                &ev.properties,
                ev.additional.as_ref(),
                v,
                base,
                &mut notes,
            );
        }
        reports.push((format!("event `{}`", ev.id), ex.clone(), faults, notes));
    }
    for o in &model.objects {
        let Some(ex) = o.example.as_ref() else {
            continue;
        };
        let Some(value) = ex.parsed.as_ref().or(ex.repaired.as_ref()) else {
            continue;
        };
        let faults = payload::properties_faults(model, &o.properties, o.additional.as_ref(), value);
        let mut notes = Vec::new();
        annotate(
            model,
            &o.properties,
            o.additional.as_ref(),
            value,
            "",
            &mut notes,
        );
        reports.push((format!("object `{}`", o.id), ex.clone(), faults, notes));
    }
    for (owner, ex, faults, notes) in reports {
        for (pointer, message) in notes {
            let span = locate(d, &ex, &pointer);
            d.note(
                "example-open",
                span,
                format!("the example of {owner}: {message} ({pointer})"),
            );
        }
        for f in faults {
            let span = locate(d, &ex, &f.pointer);
            let (code, what) = match f.kind {
                FaultKind::MissingProperty => {
                    ("example-missing-property", "leaves out a required property")
                }
                FaultKind::UnknownProperty => (
                    "example-unknown-property",
                    "has a key its table does not list",
                ),
                FaultKind::NotInEnum => {
                    ("example-not-in-enum", "uses a value its enum does not list")
                }
                FaultKind::InvalidFormat => ("example-invalid-format", "has a malformed value"),
                _ => ("example-wrong-type", "contradicts its table"),
            };
            d.warning(
                code,
                span,
                format!(
                    "the example of {owner} {what}: {} ({})",
                    f.message,
                    display_pointer(&f.pointer)
                ),
            );
        }
    }
}

fn display_pointer(p: &str) -> &str {
    if p.is_empty() { "/" } else { p }
}

/// The position in the example's raw text of the key `pointer` ends with, found by walking the
/// pointer's keys in order (an array index skips that many occurrences of the next key); the
/// example's first line when a key cannot be found.
fn locate(d: &Diagnostics, ex: &Example, pointer: &str) -> Span {
    let start = d.file().offset(ex.line, 1);
    let raw = ex.raw.as_str();
    let mut pos = 0usize;
    let mut found: Option<(usize, usize)> = None;
    let mut skip = 0usize;
    for seg in pointer.split('/').skip(1) {
        if let Ok(n) = seg.parse::<usize>() {
            skip = n;
            continue;
        }
        let key = seg.replace("~1", "/").replace("~0", "~");
        let mut hit = None;
        let mut from = pos;
        for _ in 0..=skip {
            hit = find_key(raw, &key, from);
            match hit {
                Some((i, len)) => from = i + len,
                None => break,
            }
        }
        skip = 0;
        match hit {
            Some((i, len)) => {
                pos = i + len;
                found = Some((i, len));
            }
            None => break,
        }
    }
    match found {
        Some((i, len)) => Span::new(start + i, start + i + len),
        None => Span::new(start, start),
    }
}

/// The next occurrence of `key` as an object key (`"key"` or bare `key:`) at or after `from`.
fn find_key(raw: &str, key: &str, from: usize) -> Option<(usize, usize)> {
    let hay = raw.get(from..)?;
    let quoted = format!("\"{key}\"");
    let q = hay.find(&quoted).map(|i| (from + i, quoted.len()));
    let bare = format!("{key}:");
    let b = hay
        .match_indices(&bare)
        .map(|(i, _)| i)
        .find(|&i| {
            !hay.get(..i)
                .is_some_and(|p| p.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"'))
        })
        .map(|i| (from + i, key.len()));
    match (q, b) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Things an example does that its table allows only loosely: keys accepted by a `*` row, values
/// of open enums that are not among the known values. Reported as notes.
fn annotate(
    model: &Model,
    props: &[Property],
    additional: Option<&Type>,
    v: &Value,
    at: &str,
    out: &mut Vec<(String, String)>,
) {
    let Value::Object(m) = v else { return };
    for (k, item) in m {
        let here = payload::push_pointer(at, k);
        match props.iter().find(|p| &p.name == k) {
            Some(p) => {
                annotate_value(model, &p.ty, item, &here, out);
                free_form_keys(p, item, &here, out);
            }
            None => {
                if let Some(t) = additional {
                    out.push((
                        here.clone(),
                        format!("key `{k}` is not in the table; the `*` row accepts it"),
                    ));
                    annotate_value(model, t, item, &here, out);
                }
            }
        }
    }
}

fn annotate_value(model: &Model, ty: &Type, v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match (ty, v) {
        (Type::Enum { name }, Value::String(s)) => {
            if let Some(def) = model.enum_def(name)
                && def.open
                && !def.values.contains(s)
            {
                out.push((
                    at.to_owned(),
                    format!(
                        "{} is not a known value of the open enum `{name}`",
                        Value::String(s.clone())
                    ),
                ));
            }
        }
        (Type::Array { items }, Value::Array(a)) => {
            for (i, x) in a.iter().enumerate() {
                annotate_value(model, items, x, &format!("{at}/{i}"), out);
            }
        }
        (Type::Map { values }, Value::Object(m)) => {
            for (k, x) in m {
                annotate_value(model, values, x, &payload::push_pointer(at, k), out);
            }
        }
        (Type::Ref { name }, Value::Object(_)) => {
            if let Some(o) = model.object(name) {
                annotate(model, &o.properties, o.additional.as_ref(), v, at, out);
            }
        }
        _ => {}
    }
}

/// A free-form object whose table row shows an example object: keys the example payload uses that
/// the row's example does not (`target_link` where the table shows `target_url`) are noted, since
/// nothing else can check them.
fn free_form_keys(p: &Property, v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    let (Type::Object, Value::Object(m)) = (&p.ty, v) else {
        return;
    };
    let shown: Vec<&String> = p
        .examples
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|o| o.keys())
        .collect();
    if shown.is_empty() {
        return;
    }
    for k in m.keys().filter(|k| !shown.contains(k)) {
        let listed: Vec<String> = shown.iter().map(|s| format!("`{s}`")).collect();
        out.push((
            payload::push_pointer(at, k),
            format!(
                "key `{k}` of the free-form `{}` is not among the keys its table example shows ({})",
                p.name,
                listed.join(", ")
            ),
        ));
    }
}
