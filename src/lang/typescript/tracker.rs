//! The view of the `Tracker` class: one typed method per event, the defaults it fills, and the
//! `track` dispatch.

use super::layout;
use super::text::{doc_comment, string_literal};
use crate::lang::Context;
use crate::model::{Event, Model, Type};

/// The language name in `{spec}-tracker-{lang}`.
const LANG: &str = "typescript";

/// The `Tracker` class.
#[derive(Debug)]
pub struct TrackerView {
    /// Doc block.
    pub doc: Vec<String>,
    /// `"onlive-tracker-typescript"`.
    pub default_name: String,
    /// `"0.1.0"`.
    pub default_version: String,
    /// One method per event.
    pub methods: Vec<MethodView>,
    /// Doc block of `track`.
    pub track_doc: Vec<String>,
    /// Signature of `track`.
    pub track_head: String,
    /// `switch` cases of `track`; empty when the spec has no events.
    pub cases: Vec<CaseView>,
}

/// One typed tracker method.
#[derive(Debug)]
pub struct MethodView {
    /// Doc block at indent 2.
    pub doc: Vec<String>,
    /// Signature lines at indent 2, the last ending in `{`.
    pub head: Vec<String>,
    /// Defaults filled when the caller left them unset.
    pub fills: Vec<FillView>,
    /// Lines of `this.sink.send({ event: "...", properties: wire });` at indent 4.
    pub send: Vec<String>,
}

/// A `tracker_name` / `tracker_version` default.
#[derive(Debug)]
pub struct FillView {
    /// The key as a string literal (`"tracker_name"`).
    pub key: String,
    /// The tracker field holding the value (`trackerName`).
    pub field: &'static str,
}

/// A `case` of `track`.
#[derive(Debug)]
pub struct CaseView {
    /// The event name literal.
    pub event: String,
    /// The method to call.
    pub method: String,
}

/// Whether `e` has a string property `name` the tracker fills.
fn fills(e: &Event, name: &str) -> bool {
    e.properties
        .iter()
        .any(|p| p.name == name && p.ty == Type::String { format: None })
}

pub fn tracker_view(
    model: &Model,
    cx: &Context,
    event_types: &[String],
    event_methods: &[String],
    union_name: &str,
) -> TrackerView {
    let methods = model
        .events
        .iter()
        .zip(event_types)
        .zip(event_methods)
        .map(|((e, ty), m)| {
            let fill: Vec<FillView> = [
                ("tracker_name", "trackerName"),
                ("tracker_version", "trackerVersion"),
            ]
            .into_iter()
            .filter(|(key, _)| fills(e, key))
            .map(|(key, field)| FillView {
                key: string_literal(key),
                field,
            })
            .collect();
            let mut doc = vec![
                format!("Sends `{}`: {}.", e.name, e.title),
                e.description.clone(),
            ];
            if !fill.is_empty() {
                let keys: Vec<&str> = fill.iter().map(|f| f.key.as_str()).collect();
                doc.push(format!(
                    "Fills {} from the tracker when left unset.",
                    keys.join(" and ")
                ));
            }
            MethodView {
                doc: doc_comment(&doc, 2),
                head: layout::params(2, m, &[format!("properties: {ty}")], ": void {"),
                fills: fill,
                send: layout::object_call(
                    4,
                    "this.sink.send",
                    &[
                        format!("event: {}", string_literal(&e.name)),
                        "properties: wire".to_owned(),
                    ],
                    ";",
                ),
            }
        })
        .collect();
    let cases = model
        .events
        .iter()
        .zip(event_methods)
        .map(|(e, m)| CaseView {
            event: string_literal(&e.name),
            method: m.clone(),
        })
        .collect();
    TrackerView {
        doc: doc_comment(
            &[
                "Sends typed events to a `Sink` as envelopes `{\"event\": ..., \"properties\": \
                 {...}}`."
                    .to_owned(),
            ],
            0,
        ),
        default_name: string_literal(&format!("{}-tracker-{LANG}", model.spec.name)),
        default_version: string_literal(&cx.package_version),
        methods,
        track_doc: doc_comment(&["Sends any event of the plan.".to_owned()], 2),
        track_head: format!("  track(event: {union_name}): void {{"),
        cases,
    }
}
