//! Views: every string the TypeScript templates print, computed from the model. Identifiers come
//! from the naming scopes (`names.rs`), literals and comments from `text.rs`, width-dependent
//! shapes from `layout.rs`; the templates only loop and print.

use std::collections::BTreeMap;

use super::layout::{self, UnionMember};
use super::names::{self, METHOD_RULES, TYPE_RULES};
use super::text::{doc_comment, line_comment, string_literal};
use crate::diag::{Diagnostics, Span};
use crate::lang::Context;
use crate::lang::naming::{Case, Scope};
use crate::model::{Event, Group, Model, Property, Type};

use super::tracker::{TrackerView, tracker_view};
use super::types::{EnumNames, property_doc, ts_type, type_spec};

/// `src/index.ts`.
#[derive(Debug)]
pub struct IndexView {
    /// The `// @generated ...` line.
    pub header: String,
    /// The module's doc block.
    pub module_doc: Vec<String>,
    /// `runtime.ts`, without its trailing newline.
    pub runtime: &'static str,
    /// Enums in model order.
    pub enums: Vec<EnumView>,
    /// Data groups in model order.
    pub groups: Vec<InterfaceView>,
    /// Events in model order.
    pub events: Vec<EventView>,
    /// Doc block and lines of `export type {Spec}Event = ...;`.
    pub union_doc: Vec<String>,
    /// Lines of the union alias.
    pub union: Vec<String>,
    /// Lines of `const EVENTS = new Map(...)`.
    pub events_map: Vec<String>,
    /// Doc block of `parseEnvelope`.
    pub parse_envelope_doc: Vec<String>,
    /// Signature lines of `parseEnvelope`.
    pub parse_envelope_head: Vec<String>,
    /// Body line of `parseEnvelope`.
    pub parse_envelope_body: String,
    /// The tracker class.
    pub tracker: TrackerView,
}

/// One named enum: a string-literal union and the array of its values.
#[derive(Debug)]
pub struct EnumView {
    /// Doc block of the type.
    pub doc: Vec<String>,
    /// Lines of `export type X = "a" | "b";`.
    pub alias: Vec<String>,
    /// Doc block of the values array.
    pub values_doc: Vec<String>,
    /// Lines of `export const X_VALUES = [...] as const satisfies readonly X[];`.
    pub values: Vec<String>,
}

/// An `export interface`.
#[derive(Debug)]
pub struct InterfaceView {
    /// Doc block.
    pub doc: Vec<String>,
    /// Head lines, the last ending in `{` (members follow) or `{}` (nothing follows).
    pub head: Vec<String>,
    /// Members; empty when the head ends in `{}`.
    pub members: Vec<MemberView>,
}

/// One interface member.
#[derive(Debug)]
pub struct MemberView {
    /// Doc block at indent 2.
    pub doc: Vec<String>,
    /// `  key?: type;`.
    pub line: String,
}

/// One event: its interface, its table as data, and its parser.
#[derive(Debug)]
pub struct EventView {
    /// The properties' interface.
    pub interface: InterfaceView,
    /// Lines of `const fieldsOfX: readonly FieldSpec[] = [...];`.
    pub fields: Vec<String>,
    /// Doc block of the parser.
    pub parse_doc: Vec<String>,
    /// Signature lines of `parseX`.
    pub parse_head: Vec<String>,
    /// Body line of `parseX`.
    pub parse_body: String,
}

/// Builds the view of `src/index.ts`. Naming problems go to `d` (the caller must not write
/// anything when `d` has errors).
pub fn index(model: &Model, cx: &Context, d: &mut Diagnostics) -> IndexView {
    let mut types = Scope::new();
    let mut values = Scope::new();
    let mut methods = Scope::new();
    for reserved in ["EVENTS", "FORMATS"] {
        values.reserve(reserved);
    }
    for reserved in ["sink", "trackerName", "trackerVersion"] {
        methods.reserve(reserved);
    }

    let union_name = names::claim_type(
        &mut types,
        &model.spec.name,
        "event",
        Span::default(),
        "spec",
        d,
    );
    let group_types: Vec<String> = model
        .groups
        .iter()
        .map(|g| names::claim_type(&mut types, &g.id, "group", g.span, "data group", d))
        .collect();
    let event_types: Vec<String> = model
        .events
        .iter()
        .map(|e| names::claim_type(&mut types, &e.id, "", e.span, "event", d))
        .collect();
    let mut enum_names: BTreeMap<&str, EnumNames> = BTreeMap::new();
    for e in &model.enums {
        let at = enum_span(model, &e.name);
        let ty = names::claim_type(&mut types, &e.name, "", at, "enum", d);
        let shouty = values.claim(&TYPE_RULES, &e.name, Case::ShoutySnake, at, "enum", d);
        enum_names.insert(
            &e.name,
            EnumNames {
                ty,
                values: format!("{shouty}_VALUES"),
            },
        );
    }
    let event_methods: Vec<String> = model
        .events
        .iter()
        .map(|e| methods.claim(&METHOD_RULES, &e.id, Case::LowerCamel, e.span, "event", d))
        .collect();

    let enums = model
        .enums
        .iter()
        .filter_map(|e| {
            let n = enum_names.get(e.name.as_str())?;
            Some(enum_view(&e.name, &e.values, n))
        })
        .collect();
    let groups = model
        .groups
        .iter()
        .zip(&group_types)
        .map(|(g, ty)| group_view(g, ty, &enum_names))
        .collect();
    let events: Vec<EventView> = model
        .events
        .iter()
        .zip(&event_types)
        .map(|(e, ty)| event_view(model, e, ty, &group_types, &enum_names))
        .collect();

    let members: Vec<UnionMember> = model
        .events
        .iter()
        .zip(&event_types)
        .map(|(e, ty)| {
            UnionMember::Object(vec![
                format!("event: {}", string_literal(&e.name)),
                format!("properties: {ty}"),
            ])
        })
        .collect();
    let union = layout::union_alias(&format!("export type {union_name}"), &members);
    let rows: Vec<Vec<String>> = model
        .events
        .iter()
        .zip(&event_types)
        .map(|(e, ty)| vec![string_literal(&e.name), format!("fieldsOf{ty}")])
        .collect();
    let events_map = layout::tuple_rows(
        "const EVENTS = new Map<string, readonly FieldSpec[]>(",
        &rows,
        ");",
    );

    let spec_ref = format!("`{}`", cx.spec_path);
    IndexView {
        header: line_comment(&cx.header(), 0).join("\n"),
        module_doc: doc_comment(
            &[
                format!(
                    "Typed tracker for the tracking plan \"{}\" ({spec_ref}).",
                    model.spec.title
                ),
                model.spec.description.clone(),
                "Send events with `Tracker` and a `Sink`; check payloads with `parseEnvelope`."
                    .to_owned(),
                "@packageDocumentation".to_owned(),
            ],
            0,
        ),
        runtime: include_str!("../../../templates/typescript/runtime.ts").trim_end(),
        enums,
        groups,
        events,
        union_doc: doc_comment(
            &["Every event of the plan as an envelope; `event` tells which one.".to_owned()],
            0,
        ),
        union,
        events_map,
        parse_envelope_doc: doc_comment(
            &[
                "Parses an envelope `{\"event\": ..., \"properties\": {...}}` (a value from \
                 `JSON.parse`). The error's pointer is relative to the envelope."
                    .to_owned(),
            ],
            0,
        ),
        parse_envelope_head: layout::params(
            0,
            "export function parseEnvelope",
            &["value: unknown".to_owned()],
            &format!(": ParseResult<{union_name}> {{"),
        ),
        parse_envelope_body: "  return readEnvelope(value, EVENTS);".to_owned(),
        tracker: tracker_view(model, cx, &event_types, &event_methods, &union_name),
    }
}

/// Where to point a diagnostic about enum `name`: the first row that uses it.
fn enum_span(model: &Model, name: &str) -> Span {
    fn uses(t: &Type, name: &str) -> bool {
        match t {
            Type::Enum { name: n } => n == name,
            Type::Array { items } => uses(items, name),
            Type::Union { variants } => variants.iter().any(|v| uses(v, name)),
            _ => false,
        }
    }
    model
        .events
        .iter()
        .flat_map(|e| &e.properties)
        .chain(model.groups.iter().flat_map(|g| &g.properties))
        .find(|p| uses(&p.ty, name))
        .map_or_else(Span::default, |p| p.span)
}

fn enum_view(name: &str, values: &[String], n: &EnumNames) -> EnumView {
    let literals: Vec<String> = values.iter().map(|v| string_literal(v)).collect();
    let members: Vec<UnionMember> = literals.iter().cloned().map(UnionMember::Plain).collect();
    EnumView {
        doc: doc_comment(&[format!("Allowed values of `{name}`.")], 0),
        alias: layout::union_alias(&format!("export type {}", n.ty), &members),
        values_doc: doc_comment(
            &[format!(
                "Every value of `{}` in spec order, for runtime checks.",
                n.ty
            )],
            0,
        ),
        values: layout::array(
            &format!("export const {} = ", n.values),
            &literals,
            &format!(" as const satisfies readonly {}[];", n.ty),
        ),
    }
}

fn member(p: &Property, enums: &BTreeMap<&str, EnumNames>) -> MemberView {
    let opt = if p.optional { "?" } else { "" };
    MemberView {
        doc: doc_comment(&property_doc(p), 2),
        line: format!(
            "  {}{opt}: {};",
            names::property_key(&p.name),
            ts_type(&p.ty, enums)
        ),
    }
}

fn interface(
    doc: Vec<String>,
    name: &str,
    parents: &[String],
    members: Vec<MemberView>,
) -> InterfaceView {
    if members.is_empty() && parents.is_empty() {
        // No properties at all: `{}` would accept anything, this accepts only `{}`.
        return InterfaceView {
            doc,
            head: layout::interface_head(name, parents, "{"),
            members: vec![MemberView {
                doc: Vec::new(),
                line: "  [key: string]: never;".to_owned(),
            }],
        };
    }
    let open = if members.is_empty() { "{}" } else { "{" };
    InterfaceView {
        doc,
        head: layout::interface_head(name, parents, open),
        members,
    }
}

fn group_view(g: &Group, ty: &str, enums: &BTreeMap<&str, EnumNames>) -> InterfaceView {
    let doc = doc_comment(
        &[
            format!("{} (data group `{}`).", g.title, g.id),
            g.description.clone(),
        ],
        0,
    );
    let members = g.properties.iter().map(|p| member(p, enums)).collect();
    interface(doc, ty, &[], members)
}

/// The groups an event's interface can extend: those whose every row is the event's row in type
/// and optionality (an event may repeat a group row with changes; then the row is the event's
/// own and the group is not extended, so `extends` never conflicts). Returns indexes into
/// `model.groups`.
pub fn extendable_groups(model: &Model, e: &Event) -> Vec<usize> {
    e.groups
        .iter()
        .filter_map(|id| model.groups.iter().position(|g| &g.id == id))
        .filter(|&i| {
            model.groups.get(i).is_some_and(|g| {
                g.properties.iter().all(|gp| {
                    e.properties
                        .iter()
                        .find(|p| p.name == gp.name)
                        .is_some_and(|p| p.ty == gp.ty && p.optional == gp.optional)
                })
            })
        })
        .collect()
}

fn event_view(
    model: &Model,
    e: &Event,
    ty: &str,
    group_types: &[String],
    enums: &BTreeMap<&str, EnumNames>,
) -> EventView {
    let parents = extendable_groups(model, e);
    let inherited: Vec<&str> = parents
        .iter()
        .filter_map(|&i| model.groups.get(i))
        .flat_map(|g| g.properties.iter().map(|p| p.name.as_str()))
        .collect();
    let own = e
        .properties
        .iter()
        .filter(|p| !inherited.contains(&p.name.as_str()))
        .map(|p| member(p, enums))
        .collect();
    let parent_types: Vec<String> = parents
        .iter()
        .filter_map(|&i| group_types.get(i).cloned())
        .collect();
    let doc = doc_comment(
        &[
            format!("{} (event `{}`).", e.title, e.name),
            e.description.clone(),
            format!("Parse with `parse{ty}`; send with `Tracker`."),
        ],
        0,
    );
    let rows: Vec<Vec<String>> = e
        .properties
        .iter()
        .map(|p| {
            let presence = if p.optional { "optional" } else { "required" };
            vec![
                string_literal(&p.name),
                format!("\"{presence}\""),
                type_spec(&p.ty, enums),
            ]
        })
        .collect();
    EventView {
        interface: interface(doc, ty, &parent_types, own),
        fields: layout::tuple_rows(
            &format!("const fieldsOf{ty}: readonly FieldSpec[] = "),
            &rows,
            ";",
        ),
        parse_doc: doc_comment(
            &[format!(
                "Parses the properties object of `{}` (a value from `JSON.parse`). The error's \
                 pointer is relative to that object.",
                e.name
            )],
            0,
        ),
        parse_head: layout::params(
            0,
            &format!("export function parse{ty}"),
            &["value: unknown".to_owned()],
            &format!(": ParseResult<{ty}> {{"),
        ),
        parse_body: format!("  return readFields(value, \"\", fieldsOf{ty});"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(spec: &str) -> (Model, Diagnostics) {
        let loaded = crate::load_str("t.md", "t", spec).unwrap_or_else(|e| panic!("{e}"));
        (loaded.model, loaded.diagnostics)
    }

    fn build(spec: &str) -> (IndexView, Diagnostics) {
        let (model, mut d) = load(spec);
        let v = index(&model, &Context::new("t.md", spec), &mut d);
        (v, d)
    }

    const GROUPED: &str = "# T\n\n## Events\n\n### Same `same`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | string | | A |\n| b? | integer (seconds) | 5 | B |\n| own | string (UUID) | | Own |\n\n### Changed `changed`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | number | | A, but a number |\n| b? | integer (seconds) | | B |\n\n## Data\n\n### G `g`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | string | | A |\n| b? | integer (seconds) | 5 | B |\n";

    #[test]
    fn events_extend_only_groups_whose_rows_they_keep() {
        let (v, d) = build(GROUPED);
        assert!(!d.has_errors(), "{}", d.render());
        let same = &v.events[0].interface;
        assert_eq!(same.head, vec!["export interface Same extends GGroup {"]);
        let lines: Vec<&str> = same.members.iter().map(|m| m.line.as_str()).collect();
        assert_eq!(lines, vec!["  own: string;"]);
        // `changed` repeats the group's rows with another type for `a`: no `extends`, all rows
        // are its own, so the interface cannot conflict with the group's.
        let changed = &v.events[1].interface;
        assert_eq!(changed.head, vec!["export interface Changed {"]);
        let lines: Vec<&str> = changed.members.iter().map(|m| m.line.as_str()).collect();
        assert_eq!(lines, vec!["  a: number;", "  b?: number;"]);
        // The parser's table is always the event's full table, in table order.
        assert_eq!(
            v.events[0].fields,
            vec![
                "const fieldsOfSame: readonly FieldSpec[] = [",
                "  [\"a\", \"required\", \"string\"],",
                "  [\"b\", \"optional\", \"integer\"],",
                "  [\"own\", \"required\", \"uuid\"],",
                "];",
            ]
        );
        let b = &v.groups[0].members[1];
        assert_eq!(
            b.doc,
            vec![
                "  /**",
                "   * B",
                "   *",
                "   * Integer, unit: seconds. Example: 5.",
                "   */"
            ]
        );
    }

    #[test]
    fn name_collisions_are_errors_with_the_spec_line() {
        let spec = "# T\n\n## Events\n\n### One `g_group`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | string | | A |\n\n### Two `ab_c`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | string | | A |\n\n### Three `abC`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | string | | A |\n\n## Data\n\n### G `g`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| z | string | | Z |\n";
        let (_, d) = build(spec);
        let out = d.render();
        assert_eq!(d.error_count(), 3, "{out}");
        assert!(
            out.contains("t.md:5:"),
            "the event `g_group` vs group `g`: {out}"
        );
        assert!(out.contains("would both be named `GGroup`"), "{out}");
        assert!(out.contains("would both be named `AbC`"), "{out}");
        assert!(out.contains("would both be named `abC`"), "{out}");
    }

    #[test]
    fn sdk_names_are_escaped_with_a_note() {
        let spec = "# T\n\n## Events\n\n### Tracker `tracker`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | string | | A |\n\n### Track `track`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| a | string | | A |\n";
        let (v, d) = build(spec);
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(
            v.events[0].interface.head,
            vec!["export interface Tracker_ {"]
        );
        assert_eq!(v.events[1].interface.head, vec!["export interface Track {"]);
        let methods: Vec<&str> = v
            .tracker
            .methods
            .iter()
            .map(|m| m.head[0].as_str())
            .collect();
        assert_eq!(
            methods,
            vec![
                "  tracker(properties: Tracker_): void {",
                "  track_(properties: Track): void {"
            ]
        );
        let out = d.render();
        assert!(
            out.contains("note[renamed-reserved]") && out.contains("`Tracker_`"),
            "{out}"
        );
        assert!(out.contains("`track_`"), "{out}");
    }

    #[test]
    fn tracker_fills_only_string_tracker_fields_the_event_has() {
        let spec = "# T\n\n## Events\n\n### A `a`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| tracker_name? | string | | N |\n\n### B `b`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| tracker_version | integer | | not a string |\n";
        let (v, d) = build(spec);
        assert!(!d.has_errors(), "{}", d.render());
        let keys: Vec<Vec<&str>> = v
            .tracker
            .methods
            .iter()
            .map(|m| m.fills.iter().map(|f| f.key.as_str()).collect())
            .collect();
        assert_eq!(keys, vec![vec!["\"tracker_name\""], vec![]]);
        assert_eq!(v.tracker.default_name, "\"t-tracker-typescript\"");
        assert_eq!(v.tracker.default_version, "\"0.1.0\"");
    }
}
