//! The view of the `Tracker` class: one typed method per event, the defaults it fills, the
//! envelope fields it writes, and the `track` dispatch; and the runtime's plan-dependent
//! declarations (`Envelope`, `TrackerOptions`).

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
    /// Lines of `this.trackerName = options.trackerName ?? "...";` at indent 4.
    pub name_init: Vec<String>,
    /// Lines of `this.trackerVersion = options.trackerVersion ?? "...";` at indent 4.
    pub version_init: Vec<String>,
    /// The plan has envelope fields: the tracker holds them and writes them into every envelope.
    pub envelope: bool,
    /// Doc block of the `envelope` field, at indent 2.
    pub envelope_doc: Vec<String>,
    /// `  constructor(sink: Sink, options: TrackerOptions = {}) {` (no default when the options
    /// hold required envelope fields).
    pub constructor_head: String,
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
                format_line!("Sends `{}`: {}.", e.name, e.title),
                e.description.clone(),
            ];
            if !fill.is_empty() {
                let keys: Vec<&str> = fill.iter().map(|f| f.key.as_str()).collect();
                doc.push(format_line!(
                    "Fills {} from the tracker when left unset.",
                    keys.join(" and ")
                ));
            }
            let mut envelope = Vec::new();
            if !model.envelope.is_empty() {
                envelope.push("...this.envelope".to_owned());
            }
            envelope.push(format_line!("event: {}", string_literal(&e.name)));
            envelope.push("properties: wire".to_owned());
            MethodView {
                doc: doc_comment(&doc, 2),
                head: layout::params(2, m, &[format_line!("properties: {ty}")], ": void {"),
                fills: fill,
                send: layout::object_call(4, "this.sink.send", &envelope, ";"),
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
    let fields = field_list(model);
    let mut doc = vec![format_line!(
        "Sends typed events to a `Sink` as envelopes `{{{}\"event\": ..., \"properties\": \
         {{...}}}}`.",
        model
            .envelope
            .iter()
            .map(|p| format_line!("{}: ..., ", serde_json::Value::String(p.name.clone())))
            .collect::<String>()
    )];
    if !model.envelope.is_empty() {
        doc.push(format_line!(
            "The envelope fields ({fields}) come from the options, once per tracker: make one \
             tracker per value of them."
        ));
    }
    if model.events.is_empty() {
        doc.push(
            "The plan has no events: `track` takes `never`, and the tracker exists so that every \
             package has the same shape."
                .to_owned(),
        );
    }
    let required = model.envelope.iter().any(|p| !p.optional);
    let default_name = string_literal(&format_line!("{}-tracker-{LANG}", model.spec.name));
    let default_version = string_literal(&cx.package_version);
    let mut track_doc = vec!["Sends any event of the plan.".to_owned()];
    if !model.envelope.is_empty() {
        track_doc.push(
            "The envelope fields are the tracker's, also when `event` is a parsed envelope that \
             has its own."
                .to_owned(),
        );
    }
    TrackerView {
        doc: doc_comment(&doc, 0),
        name_init: layout::assign(
            4,
            "this.trackerName",
            &format_line!("options.trackerName ?? {default_name}"),
        ),
        version_init: layout::assign(
            4,
            "this.trackerVersion",
            &format_line!("options.trackerVersion ?? {default_version}"),
        ),
        envelope: !model.envelope.is_empty(),
        envelope_doc: doc_comment(
            &[format_line!(
                "The envelope fields ({fields}) written into every envelope."
            )],
            2,
        ),
        constructor_head: if required {
            "  constructor(sink: Sink, options: TrackerOptions) {".to_owned()
        } else {
            "  constructor(sink: Sink, options: TrackerOptions = {}) {".to_owned()
        },
        methods,
        track_doc: doc_comment(&track_doc, 2),
        track_head: format_line!("  track(event: {union_name}): void {{"),
        cases,
    }
}

/// The envelope fields as a list for docs: `` `userId`, `action` ``.
fn field_list(model: &Model) -> String {
    model
        .envelope
        .iter()
        .map(|p| format_line!("`{}`", p.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The runtime's `Envelope` and `TrackerOptions` declarations for `model` (the same as a plain
/// `{"event", "properties"}` plan's when there are no envelope fields).
pub fn runtime_declarations(model: &Model) -> (Vec<String>, Vec<String>) {
    let with_fields = !model.envelope.is_empty();
    let fields = field_list(model);
    let mut envelope = if with_fields {
        doc_comment(
            &[
                "An event on the wire: what a sink receives. The envelope fields come first."
                    .to_owned(),
            ],
            0,
        )
    } else {
        doc_comment(
            &["An event on the wire: what a sink receives.".to_owned()],
            0,
        )
    };
    envelope.push(if with_fields {
        "export interface Envelope extends EnvelopeFields {".to_owned()
    } else {
        "export interface Envelope {".to_owned()
    });
    envelope.extend(
        [
            "  event: string;",
            "  properties: { [key: string]: JsonValue };",
            "}",
        ]
        .map(str::to_owned),
    );
    let mut options = doc_comment(&["Options of a `Tracker`.".to_owned()], 0);
    options.extend(
        [
            "export interface TrackerOptions {",
            "  /** Sent as `tracker_name` when an event has it and the caller left it unset. */",
            "  trackerName?: string;",
            "  /** Sent as `tracker_version` when an event has it and the caller left it unset. */",
            "  trackerVersion?: string;",
        ]
        .map(str::to_owned),
    );
    if with_fields {
        options.extend(doc_comment(
            &[format_line!(
                "The envelope fields ({fields}) written into every envelope."
            )],
            2,
        ));
        let opt = if model.envelope.iter().any(|p| !p.optional) {
            ""
        } else {
            "?"
        };
        options.push(format_line!("  envelope{opt}: EnvelopeFields;"));
    }
    options.push("}".to_owned());
    (envelope, options)
}
