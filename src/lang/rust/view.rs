//! Views: every identifier, literal, type and doc line the Rust templates print, computed here.
//!
//! Shapes whose line breaks depend on the spec (calls with property names, match arms, arrays
//! of values, struct literals) arrive as finished lines from [`super::layout`]; templates only
//! print lines and loop.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::layout::{self, FieldInit};
use super::names::{FIELDS, METHODS, OPEN_VARIANTS, TYPES, VARIANTS};
use super::text::{
    code_block_lines, code_span, doc_lines, line_comment, string_literal, toml_string,
};
use crate::diag::{Diagnostics, Severity, Span};
use crate::lang::Context;
use crate::lang::naming::FieldScope;
use crate::lang::naming::{Case, Scope, ident};
use crate::model::{
    EnumDef, Event, Example, Group, Lifecycle, Model, Object, Origin, Property, StringFormat, Type,
    Unit,
};
use crate::{NameMap, NameSet};

/// The static part of every generated crate.
const RUNTIME: &str = include_str!("../../../templates/rust/runtime.rs");
/// The static part used when any table (event, object type, envelope) has properties.
const FIELDS_RUNTIME: &str = include_str!("../../../templates/rust/fields.rs");
/// The static part used when the plan has events: envelopes and sinks.
const ENVELOPE_RUNTIME: &str = include_str!("../../../templates/rust/envelope.rs");
/// The static part used when the plan has lifecycles.
const LIFECYCLE_RUNTIME: &str = include_str!("../../../templates/rust/lifecycle_error.rs");

/// `Cargo.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ManifestView {
    /// `# ...` header lines.
    pub header: String,
    /// The package name as a TOML string.
    pub name: String,
    /// The version as a TOML string.
    pub version: String,
    /// The description as a TOML string.
    pub description: String,
}

/// `src/lib.rs`: crate docs and attributes around the items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CrateView {
    /// `// ...` header lines.
    pub header: String,
    /// `//! ...` lines (crate docs, ending with a usage doctest).
    pub docs: String,
    /// The items.
    pub items: ItemsView,
}

/// Everything `templates/rust/items.rs` prints: the items of the crate, without crate-level
/// attributes or docs, so that the same text can be `include!`d.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ItemsView {
    /// `templates/rust/runtime.rs`, verbatim.
    pub runtime: &'static str,
    /// `templates/rust/fields.rs`, verbatim, when any table has properties ("" otherwise).
    pub fields_runtime: &'static str,
    /// `templates/rust/envelope.rs`, verbatim, when the plan has events ("" otherwise).
    pub envelope_runtime: &'static str,
    /// `templates/rust/lifecycle_error.rs`, verbatim, when the plan has lifecycles ("" otherwise).
    pub lifecycle_runtime: &'static str,
    /// Enums, in model order.
    pub enums: Vec<EnumView>,
    /// Data groups, in spec order.
    pub groups: Vec<StructView>,
    /// Object types, in spec order.
    pub objects: Vec<ObjectView>,
    /// Events, in spec order.
    pub events: Vec<EventView>,
    /// The union of all events (`None` when the plan has none).
    pub union: Option<UnionView>,
    /// The envelope's own fields (`None` for the plain `{"event", "properties"}` envelope).
    pub envelope: Option<EnvelopeView>,
    /// The tracker (`None` when the plan has no events).
    pub tracker: Option<TrackerView>,
    /// Lifecycles, in spec order.
    pub lifecycles: Vec<LifecycleView>,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EnumView {
    /// Doc lines (`/// ...`).
    pub doc: String,
    /// The type name.
    pub name: String,
    /// Variants in spec order.
    pub variants: Vec<VariantView>,
    /// Lines of the `ALL` constant.
    pub all: String,
    /// Lines of the `VALUES` constant.
    pub values: String,
    /// Lines of the `as_str` match arms.
    pub as_str_arms: String,
    /// Whether to implement the runtime's `Wire` (only when the fields runtime is present).
    pub wire: bool,
    /// An open enum: any other string is `Other(String)`.
    pub open: bool,
}

/// An enum variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct VariantView {
    /// Doc lines (`    /// ...`).
    pub doc: String,
    /// The variant name.
    pub ident: String,
}

/// A struct: a data group, or the type part of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StructView {
    /// Doc lines (`/// ...`).
    pub doc: String,
    /// `#[derive(...)]`.
    pub derive: String,
    /// The type name.
    pub name: String,
    /// Fields in order.
    pub fields: Vec<FieldView>,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FieldView {
    /// Doc lines (`    /// ...`).
    pub doc: String,
    /// The field name.
    pub ident: String,
    /// The field type.
    pub ty: String,
}

impl FieldView {
    /// The field's declaration line(s) in the struct.
    pub(super) fn decl(&self) -> String {
        join(layout::field(4, &self.ident, &self.ty))
    }
}

/// An event: its struct and its impls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EventView {
    /// The struct.
    pub def: StructView,
    /// The wire name as a string literal.
    pub wire: String,
    /// Lines of `pub const NAME: ...`.
    pub name_const: String,
    /// `let mut reader` or `let reader`.
    pub reader: String,
    /// Lines of the `reader.take(...)` statements.
    pub takes: String,
    /// Lines of the `Ok(Self { ... })` expression.
    pub construct: String,
    /// Lines of the `reader.finish(...)` statement (`let additional = ...` with a `*` row).
    pub finish: String,
    /// Whether the event has properties or a `*` row (else `to_properties` is `Map::new()`).
    pub has_properties: bool,
    /// Lines of the `put(...)` statements.
    pub puts: String,
    /// Whether the table has a `*` row: an `additional` field written back by `to_properties`.
    pub additional: bool,
    /// Whether the envelope is the plain `{"event", "properties"}` (then the event has
    /// `to_envelope`; with envelope fields, only [`EnvelopeView`] makes envelopes).
    pub plain: bool,
}

/// An object type: its struct and its impls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ObjectView {
    /// The struct.
    pub def: StructView,
    /// The object's id as a string literal.
    pub id: String,
    /// Whether to implement the runtime's `Wire` (only when the fields runtime is present).
    pub wire: bool,
    /// `let mut reader` or `let reader`.
    pub reader: String,
    /// Lines of the `reader.take(...)` statements.
    pub takes: String,
    /// Lines of the `reader.finish(...)` statement.
    pub finish: String,
    /// Lines of the `Ok(Self { ... })` expression.
    pub construct: String,
    /// Whether the object has properties or a `*` row.
    pub has_properties: bool,
    /// Lines of the `put(...)` statements.
    pub puts: String,
    /// Whether the table has a `*` row.
    pub additional: bool,
}

/// The envelope's own fields (`## Envelope`): a struct, read from and written to envelopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EnvelopeView {
    /// The struct `EnvelopeFields`.
    pub def: StructView,
    /// The union of all events.
    pub union: String,
    /// Lines of the `reader.take(...)` statements.
    pub takes: String,
    /// Lines of the `Ok(Self { ... })` expression.
    pub construct: String,
    /// Lines of the `put(&mut envelope, ...)` statements.
    pub puts: String,
    /// Doc line listing the fields' wire keys (`` `userId`, `action` ``).
    pub keys: String,
}

/// A lifecycle: its state enum and its state machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LifecycleView {
    /// Doc lines of the lifecycle struct.
    pub doc: String,
    /// `InteractionLifecycle`.
    pub name: String,
    /// Doc lines of the state enum.
    pub state_doc: String,
    /// `InteractionState`.
    pub state: String,
    /// The states, in order of first mention.
    pub variants: Vec<VariantView>,
    /// Lines of the state enum's `ALL` constant.
    pub all: String,
    /// Lines of the state enum's `as_str` match arms.
    pub as_str_arms: String,
    /// Lines of `STATES`.
    pub states: String,
    /// Lines of `INITIAL`.
    pub initial: String,
    /// Lines of `TERMINAL`.
    pub terminal: String,
    /// Lines of `TRANSITIONS`.
    pub transitions: String,
    /// Signature lines of `advance`, ending with `{`.
    pub advance: String,
}

/// The union of all events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UnionView {
    /// Doc lines.
    pub doc: String,
    /// `OnliveEvent`.
    pub name: String,
    /// Variants: one per event.
    pub variants: Vec<UnionVariantView>,
    /// Arms of `name()`.
    pub name_arms: String,
    /// Arms of `to_properties()`.
    pub properties_arms: String,
    /// Arms of `from_envelope()` (plain envelope) or `from_parts()` (envelope fields).
    pub parse_arms: String,
    /// Arms of `tracker_fields()`.
    pub tracker_arms: String,
    /// Whether the envelope is the plain `{"event", "properties"}`.
    pub plain: bool,
}

/// One event in the union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UnionVariantView {
    /// Doc lines (`    /// ...`).
    pub doc: String,
    /// The event type (also the variant name).
    pub ty: String,
    /// The variant's line(s): `Ty(Ty),`.
    pub variant: String,
    /// `impl From<Ty> for Union {`.
    pub from_head: String,
}

/// The tracker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TrackerView {
    /// Lines of `pub const TRACKER_NAME`.
    pub name_const: String,
    /// Lines of `pub const TRACKER_VERSION`.
    pub version_const: String,
    /// One method per event.
    pub methods: Vec<MethodView>,
    /// Whether the tracker takes envelope fields.
    pub fields: bool,
    /// The union of all events.
    pub union: String,
}

/// A tracker method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MethodView {
    /// Doc lines (`    /// ...`).
    pub doc: String,
    /// Signature lines, ending with `{`.
    pub signature: String,
}

/// Identifiers of the model's types, fields and methods, claimed once.
struct Names {
    union: String,
    enums: NameMap<String, String>,
    /// Where each enum is first used (for diagnostics).
    enum_spans: NameMap<String, Span>,
    /// Names of the open enums.
    open: NameSet<String>,
    /// Object type names, by id.
    objects: NameMap<String, String>,
    /// `(lifecycle type, state type)`, in spec order.
    lifecycles: Vec<(String, String)>,
    groups: NameMap<String, String>,
    /// Field idents of each group, by wire name.
    group_fields: NameMap<String, NameMap<String, String>>,
    events: Vec<String>,
    methods: Vec<String>,
}

/// Prefixes every line with `marker` (`///`), leaving blank lines without trailing space.
fn comment(indent: usize, marker: &str, lines: &[String]) -> String {
    let pad = " ".repeat(indent);
    let lines: Vec<String> = lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                format_line!("{pad}{marker}")
            } else {
                format_line!("{pad}{marker} {l}")
            }
        })
        .collect();
    lines.join("\n")
}

/// `lines`, one per line.
fn join(lines: Vec<String>) -> String {
    lines.join("\n")
}

/// Joins paragraphs (each a list of lines) with blank lines, skipping empty ones.
fn paragraphs(parts: Vec<Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in parts.into_iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(p);
    }
    out
}

/// The crate (package) name: the configured one, else `{spec}-tracker`.
pub(super) fn package_name(model: &Model, cx: &Context, d: &mut Diagnostics) -> String {
    if let Some(name) = &cx.package_name {
        let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            d.error(
                "bad-package-name",
                Span::default(),
                format_line!(
                    "`{name}` is not a valid Rust package name (ASCII letters, digits, `-` and `_`, starting with a letter)"
                ),
            );
        }
        return name.clone();
    }
    let stem = ident(&FIELDS, &model.spec.name, Case::Snake)
        .map(|(s, _)| {
            s.trim_start_matches("r#")
                .trim_end_matches('_')
                .replace('_', "-")
        })
        .filter(|s| s.starts_with(|c: char| c.is_ascii_alphabetic()))
        .unwrap_or_else(|| "spec".to_owned());
    format_line!("{stem}-tracker")
}

/// The header comment of a Rust file.
pub(super) fn header(cx: &Context) -> String {
    comment(0, "//", &line_comment(&cx.header()))
}

/// `Cargo.toml`.
pub(super) fn manifest(model: &Model, cx: &Context, d: &mut Diagnostics) -> ManifestView {
    let title = if model.spec.title.is_empty() {
        model.spec.name.clone()
    } else {
        model.spec.title.clone()
    };
    ManifestView {
        header: comment(0, "#", &line_comment(&cx.header())),
        name: toml_string(&package_name(model, cx, d)),
        version: toml_string(&cx.package_version),
        description: toml_string(&format_line!(
            "Typed tracker for the \"{title}\" tracking plan (generated by trackgen)"
        )),
    }
}

/// `src/lib.rs`.
pub(super) fn krate(model: &Model, cx: &Context, d: &mut Diagnostics) -> CrateView {
    let lib = package_name(model, cx, d).replace('-', "_");
    let items = items(model, cx, d);
    let title = doc_lines(&model.spec.title);
    let spec = code_span(&cx.spec_path);
    let mut parts = vec![title, doc_lines(&model.spec.description)];
    let objects: Vec<String> = items
        .objects
        .iter()
        .map(|o| format_line!("[`{}`]", o.def.name))
        .collect();
    match &items.union {
        Some(union) => {
            parts.push(vec![
                format_line!(
                    "Generated by trackgen from {spec}: one struct per event (data groups as nested structs),"
                ),
                format_line!(
                    "[`{}`] for any of them, [`parse_envelope`] to check a payload against the plan,",
                    union.name
                ),
                "and [`Tracker`] to send events to a [`Sink`].".to_owned(),
            ]);
            if let Some(envelope) = &items.envelope {
                parts.push(vec![
                    format_line!(
                        "Envelopes carry the fields of [`EnvelopeFields`] ({}) besides `event` and",
                        envelope.keys
                    ),
                    "`properties`: the tracker writes them into every envelope, and [`parse_envelope`]".to_owned(),
                    "returns them with the event, as an [`Envelope`].".to_owned(),
                ]);
            }
            if !objects.is_empty() {
                parts.push(vec![format_line!(
                    "Object types are structs too ({}), checked the same way.",
                    objects.join(", ")
                )]);
            }
            parts.push(tracker_example(&lib, model, &items));
        }
        None => {
            parts.push(vec![
                format_line!("Generated by trackgen from {spec}. The plan defines no events, so there is no"),
                "tracker: one struct per object type, each checked against the plan by `from_properties`".to_owned(),
                "(and by serde), the first fault found being the error.".to_owned(),
                String::new(),
                format_line!("Object types: {}.", objects.join(", ")),
            ]);
            if let (Some(o), Some(view)) = (model.objects.first(), items.objects.first()) {
                parts.push(object_example(&lib, o, &view.def.name));
            }
        }
    }
    if let (Some(l), Some(view)) = (model.lifecycles.first(), items.lifecycles.first()) {
        parts.push(vec![format_line!(
            "Lifecycles are state machines ([`{}`]): they accept the documented sequences of states.",
            view.name
        )]);
        parts.push(lifecycle_example(&lib, l, view));
    }
    CrateView {
        header: header(cx),
        docs: comment(0, "//!", &paragraphs(parts)),
        items,
    }
}

/// The crate docs' doctest of a plan with events: a tracker, and an envelope refused.
fn tracker_example(lib: &str, model: &Model, items: &ItemsView) -> Vec<String> {
    let mut out = vec!["```".to_owned()];
    let fields = items.envelope.as_ref().map(|e| envelope_sample(model, e));
    let tracker = match &fields {
        None => Some("let tracker = Tracker::new(RecordingSink::new());".to_owned()),
        Some(Some(lines)) => {
            out.push(format_line!(
                "use {lib}::{{parse_envelope, EnvelopeFields, ErrorKind, RecordingSink, Tracker}};"
            ));
            out.push(String::new());
            out.extend(lines.iter().cloned());
            Some("let tracker = Tracker::new(RecordingSink::new(), fields);".to_owned())
        }
        Some(None) => None,
    };
    if !matches!(fields, Some(Some(_))) {
        let uses = if tracker.is_some() {
            "parse_envelope, ErrorKind, RecordingSink, Tracker"
        } else {
            "parse_envelope, ErrorKind"
        };
        out.push(format_line!("use {lib}::{{{uses}}};"));
        out.push(String::new());
    }
    if let Some(t) = tracker {
        out.push(t);
        out.push("assert!(tracker.sink().envelopes().is_empty());".to_owned());
        out.push(String::new());
    }
    out.extend([
        "let error = parse_envelope(&serde_json::json!({ \"event\": \"x\" })).unwrap_err();"
            .to_owned(),
        "assert_eq!(error.kind, ErrorKind::MissingProperty);".to_owned(),
        "assert_eq!(error.pointer, \"/properties\");".to_owned(),
        "```".to_owned(),
    ]);
    out
}

/// `let fields = EnvelopeFields { ... };` with a sample value per field, when every required
/// field has one (`None` otherwise).
fn envelope_sample(model: &Model, e: &EnvelopeView) -> Option<Vec<String>> {
    let mut lines = vec!["let fields = EnvelopeFields {".to_owned()];
    for (p, f) in model.envelope.iter().zip(&e.def.fields) {
        let value = if p.optional {
            "None".to_owned()
        } else {
            sample(p)?
        };
        lines.push(format_line!("    {}: {value},", f.ident));
    }
    lines.push("};".to_owned());
    Some(lines)
}

/// A Rust expression of a valid value of a required field, for docs: the first example of a
/// plain string, else a value its type surely accepts; `None` when there is none to tell.
fn sample(p: &Property) -> Option<String> {
    let json = |v: &str| format_line!("serde_json::from_value(serde_json::json!({v})).unwrap()");
    match &p.ty {
        Type::String { format: None } => {
            let text = p
                .examples
                .iter()
                .find_map(|e| e.as_str())
                .unwrap_or("example");
            Some(format_line!("{}.to_owned()", string_literal(text)))
        }
        Type::Boolean => Some("false".to_owned()),
        Type::Integer { .. } => Some("0".to_owned()),
        Type::Number => Some("0.into()".to_owned()),
        Type::Array { .. } | Type::Map { .. } | Type::Object => {
            Some("Default::default()".to_owned())
        }
        Type::Enum { .. } => p.values.first().map(|v| json(&string_literal(v))),
        _ => None,
    }
}

/// The crate docs' doctest of a plan without events: the first object type refusing `{}`.
fn object_example(lib: &str, o: &Object, ty: &str) -> Vec<String> {
    let mut out = vec!["```".to_owned()];
    match o.properties.iter().find(|p| !p.optional) {
        Some(p) => out.extend([
            format_line!("use {lib}::{{ErrorKind, {ty}}};"),
            String::new(),
            format_line!(
                "let error = {ty}::from_properties(&serde_json::Map::new()).unwrap_err();"
            ),
            "assert_eq!(error.kind, ErrorKind::MissingProperty);".to_owned(),
            format_line!(
                "assert_eq!(error.pointer, {});",
                string_literal(&crate::payload::push_pointer("", &p.name))
            ),
        ]),
        None => out.extend([
            format_line!("use {lib}::{ty};"),
            String::new(),
            format_line!(
                "assert!(serde_json::from_value::<{ty}>(serde_json::json!([])).is_err());"
            ),
        ]),
    }
    out.push("```".to_owned());
    out
}

/// The crate docs' doctest of a lifecycle: its first documented sequence, accepted.
fn lifecycle_example(lib: &str, l: &Lifecycle, view: &LifecycleView) -> Vec<String> {
    let states: Vec<String> = l
        .sequences
        .first()
        .map(|s| s.iter().map(|x| string_literal(x)).collect())
        .unwrap_or_default();
    let mut out = vec![
        "```".to_owned(),
        format_line!("use {lib}::{{{}, {}}};", view.name, view.state),
        String::new(),
        format_line!("let mut lifecycle = {}::new();", view.name),
        format_line!("for name in [{}] {{", states.join(", ")),
        format_line!("    let state = {}::parse(name).unwrap();", view.state),
        "    lifecycle.advance(state).unwrap();".to_owned(),
        "}".to_owned(),
    ];
    let last = l.sequences.first().and_then(|s| s.last());
    if last.is_some_and(|s| l.terminal.contains(s)) {
        out.push("assert!(lifecycle.is_terminal());".to_owned());
    }
    out.push("```".to_owned());
    out
}

/// The items (everything but crate docs and attributes).
pub(super) fn items(model: &Model, cx: &Context, d: &mut Diagnostics) -> ItemsView {
    let names = claim_names(model, d);
    let has_events = !model.events.is_empty();
    // Envelope fields only exist around events.
    let envelope_fields = has_events && !model.envelope.is_empty();
    let any_fields = model.events.iter().any(|e| !e.properties.is_empty())
        || model.objects.iter().any(|o| !o.properties.is_empty())
        || envelope_fields;
    let enums = model
        .enums
        .iter()
        .map(|e| enum_view(e, &names, any_fields, d))
        .collect();
    let groups = model.groups.iter().map(|g| group_view(g, &names)).collect();
    let objects = model
        .objects
        .iter()
        .map(|o| object_view(o, &names, any_fields, d))
        .collect();
    let events: Vec<EventView> = model
        .events
        .iter()
        .zip(&names.events)
        .map(|(e, ty)| event_view(model, e, ty, &names, d))
        .collect();
    ItemsView {
        runtime: RUNTIME.trim_end(),
        fields_runtime: if any_fields {
            FIELDS_RUNTIME.trim_end()
        } else {
            ""
        },
        envelope_runtime: if has_events {
            ENVELOPE_RUNTIME.trim_end()
        } else {
            ""
        },
        lifecycle_runtime: if model.lifecycles.is_empty() {
            ""
        } else {
            LIFECYCLE_RUNTIME.trim_end()
        },
        enums,
        groups,
        objects,
        union: has_events.then(|| union_view(model, &names)),
        envelope: envelope_fields.then(|| envelope_view(model, &names, d)),
        tracker: has_events.then(|| tracker_view(model, cx, &names)),
        events,
        lifecycles: model
            .lifecycles
            .iter()
            .zip(&names.lifecycles)
            .map(|(l, n)| lifecycle_view(l, n, d))
            .collect(),
    }
}

/// Claims every type, group field and method name, reporting collisions.
fn claim_names(model: &Model, d: &mut Diagnostics) -> Names {
    let mut types = Scope::new();
    let union = ident(
        &TYPES,
        &format_line!("{} event", model.spec.name),
        Case::UpperCamel,
    )
    .map_or_else(|| "Event".to_owned(), |(s, _)| s);
    if !model.events.is_empty() {
        types.reserve(&union);
    }
    let events: Vec<String> = model
        .events
        .iter()
        .map(|e| types.claim(&TYPES, &e.id, Case::UpperCamel, e.span, "event", d))
        .collect();
    let mut groups = NameMap::default();
    let mut group_fields = NameMap::default();
    for g in &model.groups {
        let ty = types.claim(
            &TYPES,
            &format_line!("{}_group", g.id),
            Case::UpperCamel,
            g.span,
            "data group",
            d,
        );
        groups.insert(g.id.clone(), ty);
        let mut fields = FieldScope::new(&FIELDS, &[]);
        let mut idents = NameMap::default();
        for p in &g.properties {
            let f = fields.claim(&p.name, p.span, "property", d);
            idents.insert(p.name.clone(), f);
        }
        group_fields.insert(g.id.clone(), idents);
    }
    let mut objects = NameMap::default();
    for o in &model.objects {
        let ty = types.claim(&TYPES, &o.id, Case::UpperCamel, o.span, "object type", d);
        objects.insert(o.id.clone(), ty);
    }
    let mut enums = NameMap::default();
    let enum_spans = enum_spans(model);
    for e in &model.enums {
        let at = enum_spans.get(&e.name).copied().unwrap_or_default();
        let ty = types.claim(&TYPES, &e.name, Case::UpperCamel, at, "enum", d);
        enums.insert(e.name.clone(), ty);
    }
    let open = model
        .enums
        .iter()
        .filter(|e| e.open)
        .map(|e| e.name.clone())
        .collect();
    let lifecycles = model
        .lifecycles
        .iter()
        .map(|l| {
            let at = lifecycle_span(l, d);
            let name = format_line!("{}_lifecycle", l.id);
            let ty = types.claim(&TYPES, &name, Case::UpperCamel, at, "lifecycle", d);
            let name = format_line!("{}_state", l.id);
            let state = types.claim(&TYPES, &name, Case::UpperCamel, at, "lifecycle", d);
            (ty, state)
        })
        .collect();
    let mut methods = Scope::new();
    let methods = model
        .events
        .iter()
        .map(|e| methods.claim(&METHODS, &e.id, Case::Snake, e.span, "event", d))
        .collect();
    Names {
        union,
        enums,
        enum_spans,
        open,
        objects,
        lifecycles,
        groups,
        group_fields,
        events,
        methods,
    }
}

/// A lifecycle has no span in the model, only the line of its heading: that line.
fn lifecycle_span(l: &Lifecycle, d: &Diagnostics) -> Span {
    let file = d.file();
    Span::new(file.offset(l.line, 1), file.offset(l.line, usize::MAX))
}

/// Where each enum is first defined: the first row whose type uses it (events, groups, object
/// types, then the envelope).
fn enum_spans(model: &Model) -> NameMap<String, Span> {
    let uses = crate::lang::first_enum_uses(
        model
            .events
            .iter()
            .flat_map(|e| &e.properties)
            .chain(model.groups.iter().flat_map(|g| &g.properties))
            .chain(model.objects.iter().flat_map(|o| &o.properties))
            .chain(&model.envelope),
    );
    model
        .enums
        .iter()
        .filter_map(|e| Some((e.name.clone(), *uses.get(e.name.as_str())?)))
        .collect()
}

/// One variant per value, named after it (or after its code points when it has no letters or
/// digits); collisions are errors at `at`.
fn claim_variants(
    values: &[String],
    rules: &crate::lang::naming::Rules,
    at: Span,
    name: &str,
    what: &str,
    d: &mut Diagnostics,
) -> Vec<VariantView> {
    let mut scope = Scope::new();
    let mut variants = Vec::new();
    for value in values {
        let ident = if ident(rules, value, Case::UpperCamel).is_some() {
            scope.claim(rules, value, Case::UpperCamel, at, what, d)
        } else {
            // Nothing to name it after (`*/`): name it after its code points, which stay the same
            // whatever the other values are.
            let spelled: Vec<String> = value
                .chars()
                .map(|c| format_line!("u{:04x}", u32::from(c)))
                .collect();
            let id = scope.claim(rules, &spelled.join(" "), Case::UpperCamel, at, what, d);
            if !value.is_empty() {
                d.note(
                    "renamed-value",
                    at,
                    format_line!("{what} {value:?} has no letters or digits; its Rust variant is `{name}::{id}`"),
                );
            }
            id
        };
        variants.push(VariantView {
            doc: comment(4, "///", &[code_span(value)]),
            ident,
        });
    }
    variants
}

fn enum_view(e: &EnumDef, names: &Names, wire: bool, d: &mut Diagnostics) -> EnumView {
    let name = names.enums.get(&e.name).cloned().unwrap_or_default();
    let at = names.enum_spans.get(&e.name).copied().unwrap_or_default();
    let rules = if e.open { &OPEN_VARIANTS } else { &VARIANTS };
    let variants = claim_variants(&e.values, rules, at, &name, "enum value", d);
    let n = variants.len();
    let all_items: Vec<String> = variants
        .iter()
        .map(|v| format_line!("Self::{}", v.ident))
        .collect();
    let value_items: Vec<String> = e.values.iter().map(|v| string_literal(v)).collect();
    let as_str_arms: Vec<String> = variants
        .iter()
        .zip(&value_items)
        .flat_map(|(v, lit)| layout::arm(12, &format_line!("Self::{}", v.ident), lit))
        .collect();
    let values_list: Vec<String> = e.values.iter().map(|v| code_span(v)).collect();
    let doc = if e.open {
        paragraphs(vec![
            vec![format_line!("Values of `{}`: an open enum.", e.name)],
            vec![
                format_line!("Known values: {}.", values_list.join(", ")),
                "Any other string is accepted too, as [`Self::Other`].".to_owned(),
            ],
        ])
    } else {
        paragraphs(vec![
            vec![format_line!("Allowed values of `{}`.", e.name)],
            vec![format_line!("One of {}.", values_list.join(", "))],
        ])
    };
    EnumView {
        doc: comment(0, "///", &doc),
        name,
        variants,
        all: join(layout::array(
            4,
            &format_line!("pub const ALL: [Self; {n}] = "),
            &all_items,
            ";",
        )),
        values: join(layout::array(
            4,
            &format_line!("pub const VALUES: [&'static str; {n}] = "),
            &value_items,
            ";",
        )),
        as_str_arms: join(as_str_arms),
        wire,
        open: e.open,
    }
}

/// The Rust type of a property type.
fn rust_type(ty: &Type, names: &Names) -> String {
    match ty {
        Type::String { .. } => "String".to_owned(),
        Type::Number => "serde_json::Number".to_owned(),
        Type::Integer { .. } => "i64".to_owned(),
        Type::Boolean => "bool".to_owned(),
        Type::Object => "Map<String, Value>".to_owned(),
        Type::Any | Type::Union { .. } => "Value".to_owned(),
        Type::Array { items } => format_line!("Vec<{}>", rust_type(items, names)),
        Type::Enum { name } => names.enums.get(name).cloned().unwrap_or_default(),
        Type::Map { values } => format_line!("BTreeMap<String, {}>", rust_type(values, names)),
        Type::Ref { name } => names.objects.get(name).cloned().unwrap_or_default(),
    }
}

/// The runtime's `WireType` expression for a property type.
fn wire_type(ty: &Type, names: &Names) -> String {
    match ty {
        Type::String { format: None } => "WireType::String".to_owned(),
        Type::String { format: Some(f) } => {
            format_line!("WireType::Formatted(Format::{})", format_variant(*f))
        }
        Type::Number => "WireType::Number".to_owned(),
        Type::Integer { .. } => "WireType::Integer".to_owned(),
        Type::Boolean => "WireType::Boolean".to_owned(),
        Type::Object => "WireType::Object".to_owned(),
        Type::Any => "WireType::Any".to_owned(),
        Type::Array { items } => format_line!("WireType::Array(&{})", wire_type(items, names)),
        // An open enum accepts any string.
        Type::Enum { name } if names.open.contains(name) => "WireType::String".to_owned(),
        Type::Enum { name } => format_line!(
            "WireType::Enum(&{}::VALUES)",
            names.enums.get(name).cloned().unwrap_or_default()
        ),
        Type::Union { variants } => {
            let v: Vec<String> = variants.iter().map(|t| wire_type(t, names)).collect();
            format_line!("WireType::Union(&[{}])", v.join(", "))
        }
        Type::Map { values } => format_line!("WireType::Map(&{})", wire_type(values, names)),
        Type::Ref { name } => format_line!(
            "WireType::Ref(&{}::TYPE)",
            names.objects.get(name).cloned().unwrap_or_default()
        ),
    }
}

fn format_variant(f: StringFormat) -> &'static str {
    match f {
        StringFormat::Uuid => "Uuid",
        StringFormat::DateTime => "DateTime",
        StringFormat::Date => "Date",
        StringFormat::Email => "Email",
        StringFormat::Uri => "Uri",
    }
}

/// How a type reads in prose (`a UUID string`, `an array of integers`).
fn describe(ty: &Type) -> String {
    match ty {
        Type::String { format: None } => "a string".to_owned(),
        Type::String { format: Some(f) } => format_line!("a `{}` string", f.as_str()),
        Type::Number => "a number".to_owned(),
        Type::Integer { .. } => "an integer".to_owned(),
        Type::Boolean => "a boolean".to_owned(),
        Type::Object => "an object".to_owned(),
        Type::Any => "any value but null".to_owned(),
        Type::Array { items } => format_line!("an array of {}", describe(items)),
        Type::Enum { name } => format_line!("a value of `{name}`"),
        Type::Union { variants } => {
            let v: Vec<String> = variants.iter().map(describe).collect();
            v.join(" or ")
        }
        Type::Map { values } => format_line!("an object of {}", describe(values)),
        Type::Ref { name } => format_line!("a `{name}` object"),
    }
}

/// Doc lines of a property: its description, then what the spec says about its values.
fn property_doc(p: &Property, field: &str, names: &Names) -> Vec<String> {
    let open = matches!(&p.ty, Type::Enum { name } if names.open.contains(name));
    let mut facts = Vec::new();
    if field.trim_start_matches("r#") != p.name {
        facts.push(format_line!("Wire key: {}.", code_span(&p.name)));
    }
    match &p.ty {
        Type::String { format: Some(f) } => facts.push(format_line!(
            "Format: `{}` (checked when parsing).",
            f.as_str()
        )),
        Type::Integer { unit: Some(u) } => facts.push(format_line!(
            "Unit: {}.",
            match u {
                Unit::Timestamp => "milliseconds since the Unix epoch (timestamp)",
                Unit::Milliseconds => "milliseconds",
                Unit::Seconds => "seconds",
            }
        )),
        Type::Union { .. } => facts.push(format_line!(
            "Accepts {} (checked when parsing).",
            describe(&p.ty)
        )),
        Type::Array { items } | Type::Map { values: items }
            if matches!(
                **items,
                Type::Union { .. } | Type::String { format: Some(_) }
            ) =>
        {
            facts.push(format_line!(
                "Accepts {} (checked when parsing).",
                describe(&p.ty)
            ));
        }
        _ => {}
    }
    if !p.values.is_empty() {
        let v: Vec<String> = p.values.iter().map(|v| code_span(v)).collect();
        if open {
            facts.push(format_line!(
                "Known values: {}; any other string is accepted too.",
                v.join(", ")
            ));
        } else {
            facts.push(format_line!("Values: {}.", v.join(", ")));
        }
    }
    if !p.examples.is_empty() {
        let v: Vec<String> = p
            .examples
            .iter()
            .map(|e| code_span(&e.to_string()))
            .collect();
        let label = if v.len() == 1 { "Example" } else { "Examples" };
        facts.push(format_line!("{label}: {}.", v.join(", ")));
    }
    if let Some(since) = &p.since {
        facts.push(format_line!("Since version {}.", code_span(since)));
    }
    let doc = paragraphs(vec![doc_lines(&p.description), facts]);
    if doc.is_empty() {
        vec![format_line!("The {} property.", code_span(&p.name))]
    } else {
        doc
    }
}

/// Derives for a struct whose fields are `fields`; `Default` only when every field's default is
/// a valid value (absent optionals, empty arrays, nested structs that have it).
fn derive(defaultable: bool) -> String {
    if defaultable {
        "#[derive(Debug, Clone, Default, PartialEq, Eq)]".to_owned()
    } else {
        "#[derive(Debug, Clone, PartialEq, Eq)]".to_owned()
    }
}

fn defaults_are_valid(p: &Property) -> bool {
    p.optional || matches!(p.ty, Type::Array { .. } | Type::Map { .. })
}

fn field_type(p: &Property, names: &Names) -> String {
    let t = rust_type(&p.ty, names);
    if p.optional {
        format_line!("Option<{t}>")
    } else {
        t
    }
}

fn group_view(g: &Group, names: &Names) -> StructView {
    let fields_of = names.group_fields.get(&g.id);
    let fields = g
        .properties
        .iter()
        .map(|p| {
            let ident = fields_of
                .and_then(|f| f.get(&p.name))
                .cloned()
                .unwrap_or_default();
            FieldView {
                doc: comment(4, "///", &property_doc(p, &ident, names)),
                ty: field_type(p, names),
                ident,
            }
        })
        .collect();
    let doc = paragraphs(vec![
        doc_lines(&g.title),
        doc_lines(&g.description),
        vec![format_line!(
            "Data group `{}`: events that include it have it as a field.",
            g.id
        )],
    ]);
    StructView {
        doc: comment(0, "///", &doc),
        derive: derive(g.properties.iter().all(defaults_are_valid)),
        name: names.groups.get(&g.id).cloned().unwrap_or_default(),
        fields,
    }
}

/// The groups of `e` that become nested structs: those whose rows in the event match the
/// group's rows in type and optionality. (A mismatch is a warning of the spec layer; the event's
/// rows win, so that group's properties become plain fields of the event.)
fn nested_groups<'m>(model: &'m Model, e: &Event, d: &mut Diagnostics) -> Vec<&'m Group> {
    let mut out = Vec::new();
    for id in &e.groups {
        let Some(g) = model.group(id) else { continue };
        // Every row of the group is in the event, with the same type and optionality, and
        // attributed to this group (two groups may share a row; the first one gets it).
        let same = g.properties.iter().all(|gp| {
            e.properties.iter().any(|p| {
                p.name == gp.name
                    && p.ty == gp.ty
                    && p.optional == gp.optional
                    && p.origin == Origin::Group(g.id.clone())
            })
        });
        if same {
            out.push(g);
        } else {
            d.note(
                "group-inlined",
                e.span,
                format_line!(
                    "event `{}` does not use data group `{}` as it is (a row differs, or belongs to an earlier group); in Rust those properties are fields of the event itself",
                    e.id, g.id
                ),
            );
        }
    }
    out
}

fn event_view(model: &Model, e: &Event, ty: &str, names: &Names, d: &mut Diagnostics) -> EventView {
    let nested = nested_groups(model, e, d);
    let nested_id = |p: &Property| match &p.origin {
        Origin::Group(g) if nested.iter().any(|n| &n.id == g) => Some(g.clone()),
        _ => None,
    };
    // Struct fields: one per nested group, then the event's own properties.
    let mut struct_scope = FieldScope::new(&FIELDS, &[]);
    let mut fields = Vec::new();
    let mut group_field = BTreeMap::new();
    for g in &nested {
        let ident = struct_scope.claim(&g.id, e.span, "data group field", d);
        let gty = names.groups.get(&g.id).cloned().unwrap_or_default();
        let mut doc = paragraphs(vec![doc_lines(&g.title), doc_lines(&g.description)]);
        if doc.is_empty() {
            doc.push(format_line!("The `{}` data group.", g.id));
        }
        fields.push(FieldView {
            doc: comment(4, "///", &doc),
            ident: ident.clone(),
            ty: gty.clone(),
        });
        group_field.insert(g.id.clone(), (ident, gty));
    }
    // Locals of `from_properties` are named after the fields they fill, across groups: claim them
    // in one scope to catch two properties of one event that would share a name.
    let mut locals_diag = Diagnostics::new(Arc::clone(d.file()));
    let mut locals = FieldScope::new(&FIELDS, &[]);
    let mut takes = Vec::new();
    let mut puts = Vec::new();
    let mut own_inits = Vec::new();
    let mut group_inits: BTreeMap<String, Vec<FieldInit>> = BTreeMap::new();
    for p in &e.properties {
        let (local, path) = match nested_id(p) {
            Some(g) => {
                let f = names
                    .group_fields
                    .get(&g)
                    .and_then(|m| m.get(&p.name))
                    .cloned()
                    .unwrap_or_default();
                let gf = group_field
                    .get(&g)
                    .map(|(i, _)| i.clone())
                    .unwrap_or_default();
                locals.claim(&p.name, p.span, "property", &mut locals_diag);
                group_inits
                    .entry(g)
                    .or_default()
                    .push(FieldInit::Shorthand(f.clone()));
                let path = format_line!("&self.{gf}.{f}");
                (f, path)
            }
            None => {
                let f = struct_scope.claim(&p.name, p.span, "property", d);
                locals.claim(&p.name, p.span, "property", &mut locals_diag);
                fields.push(FieldView {
                    doc: comment(4, "///", &property_doc(p, &f, names)),
                    ty: field_type(p, names),
                    ident: f.clone(),
                });
                own_inits.push(FieldInit::Shorthand(f.clone()));
                let path = format_line!("&self.{f}");
                (f, path)
            }
        };
        let key = string_literal(&p.name);
        takes.extend(layout::call(
            8,
            &format_line!("let {local} = "),
            "reader.take",
            &[key.clone(), format_line!("&{}", wire_type(&p.ty, names))],
            "?;",
        ));
        puts.extend(layout::call(
            8,
            "",
            "put",
            &["&mut properties".to_owned(), key, path],
            ";",
        ));
    }
    // Own properties were claimed in the struct scope too: report each collision once.
    for item in locals_diag.items() {
        if item.severity == Severity::Error && !d.items().contains(item) {
            d.push(item.clone());
        }
    }
    let mut inits: Vec<FieldInit> = nested
        .iter()
        .filter_map(|g| {
            let (ident, gty) = group_field.get(&g.id)?;
            Some(FieldInit::Nested(
                ident.clone(),
                gty.clone(),
                group_inits.remove(&g.id).unwrap_or_default(),
            ))
        })
        .collect();
    inits.extend(own_inits);
    if let Some(t) = &e.additional {
        fields.push(additional_field(t));
        inits.push(FieldInit::Shorthand("additional".to_owned()));
    }
    let defaultable = e.properties.iter().all(defaults_are_valid);
    let doc = paragraphs(vec![
        doc_lines(&e.title),
        doc_lines(&e.description),
        vec![format_line!("Sent as {}.", code_span(&e.name))],
        example_doc(e.example.as_ref()),
    ]);
    let wire = string_literal(&e.name);
    EventView {
        def: StructView {
            doc: comment(0, "///", &doc),
            derive: derive(defaultable),
            name: ty.to_owned(),
            fields,
        },
        name_const: join(layout::assignment(
            4,
            "pub const NAME: &'static str = ",
            &wire,
            ";",
        )),
        wire,
        reader: if e.properties.is_empty() {
            "let reader"
        } else {
            "let mut reader"
        }
        .to_owned(),
        takes: join(takes),
        finish: join(finish(e.additional.as_ref(), "Self::NAME", names)),
        construct: join(layout::struct_literal(8, "Ok(", "Self", &inits, ")")),
        has_properties: !e.properties.is_empty() || e.additional.is_some(),
        puts: join(puts),
        additional: e.additional.is_some(),
        plain: model.envelope.is_empty(),
    }
}

/// The field that keeps the keys a `*` row accepts.
fn additional_field(t: &Type) -> FieldView {
    let doc = vec![
        "The keys the table does not list, with their values: the table's `*` row accepts them"
            .to_owned(),
        format_line!("when they are {} (checked when parsing).", describe(t)),
        String::new(),
        "Serialising writes them after the table's properties; a key of the table is ignored here."
            .to_owned(),
    ];
    FieldView {
        doc: comment(4, "///", &doc),
        ident: "additional".to_owned(),
        ty: "BTreeMap<String, Value>".to_owned(),
    }
}

/// `reader.finish(owner, rest)?;`, keeping the other keys in `additional` when there is a `*`
/// row.
fn finish(additional: Option<&Type>, owner: &str, names: &Names) -> Vec<String> {
    let (prefix, rest) = match additional {
        Some(t) => (
            "let additional = ",
            format_line!("Some(&{})", wire_type(t, names)),
        ),
        None => ("", "None".to_owned()),
    };
    layout::call(8, prefix, "reader.finish", &[owner.to_owned(), rest], "?;")
}

/// The spec's example payload as a (non-Rust) code block.
fn example_doc(example: Option<&Example>) -> Vec<String> {
    let Some(example) = example else {
        return Vec::new();
    };
    let fence = "`".repeat(longest_backtick_run(&example.raw).max(2) + 1);
    let lang = if example.parsed.is_some() {
        "json"
    } else {
        "text"
    };
    let mut out = vec![
        "Example from the spec:".to_owned(),
        String::new(),
        format_line!("{fence}{lang}"),
    ];
    out.extend(code_block_lines(&example.raw));
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.push(fence);
    out
}

/// The length of the longest run of backticks in `s` (a fence around `s` must be longer). One pass
/// over the bytes: splitting at every other character cost a tenth of the Rust backend.
fn longest_backtick_run(s: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for &b in s.as_bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The parts of a table whose rows are all its own (an object type, the envelope's fields).
struct TableParts {
    fields: Vec<FieldView>,
    takes: Vec<String>,
    puts: Vec<String>,
    inits: Vec<FieldInit>,
}

/// Fields, `reader.take` lines, `put(&mut {target}, ...)` lines and literal fields of `props`.
fn table_parts(props: &[Property], target: &str, names: &Names, d: &mut Diagnostics) -> TableParts {
    let mut scope = FieldScope::new(&FIELDS, &[]);
    let mut parts = TableParts {
        fields: Vec::new(),
        takes: Vec::new(),
        puts: Vec::new(),
        inits: Vec::new(),
    };
    for p in props {
        let f = scope.claim(&p.name, p.span, "property", d);
        let key = string_literal(&p.name);
        parts.takes.extend(layout::call(
            8,
            &format_line!("let {f} = "),
            "reader.take",
            &[key.clone(), format_line!("&{}", wire_type(&p.ty, names))],
            "?;",
        ));
        parts.puts.extend(layout::call(
            8,
            "",
            "put",
            &[
                format_line!("&mut {target}"),
                key,
                format_line!("&self.{f}"),
            ],
            ";",
        ));
        parts.fields.push(FieldView {
            doc: comment(4, "///", &property_doc(p, &f, names)),
            ty: field_type(p, names),
            ident: f.clone(),
        });
        parts.inits.push(FieldInit::Shorthand(f));
    }
    parts
}

fn object_view(o: &Object, names: &Names, wire: bool, d: &mut Diagnostics) -> ObjectView {
    let mut t = table_parts(&o.properties, "properties", names, d);
    if let Some(ty) = &o.additional {
        t.fields.push(additional_field(ty));
        t.inits.push(FieldInit::Shorthand("additional".to_owned()));
    }
    let doc = paragraphs(vec![
        doc_lines(&o.title),
        doc_lines(&o.description),
        vec![format_line!(
            "Object type {}: properties of this type hold it as a field.",
            code_span(&o.id)
        )],
        example_doc(o.example.as_ref()),
    ]);
    let defaultable = o.properties.iter().all(defaults_are_valid);
    ObjectView {
        def: StructView {
            doc: comment(0, "///", &doc),
            derive: derive(defaultable),
            name: names.objects.get(&o.id).cloned().unwrap_or_default(),
            fields: t.fields,
        },
        id: string_literal(&o.id),
        wire,
        reader: if o.properties.is_empty() {
            "let reader"
        } else {
            "let mut reader"
        }
        .to_owned(),
        takes: join(t.takes),
        finish: join(finish(o.additional.as_ref(), "Self::TYPE.name", names)),
        construct: join(layout::struct_literal(8, "Ok(", "Self", &t.inits, ")")),
        has_properties: !o.properties.is_empty() || o.additional.is_some(),
        puts: join(t.puts),
        additional: o.additional.is_some(),
    }
}

fn envelope_view(model: &Model, names: &Names, d: &mut Diagnostics) -> EnvelopeView {
    let t = table_parts(&model.envelope, "envelope", names, d);
    let keys: Vec<String> = model.envelope.iter().map(|p| code_span(&p.name)).collect();
    let doc = vec![
        format_line!(
            "The envelope's own fields ({}), besides `event` and `properties`.",
            keys.join(", ")
        ),
        String::new(),
        "A [`Tracker`] writes them into every envelope; [`parse_envelope`] returns them in an"
            .to_owned(),
        "[`Envelope`].".to_owned(),
    ];
    EnvelopeView {
        def: StructView {
            doc: comment(0, "///", &doc),
            derive: derive(model.envelope.iter().all(defaults_are_valid)),
            name: "EnvelopeFields".to_owned(),
            fields: t.fields,
        },
        union: names.union.clone(),
        takes: join(t.takes),
        construct: join(layout::struct_literal(8, "Ok(", "Self", &t.inits, ")")),
        puts: join(t.puts),
        keys: keys.join(", "),
    }
}

fn lifecycle_view(
    l: &Lifecycle,
    (name, state): &(String, String),
    d: &mut Diagnostics,
) -> LifecycleView {
    let at = lifecycle_span(l, d);
    let variants = claim_variants(&l.states, &VARIANTS, at, state, "lifecycle state", d);
    let ident_of = |s: &String| {
        l.states
            .iter()
            .position(|x| x == s)
            .and_then(|i| variants.get(i))
            .map_or_else(String::new, |v| format_line!("{state}::{}", v.ident))
    };
    let n = variants.len();
    let self_items: Vec<String> = variants
        .iter()
        .map(|v| format_line!("Self::{}", v.ident))
        .collect();
    let lits: Vec<String> = l.states.iter().map(|s| string_literal(s)).collect();
    let as_str_arms: Vec<String> = self_items
        .iter()
        .zip(&lits)
        .flat_map(|(v, lit)| layout::arm(12, v, lit))
        .collect();
    let list = |states: &[String]| -> Vec<String> { states.iter().map(ident_of).collect() };
    let constant = |what: &str, items: &[String]| {
        join(layout::array(
            4,
            &format_line!("pub const {what}: [{state}; {}] = ", items.len()),
            items,
            ";",
        ))
    };
    let pairs: Vec<(String, String)> = l
        .transitions
        .iter()
        .map(|(a, b)| (ident_of(a), ident_of(b)))
        .collect();
    let spans = |v: &[String]| -> String {
        let s: Vec<String> = v.iter().map(|x| code_span(x)).collect();
        s.join(", ")
    };
    let mut sequences = vec!["Documented sequences:".to_owned(), String::new()];
    sequences.extend(
        l.sequences
            .iter()
            .map(|seq| format_line!("- {}", code_span(&seq.join(" -> ")))),
    );
    let doc = paragraphs(vec![
        doc_lines(&l.title),
        doc_lines(&l.description),
        vec![
            format_line!(
                "Lifecycle {}: its states are [`{state}`]. A sequence starts with",
                code_span(&l.id)
            ),
            format_line!(
                "{} and may end with {}; [`Self::advance`] accepts a state",
                spans(&l.initial),
                spans(&l.terminal)
            ),
            "when [`Self::TRANSITIONS`] allows it after the current one.".to_owned(),
        ],
        if l.sequences.is_empty() {
            Vec::new()
        } else {
            sequences
        },
    ]);
    LifecycleView {
        doc: comment(0, "///", &doc),
        name: name.clone(),
        state_doc: comment(
            0,
            "///",
            &[format_line!(
                "A state of the {} lifecycle ([`{name}`]).",
                code_span(&l.id)
            )],
        ),
        state: state.clone(),
        all: join(layout::array(
            4,
            &format_line!("pub const ALL: [Self; {n}] = "),
            &self_items,
            ";",
        )),
        as_str_arms: join(as_str_arms),
        states: join(layout::assignment(
            4,
            &format_line!("pub const STATES: [{state}; {n}] = "),
            &format_line!("{state}::ALL"),
            ";",
        )),
        initial: constant("INITIAL", &list(&l.initial)),
        terminal: constant("TERMINAL", &list(&l.terminal)),
        transitions: join(layout::pairs(
            4,
            &format_line!(
                "pub const TRANSITIONS: [({state}, {state}); {}] = ",
                pairs.len()
            ),
            &pairs,
            ";",
        )),
        advance: join(layout::signature(
            4,
            "pub fn advance",
            &["&mut self".to_owned(), format_line!("state: {state}")],
            &format_line!(" -> Result<(), LifecycleError<{state}>>"),
        )),
        variants,
    }
}

fn union_view(model: &Model, names: &Names) -> UnionView {
    let name = names.union.clone();
    let mut variants = Vec::new();
    let mut name_arms = Vec::new();
    let mut properties_arms = Vec::new();
    let mut parse_arms = Vec::new();
    let mut tracker_arms = Vec::new();
    for (e, ty) in model.events.iter().zip(&names.events) {
        variants.push(UnionVariantView {
            doc: comment(
                4,
                "///",
                &[format_line!("The {} event.", code_span(&e.name))],
            ),
            ty: ty.clone(),
            variant: join(layout::tuple_variant(4, ty, ty)),
            from_head: format_line!("impl From<{ty}> for {name} {{"),
        });
        name_arms.extend(layout::arm(
            12,
            &format_line!("Self::{ty}(_)"),
            &format_line!("{ty}::NAME"),
        ));
        properties_arms.extend(layout::arm(
            12,
            &format_line!("Self::{ty}(event)"),
            "event.to_properties()",
        ));
        parse_arms.extend(layout::call_arm(
            12,
            &format_line!("{ty}::NAME"),
            "parse_properties",
            &["properties".to_owned(), format_line!("Self::{ty}")],
        ));
        let filled: Vec<String> = tracker_fields(e)
            .iter()
            .map(|k| string_literal(k))
            .collect();
        tracker_arms.extend(layout::arm(
            12,
            &format_line!("Self::{ty}(_)"),
            &format_line!("&[{}]", filled.join(", ")),
        ));
    }
    let doc = vec![
        format_line!("Any event of the `{}` tracking plan.", model.spec.name),
        String::new(),
        if model.envelope.is_empty() {
            "What [`parse_envelope`] returns and [`Tracker::track`] sends.".to_owned()
        } else {
            "What an [`Envelope`] holds and [`Tracker::track`] sends.".to_owned()
        },
    ];
    UnionView {
        doc: comment(0, "///", &doc),
        name,
        variants,
        name_arms: join(name_arms),
        properties_arms: join(properties_arms),
        parse_arms: join(parse_arms),
        tracker_arms: join(tracker_arms),
        plain: model.envelope.is_empty(),
    }
}

/// The tracker fields the tracker fills for `e`: optional plain strings named `tracker_name`
/// or `tracker_version`.
fn tracker_fields(e: &Event) -> Vec<&'static str> {
    ["tracker_name", "tracker_version"]
        .into_iter()
        .filter(|k| {
            e.properties
                .iter()
                .any(|p| p.name == *k && p.optional && p.ty == Type::String { format: None })
        })
        .collect()
}

fn tracker_view(model: &Model, cx: &Context, names: &Names) -> TrackerView {
    let methods = model
        .events
        .iter()
        .zip(names.events.iter().zip(&names.methods))
        .map(|(e, (ty, method))| {
            let mut doc = vec![format_line!("Sends a [`{ty}`] ({}).", code_span(&e.name))];
            let filled = tracker_fields(e);
            if !filled.is_empty() {
                let f: Vec<String> = filled.iter().map(|k| format_line!("`{k}`")).collect();
                doc.push(String::new());
                doc.push(format_line!(
                    "Unset {} are filled from the tracker.",
                    f.join(" and ")
                ));
            }
            MethodView {
                doc: comment(4, "///", &doc),
                signature: join(layout::signature(
                    4,
                    &format_line!("pub fn {method}"),
                    &["&self".to_owned(), format_line!("event: {ty}")],
                    "",
                )),
            }
        })
        .collect();
    TrackerView {
        name_const: join(layout::assignment(
            0,
            "pub const TRACKER_NAME: &str = ",
            &string_literal(&format_line!("{}-tracker-rust", model.spec.name)),
            ";",
        )),
        version_const: join(layout::assignment(
            0,
            "pub const TRACKER_VERSION: &str = ",
            &string_literal(&cx.package_version),
            ";",
        )),
        methods,
        fields: !model.envelope.is_empty(),
        union: names.union.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(spec: &str) -> (Model, Diagnostics) {
        let loaded = crate::load_str("t.md", "shop", spec).unwrap();
        let d = Diagnostics::new(Arc::clone(loaded.diagnostics.file()));
        (loaded.model, d)
    }

    fn cx() -> Context {
        Context::new("t.md", "text")
    }

    const SHOP: &str = "# Shop\n\nA shop.\n\n## Events\n\n\
        ### Order Completed `order_completed`\n\nAn order was paid.\n\n\
        | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
        | order_id | string (UUID) | | The order |\n\
        | total | number | 9.5 | Amount paid |\n\
        | items? | integer[] | | Item counts |\n\
        | status | string (enum) | \"paid\", \"refunded\" | State |\n\
        | took_ms? | integer (milliseconds) | 350 | Duration |\n\
        | userId? | string | | Who |\n\
        | tracker_name? | string | | Tracker |\n\n\
        ## Data\n\n### Order `order`\n\nOrder data.\n\n\
        | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
        | order_id | string (UUID) | | The order |\n\
        | total | number | 9.5 | Amount paid |\n";

    #[test]
    fn longest_backtick_run_counts_the_longest_run_anywhere() {
        // Against the definition: the longest piece between non-backtick characters.
        for s in [
            "",
            "a",
            "`",
            "``x```",
            "a````",
            "```a`b``",
            "é``ü`",
            "x`\n````\n``",
        ] {
            let expected = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            assert_eq!(longest_backtick_run(s), expected, "{s:?}");
        }
    }

    #[test]
    fn events_nest_their_groups_and_keep_table_order() {
        let (model, mut d) = load(SHOP);
        let items = items(&model, &cx(), &mut d);
        assert!(!d.has_errors(), "{}", d.render());
        let ev = &items.events[0];
        assert_eq!(ev.def.name, "OrderCompleted");
        let fields: Vec<(&str, &str)> = ev
            .def
            .fields
            .iter()
            .map(|f| (f.ident.as_str(), f.ty.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("order", "OrderGroup"),
                ("items", "Option<Vec<i64>>"),
                ("status", "Status"),
                ("took_ms", "Option<i64>"),
                ("user_id", "Option<String>"),
                ("tracker_name", "Option<String>"),
            ]
        );
        assert_eq!(
            ev.takes.lines().next().unwrap(),
            "        let order_id = reader.take(\"order_id\", &WireType::Formatted(Format::Uuid))?;"
        );
        assert!(
            ev.takes
                .contains("reader.take(\"items\", &WireType::Array(&WireType::Integer))?;")
        );
        assert!(
            ev.takes
                .contains("reader.take(\"status\", &WireType::Enum(&Status::VALUES))?;")
        );
        assert!(
            ev.puts
                .contains("put(&mut properties, \"order_id\", &self.order.order_id);")
        );
        assert!(
            ev.puts
                .contains("put(&mut properties, \"userId\", &self.user_id);")
        );
        assert!(
            ev.construct
                .contains("            order: OrderGroup { order_id, total },")
        );
        assert_eq!(ev.reader, "let mut reader");
        assert_eq!(ev.def.derive, "#[derive(Debug, Clone, PartialEq, Eq)]");
        let group = &items.groups[0];
        assert_eq!(group.name, "OrderGroup");
        assert_eq!(group.fields[1].ty, "serde_json::Number");
        let union = items.union.as_ref().unwrap();
        assert!(
            union
                .tracker_arms
                .contains("Self::OrderCompleted(_) => &[\"tracker_name\"],")
        );
        assert_eq!(union.name, "ShopEvent");
        assert_eq!(
            items.tracker.as_ref().unwrap().methods[0].signature,
            "    pub fn order_completed(&self, event: OrderCompleted) {"
        );
        assert!(!items.fields_runtime.is_empty());
    }

    #[test]
    fn docs_carry_descriptions_examples_units_and_wire_keys() {
        let (model, mut d) = load(SHOP);
        let items = items(&model, &cx(), &mut d);
        let field = |name: &str| {
            items.events[0]
                .def
                .fields
                .iter()
                .find(|f| f.ident == name)
                .unwrap()
                .doc
                .clone()
        };
        assert_eq!(
            field("took_ms"),
            "    /// Duration\n    ///\n    /// Unit: milliseconds.\n    /// Example: `350`."
        );
        assert_eq!(
            field("user_id"),
            "    /// Who\n    ///\n    /// Wire key: `userId`."
        );
        assert_eq!(
            field("status"),
            "    /// State\n    ///\n    /// Values: `paid`, `refunded`."
        );
        assert_eq!(
            items.groups[0].fields[0].doc,
            "    /// The order\n    ///\n    /// Format: `uuid` (checked when parsing)."
        );
        assert!(items.events[0].def.doc.starts_with(
            "/// Order Completed\n///\n/// An order was paid.\n///\n/// Sent as `order_completed`."
        ));
        assert_eq!(items.enums[0].variants[1].doc, "    /// `refunded`");
    }

    #[test]
    fn defaults_only_where_every_default_is_valid() {
        let spec = "# S\n\n## Events\n\n### A `a`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | x? | string | | x |\n| y | string[] | | y |\n\n\
            ### B `b`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | x | string | | x |\n\n### C `c`\n\nNothing.\n";
        let (model, mut d) = load(spec);
        let items = items(&model, &cx(), &mut d);
        assert!(items.events[0].def.derive.contains("Default"));
        assert!(!items.events[1].def.derive.contains("Default"));
        assert!(items.events[2].def.derive.contains("Default"));
        assert_eq!(items.events[2].reader, "let reader");
        assert_eq!(items.events[2].construct, "        Ok(Self {})");
        assert!(!items.events[2].has_properties);
    }

    #[test]
    fn reserved_names_are_escaped_with_a_note() {
        let spec = "# S\n\n## Events\n\n### Tracker `tracker`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | type | string | | t |\n| self? | boolean | | s |\n| reader? | string | | r |\n\n\
            ### New `new`\n\nx\n\n### Match `match`\n\nx\n";
        let (model, mut d) = load(spec);
        let items = items(&model, &cx(), &mut d);
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(items.events[0].def.name, "Tracker_");
        let idents: Vec<&str> = items.events[0]
            .def
            .fields
            .iter()
            .map(|f| f.ident.as_str())
            .collect();
        assert_eq!(idents, ["r#type", "self_", "reader_"]);
        let sigs: Vec<&str> = items
            .tracker
            .as_ref()
            .unwrap()
            .methods
            .iter()
            .map(|m| m.signature.as_str())
            .collect();
        assert_eq!(
            sigs,
            [
                "    pub fn tracker(&self, event: Tracker_) {",
                "    pub fn new_(&self, event: New) {",
                "    pub fn r#match(&self, event: Match) {",
            ]
        );
        let notes = d
            .items()
            .iter()
            .filter(|i| i.code == "renamed-reserved")
            .count();
        assert_eq!(notes, 6, "{}", d.render());
    }

    #[test]
    fn collisions_are_errors() {
        let spec = "# S\n\n## Events\n\n### A `a`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | userId | string | | x |\n| user_id | string | | y |\n\n\
            ### Shop Event `shop_event`\n\nClashes with the union.\n";
        let (model, mut d) = load(spec);
        let _ = items(&model, &cx(), &mut d);
        let out = d.render();
        // `shop_event` would be the union's name: renamed with a note, not an error.
        assert_eq!(d.error_count(), 1, "{out}");
        assert!(
            out.contains("`user_id` and `userId` would both be named `user_id`"),
            "{out}"
        );
        assert!(
            out.contains("would be named `ShopEvent`, which the generated code uses; it is named `ShopEvent_`"),
            "{out}"
        );
    }

    #[test]
    fn values_without_letters_are_named_by_code_point() {
        let spec = "# S\n\n## Events\n\n### A `a`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | q | string (enum) | \"*/\", \"a b\", \"Self\" | x |\n";
        let (model, mut d) = load(spec);
        let items = items(&model, &cx(), &mut d);
        assert!(!d.has_errors(), "{}", d.render());
        let idents: Vec<&str> = items.enums[0]
            .variants
            .iter()
            .map(|v| v.ident.as_str())
            .collect();
        assert_eq!(idents, ["U002aU002f", "AB", "Self_"]);
        assert!(
            d.render()
                .contains("enum value \"*/\" has no letters or digits")
        );
        assert_eq!(
            items.enums[0].values,
            "    pub const VALUES: [&'static str; 3] = [\"*/\", \"a b\", \"Self\"];"
        );
        assert!(
            items.enums[0]
                .as_str_arms
                .contains("            Self::Self_ => \"Self\",")
        );
    }

    #[test]
    fn a_group_whose_rows_differ_in_an_event_is_inlined() {
        let spec = "# S\n\n## Events\n\n### A `a`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | g1 | string | | x |\n| g2 | number | | y |\n\n\
            ## Data\n\n### G `g`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | g1 | string | | x |\n| g2? | number | | y |\n";
        let (model, mut d) = load(spec);
        let items = items(&model, &cx(), &mut d);
        let idents: Vec<&str> = items.events[0]
            .def
            .fields
            .iter()
            .map(|f| f.ident.as_str())
            .collect();
        assert_eq!(idents, ["g1", "g2"]);
        assert_eq!(items.events[0].def.fields[1].ty, "serde_json::Number");
        assert!(d.render().contains("group-inlined"), "{}", d.render());
    }

    #[test]
    fn a_row_shared_by_two_groups_belongs_to_the_first() {
        let spec = "# S\n\n## Events\n\n### A `a`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | x | string | | x |\n| y | string | | y |\n| z | string | | z |\n\n\
            ## Data\n\n### P `p`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | x | string | | x |\n| y | string | | y |\n\n\
            ### Q `q`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | y | string | | y |\n| z | string | | z |\n";
        let (model, mut d) = load(spec);
        let items = items(&model, &cx(), &mut d);
        assert!(!d.has_errors(), "{}", d.render());
        let fields: Vec<(&str, &str)> = items.events[0]
            .def
            .fields
            .iter()
            .map(|f| (f.ident.as_str(), f.ty.as_str()))
            .collect();
        assert_eq!(fields, [("p", "PGroup"), ("z", "String")]);
        assert!(items.events[0].construct.contains("p: PGroup { x, y },"));
    }

    #[test]
    fn unions_are_values_checked_by_their_variants() {
        let spec = "# S\n\n## Events\n\n### A `a`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | u | string / integer | | x |\n";
        let (model, mut d) = load(spec);
        let items = items(&model, &cx(), &mut d);
        let f = &items.events[0].def.fields[0];
        assert_eq!(f.ty, "Value");
        assert!(
            f.doc
                .contains("Accepts a string or an integer (checked when parsing)."),
            "{}",
            f.doc
        );
        assert!(
            items.events[0]
                .takes
                .contains("&WireType::Union(&[WireType::String, WireType::Integer])")
        );
    }

    #[test]
    fn package_names() {
        let (mut model, mut d) = load(SHOP);
        assert_eq!(package_name(&model, &cx(), &mut d), "shop-tracker");
        model.spec.name = "my plan_v2".to_owned();
        assert_eq!(package_name(&model, &cx(), &mut d), "my-plan-v2-tracker");
        let mut custom = cx();
        custom.package_name = Some("acme-events".to_owned());
        assert_eq!(package_name(&model, &custom, &mut d), "acme-events");
        assert!(!d.has_errors());
        custom.package_name = Some("@acme/events".to_owned());
        package_name(&model, &custom, &mut d);
        assert!(d.has_errors());
    }

    #[test]
    fn manifest_and_crate_docs() {
        let (model, mut d) = load(SHOP);
        let m = manifest(&model, &cx(), &mut d);
        assert_eq!(m.name, "\"shop-tracker\"");
        assert_eq!(m.version, "\"0.1.0\"");
        assert!(m.header.starts_with("# @generated by trackgen from t.md"));
        let k = krate(&model, &cx(), &mut d);
        assert!(k.header.starts_with("// @generated by trackgen from t.md"));
        assert!(k.docs.starts_with("//! Shop\n//!\n//! A shop.\n"));
        assert!(k.docs.contains(
            "//! use shop_tracker::{parse_envelope, ErrorKind, RecordingSink, Tracker};"
        ));
        assert!(k.docs.lines().all(|l| l == "//!" || l.starts_with("//! ")));
    }

    const CHAT: &str = "# Chat\n\n## Envelope\n\n\
        | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
        | userId | string | \"u1\" | Who |\n\
        | action? | string (enum) | \"track\" | Call |\n\n\
        ## Events\n\n### Message Sent\n\n\
        | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
        | contact? | Contact | | The contact |\n\
        | * | any | | Other keys |\n\n\
        ## Objects\n\n### Contact `contact`\n\nA contact.\n\n\
        | Property | Data Type | Possible Values | Description | Introduced / Updated |\n|---|---|---|---|---|\n\
        | _id | string | | Internal | |\n\
        | id | string | | Id | 1.2.0 |\n\
        | users | map of User | | Users | |\n\
        | events | Contact Event[] | | Events | |\n\
        | * | string | | Other keys | |\n\n\
        ### User `user`\n\n\
        | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
        | id | string | | Id |\n\n\
        ### Contact Event `contact_event`\n\n\
        | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
        | kind | string (open enum) | \"new\", \"other\" | Kind |\n\n\
        ## Lifecycle\n\n### Checkout `checkout`\n\n\
        - cart -> paid -> shipped\n- cart -> cancelled\n";

    #[test]
    fn object_types_maps_and_star_rows() {
        let (model, mut d) = load(CHAT);
        let items = items(&model, &cx(), &mut d);
        assert!(!d.has_errors(), "{}", d.render());
        let contact = &items.objects[0];
        let fields: Vec<(&str, &str)> = contact
            .def
            .fields
            .iter()
            .map(|f| (f.ident.as_str(), f.ty.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("_id", "String"),
                ("id", "String"),
                ("users", "BTreeMap<String, User>"),
                ("events", "Vec<ContactEvent>"),
                ("additional", "BTreeMap<String, Value>"),
            ]
        );
        assert!(
            contact
                .takes
                .contains("reader.take(\"users\", &WireType::Map(&WireType::Ref(&User::TYPE)))?;")
        );
        assert_eq!(
            contact.finish,
            "        let additional = reader.finish(Self::TYPE.name, Some(&WireType::String))?;"
        );
        assert_eq!(contact.id, "\"contact\"");
        assert!(contact.additional && contact.wire);
        assert!(contact.def.fields[1].doc.contains("Since version `1.2.0`."));
        assert!(contact.def.doc.contains("Object type `contact`"));
        let event = &items.events[0];
        assert_eq!(event.def.fields[0].ty, "Option<Contact>");
        assert!(
            event
                .finish
                .contains("let additional = reader.finish(Self::NAME, Some(&WireType::Any))?;")
        );
        assert!(event.additional && !event.plain);
    }

    #[test]
    fn open_enums_have_an_other_variant_and_accept_any_string() {
        let (model, mut d) = load(CHAT);
        let items = items(&model, &cx(), &mut d);
        let kind = items.enums.iter().find(|e| e.name == "Kind").unwrap();
        assert!(kind.open);
        let idents: Vec<&str> = kind.variants.iter().map(|v| v.ident.as_str()).collect();
        assert_eq!(idents, ["New", "Other_"], "`Other` is the open variant");
        assert!(kind.doc.contains("Known values: `new`, `other`."));
        let event = &items.objects[2];
        assert!(
            event
                .takes
                .contains("let kind = reader.take(\"kind\", &WireType::String)?;")
        );
        assert!(
            event.def.fields[0]
                .doc
                .contains("Known values: `new`, `other`; any other string is accepted too.")
        );
        let action = items.enums.iter().find(|e| e.name == "Action").unwrap();
        assert!(!action.open);
    }

    #[test]
    fn envelope_fields_go_to_the_tracker_and_the_parsed_envelope() {
        let (model, mut d) = load(CHAT);
        let items = items(&model, &cx(), &mut d);
        let envelope = items.envelope.as_ref().unwrap();
        assert_eq!(envelope.def.name, "EnvelopeFields");
        assert_eq!(envelope.union, "ShopEvent");
        assert_eq!(envelope.keys, "`userId`, `action`");
        assert!(
            envelope
                .takes
                .contains("let user_id = reader.take(\"userId\", &WireType::String)?;")
        );
        assert!(
            envelope
                .puts
                .contains("put(&mut envelope, \"userId\", &self.user_id);")
        );
        assert!(!items.union.as_ref().unwrap().plain);
        assert!(items.tracker.as_ref().unwrap().fields);
        let k = krate(&model, &cx(), &mut d);
        assert!(
            k.docs.contains("//!     user_id: \"u1\".to_owned(),"),
            "{}",
            k.docs
        );
        assert!(
            k.docs
                .contains("//! let tracker = Tracker::new(RecordingSink::new(), fields);")
        );
        // The plain envelope has no fields.
        let (model, mut d) = load(SHOP);
        let plain = super::items(&model, &cx(), &mut d);
        assert!(plain.envelope.is_none());
        assert!(plain.union.as_ref().unwrap().plain && plain.events[0].plain);
    }

    #[test]
    fn lifecycles_are_state_machines() {
        let (model, mut d) = load(CHAT);
        let items = items(&model, &cx(), &mut d);
        let l = &items.lifecycles[0];
        assert_eq!(
            (l.name.as_str(), l.state.as_str()),
            ("CheckoutLifecycle", "CheckoutState")
        );
        let idents: Vec<&str> = l.variants.iter().map(|v| v.ident.as_str()).collect();
        assert_eq!(idents, ["Cart", "Paid", "Shipped", "Cancelled"]);
        assert_eq!(
            l.initial,
            "    pub const INITIAL: [CheckoutState; 1] = [CheckoutState::Cart];"
        );
        assert!(
            l.transitions
                .contains("        (CheckoutState::Cart, CheckoutState::Paid),")
        );
        assert!(
            l.transitions
                .starts_with("    pub const TRANSITIONS: [(CheckoutState, CheckoutState); 3] = [")
        );
        assert_eq!(
            l.advance,
            "    pub fn advance(&mut self, state: CheckoutState) -> Result<(), LifecycleError<CheckoutState>> {"
        );
        assert!(l.doc.contains("/// - `cart -> paid -> shipped`"));
        assert!(!items.lifecycle_runtime.is_empty());
    }

    #[test]
    fn a_plan_of_object_types_only_has_no_tracker() {
        let spec = "# Plan\n\n## Envelope\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | userId | string | | Unused without events |\n\n\
            ## Objects\n\n### User `user`\n\n\
            | Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n\
            | id | string | | Id |\n";
        let (model, mut d) = load(spec);
        let k = krate(&model, &cx(), &mut d);
        assert!(!d.has_errors(), "{}", d.render());
        assert!(k.items.union.is_none() && k.items.tracker.is_none());
        assert!(
            k.items.envelope.is_none(),
            "envelope fields only around events"
        );
        assert!(k.items.envelope_runtime.is_empty());
        assert!(k.docs.contains("//! Object types: [`User`]."));
        assert!(k.docs.contains("//! assert_eq!(error.pointer, \"/id\");"));
    }
}
