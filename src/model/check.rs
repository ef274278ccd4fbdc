//! Examples against their tables: every parsed example of an event or object type is checked with
//! the same rules as payloads ([`crate::payload`]), and each contradiction (a required property the
//! example leaves out, a key the table does not list, a wrong type, a value outside the enum) is a
//! warning at the example's line for that key. An example that is a whole envelope (it has
//! `event` and `properties`) is checked as one.

use serde_json::Value;

use super::{Example, Model, Property};
use crate::diag::{Diagnostics, Span};
use crate::payload::{self, FaultKind};

/// Checks every parsed example in `model`, reporting to `d`.
pub(super) fn examples(model: &mut Model, d: &mut Diagnostics) {
    let mut reports = Vec::new();
    for ev in &model.events {
        let Some(ex) = ev.example.as_ref() else {
            continue;
        };
        let Some(value) = ex.parsed.as_ref() else {
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
                    &Value::Object(outer),
                ));
            }
            let props = value.get("properties").unwrap_or(&Value::Null);
            faults.extend(
                payload::properties_faults(model, &ev.properties, props)
                    .into_iter()
                    .map(|mut f| {
                        f.pointer = format!("/properties{}", f.pointer);
                        f
                    }),
            );
            faults
        } else {
            payload::properties_faults(model, &ev.properties, value)
        };
        reports.push((format!("event `{}`", ev.id), ex.clone(), faults));
    }
    for o in &model.objects {
        let Some(ex) = o.example.as_ref() else {
            continue;
        };
        let Some(value) = ex.parsed.as_ref() else {
            continue;
        };
        let faults = payload::properties_faults(model, &o.properties, value);
        reports.push((format!("object `{}`", o.id), ex.clone(), faults));
    }
    for (owner, ex, faults) in reports {
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

/// The position of the last key of `pointer` in the example's raw text, or its first line.
fn locate(d: &Diagnostics, ex: &Example, pointer: &str) -> Span {
    let file = d.file();
    let start = file.offset(ex.line, 1);
    let key = pointer
        .rsplit('/')
        .find(|k| !k.is_empty() && !k.chars().all(|c| c.is_ascii_digit()))
        .map(|k| k.replace("~1", "/").replace("~0", "~"));
    let Some(key) = key else {
        return Span::new(start, start);
    };
    let quoted = format!("\"{key}\"");
    let bare = format!("{key}:");
    let found = ex.raw.find(&quoted).or_else(|| {
        ex.raw
            .match_indices(&bare)
            .map(|(i, _)| i)
            .find(|&i| i == 0 || !ex.raw[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
    });
    match found {
        Some(i) => {
            let len = if ex.raw[i..].starts_with('"') {
                quoted.len()
            } else {
                key.len()
            };
            Span::new(start + i, start + i + len)
        }
        None => Span::new(start, start),
    }
}
