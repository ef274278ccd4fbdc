//! Views: every string the TypeScript templates print, computed from the model. Identifiers come
//! from the naming scopes (`names.rs`), literals and comments from `text.rs`, width-dependent
//! shapes from `layout.rs`; the templates only loop and print.

use super::layout::{self, Lit, UnionMember};
use super::names::{self, METHOD_RULES, TYPE_RULES};
use super::text::{doc_comment, json_string, line_comment, string_literal};
use crate::diag::{Diagnostics, Span};
use crate::lang::Context;
use crate::lang::naming::{Case, Scope};
use crate::model::{Event, Group, Lifecycle, Model, Object, Property, Type};

use super::tracker::{TrackerView, runtime_declarations, tracker_view};
use super::types::{
    EnumNames, TypeNames, describe, index_type, property_doc, type_spec_lit, union_parts,
};

/// The static runtime (`templates/typescript/runtime.ts`); the lines `// @trackgen: Envelope`
/// and `// @trackgen: TrackerOptions` mark where the plan-dependent declarations go.
const RUNTIME: &str = include_str!("../../../templates/typescript/runtime.ts");

/// The lifecycle runtime (`LifecycleError` and the checks), only in packages with lifecycles.
const RUNTIME_LIFECYCLE: &str = include_str!("../../../templates/typescript/runtime-lifecycle.ts");

/// Marker of the `Envelope` declaration in [`RUNTIME`].
const ENVELOPE_MARKER: &str = "// @trackgen: Envelope\n";

/// Marker of the `TrackerOptions` declaration in [`RUNTIME`].
const OPTIONS_MARKER: &str = "// @trackgen: TrackerOptions\n";

/// `src/index.ts`.
#[derive(Debug)]
pub struct IndexView {
    /// The `// @generated ...` line.
    pub header: String,
    /// The module's doc block.
    pub module_doc: Vec<String>,
    /// The runtime with `Envelope` and `TrackerOptions` filled in, without a trailing newline.
    pub runtime: String,
    /// The lifecycle runtime, when the plan has lifecycles.
    pub runtime_lifecycle: Option<&'static str>,
    /// Enums in model order.
    pub enums: Vec<EnumView>,
    /// Object types in model order.
    pub objects: Vec<TableView>,
    /// Data groups in model order.
    pub groups: Vec<InterfaceView>,
    /// Events in model order.
    pub events: Vec<TableView>,
    /// `export interface EnvelopeFields`, when the plan has envelope fields.
    pub envelope_fields: Option<InterfaceView>,
    /// Doc block and lines of `export type {Spec}Event = ...;`.
    pub union_doc: Vec<String>,
    /// Lines of the union alias.
    pub union: Vec<String>,
    /// Doc block and lines of `export type {Spec}Envelope = EnvelopeFields & {Spec}Event;`;
    /// empty without envelope fields.
    pub envelope_union: Vec<String>,
    /// Lines of `const EVENTS = new Map(...)`.
    pub events_map: Vec<String>,
    /// Lines of `const fieldsOfEnvelope: readonly FieldSpec[] = [...];`; empty without
    /// envelope fields.
    pub envelope_rows: Vec<String>,
    /// Doc block of `parseEnvelope`.
    pub parse_envelope_doc: Vec<String>,
    /// Signature lines of `parseEnvelope`.
    pub parse_envelope_head: Vec<String>,
    /// Body line of `parseEnvelope`.
    pub parse_envelope_body: String,
    /// Lifecycles in model order.
    pub lifecycles: Vec<LifecycleView>,
    /// The tracker class.
    pub tracker: TrackerView,
}

/// One named enum: a string-literal union and the array of its values.
#[derive(Debug)]
pub struct EnumView {
    /// Doc block of the type.
    pub doc: Vec<String>,
    /// Lines of `export type X = "a" | "b";` (`| (string & {})` for an open enum).
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
    /// `  key?: type;` (several lines when a long union breaks).
    pub lines: Vec<String>,
}

/// One table with a parser: an event's properties or an object type. Its interface, its table
/// as data, and its parser.
#[derive(Debug)]
pub struct TableView {
    /// The interface.
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

/// One lifecycle: its state type and its class.
#[derive(Debug)]
pub struct LifecycleView {
    /// Doc block and lines of `export type XState = "a" | "b";`.
    pub state_alias: Vec<String>,
    /// Doc block of the class.
    pub doc: Vec<String>,
    /// The class name (`InteractionLifecycle`).
    pub class: String,
    /// The state type (`InteractionState`).
    pub state: String,
    /// The static members (`STATES`, `INITIAL`, `TERMINAL`, `TRANSITIONS`): doc and lines at
    /// indent 2.
    pub statics: Vec<Vec<String>>,
    /// Body lines of `allowed()` at indent 4.
    pub allowed: Vec<String>,
    /// Body lines of `isTerminal()` at indent 4.
    pub is_terminal: Vec<String>,
    /// Body lines of `advance()` at indent 4.
    pub advance: Vec<String>,
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
    for reserved in ["sink", "trackerName", "trackerVersion", "envelope"] {
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
    let envelope_name = (!model.envelope.is_empty()).then(|| {
        names::claim_type(
            &mut types,
            &model.spec.name,
            "envelope",
            Span::default(),
            "spec",
            d,
        )
    });
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
    let mut names = TypeNames::default();
    for o in &model.objects {
        let ty = names::claim_type(&mut types, &o.id, "", o.span, "object type", d);
        names.objects.insert(&o.id, ty);
    }
    let enum_spans = enum_spans(model);
    for e in &model.enums {
        let at = enum_spans.get(e.name.as_str()).copied().unwrap_or_default();
        let ty = names::claim_type(&mut types, &e.name, "", at, "enum", d);
        let shouty = values.claim(&TYPE_RULES, &e.name, Case::ShoutySnake, at, "enum", d);
        names.enums.insert(
            &e.name,
            EnumNames {
                ty,
                values: format_line!("{shouty}_VALUES"),
                open: e.open,
            },
        );
    }
    let lifecycle_names: Vec<(String, String)> = model
        .lifecycles
        .iter()
        .map(|l| {
            (
                names::claim_type(
                    &mut types,
                    &l.id,
                    "lifecycle",
                    Span::default(),
                    "lifecycle",
                    d,
                ),
                names::claim_type(&mut types, &l.id, "state", Span::default(), "lifecycle", d),
            )
        })
        .collect();
    let event_methods: Vec<String> = model
        .events
        .iter()
        .map(|e| methods.claim(&METHOD_RULES, &e.id, Case::LowerCamel, e.span, "event", d))
        .collect();

    let enums = model
        .enums
        .iter()
        .filter_map(|e| {
            let n = names.enums.get(e.name.as_str())?;
            Some(enum_view(&e.name, &e.values, n))
        })
        .collect();
    let objects = model
        .objects
        .iter()
        .filter_map(|o| {
            let ty = names.objects.get(o.id.as_str())?;
            Some(object_view(model, o, ty, &names))
        })
        .collect();
    let groups = model
        .groups
        .iter()
        .zip(&group_types)
        .map(|(g, ty)| group_view(g, ty, &names))
        .collect();
    let events: Vec<TableView> = model
        .events
        .iter()
        .zip(&event_types)
        .map(|(e, ty)| event_view(model, e, ty, &group_types, &names))
        .collect();

    let members: Vec<UnionMember> = model
        .events
        .iter()
        .zip(&event_types)
        .map(|(e, ty)| {
            UnionMember::Object(vec![
                format_line!("event: {}", string_literal(&e.name)),
                format_line!("properties: {ty}"),
            ])
        })
        .collect();
    let union = layout::union_alias(&format_line!("export type {union_name}"), &members);
    let rows: Vec<Vec<String>> = model
        .events
        .iter()
        .zip(&event_types)
        .map(|(e, ty)| vec![string_literal(&e.name), format_line!("fieldsOf{ty}")])
        .collect();
    let events_map = layout::tuple_rows(
        "const EVENTS = new Map<string, readonly FieldSpec[]>(",
        &rows,
        ");",
    );

    let field_names: Vec<&str> = model.envelope.iter().map(|p| p.name.as_str()).collect();
    let envelope_fields = (!model.envelope.is_empty()).then(|| {
        let doc = doc_comment(
            &[
                "The envelope fields of the plan (its `Envelope` table), besides `event` and \
               `properties`: `Tracker` writes them into every envelope; `parseEnvelope` checks \
               them and returns them with the event."
                    .to_owned(),
            ],
            0,
        );
        let members = model.envelope.iter().map(|p| member(p, &names)).collect();
        interface(doc, "EnvelopeFields", &[], members)
    });
    let parsed_type = envelope_name.clone().unwrap_or_else(|| union_name.clone());
    let envelope_union = match &envelope_name {
        Some(name) => {
            let mut lines = doc_comment(
                &[format_line!(
                    "An envelope of the plan as `parseEnvelope` returns it: the envelope fields \
                     with an event (`{union_name}`)."
                )],
                0,
            );
            lines.extend(layout::union_alias(
                &format_line!("export type {name}"),
                &[UnionMember::Plain(format_line!(
                    "EnvelopeFields & {union_name}"
                ))],
            ));
            lines
        }
        None => Vec::new(),
    };
    let envelope_rows = if model.envelope.is_empty() {
        Vec::new()
    } else {
        Lit::Arr(
            model
                .envelope
                .iter()
                .map(|p| field_row(p, &names))
                .collect(),
        )
        .assigned(0, "const fieldsOfEnvelope: readonly FieldSpec[] = ", ";")
    };
    let envelope_keys: String = field_names
        .iter()
        .map(|f| format_line!("{}: ..., ", json_string(f)))
        .collect();

    let lifecycles = model
        .lifecycles
        .iter()
        .zip(&lifecycle_names)
        .map(|(l, (class, state))| lifecycle_view(l, class, state))
        .collect();

    let spec_ref = format_line!("`{}`", cx.spec_path);
    let (envelope_decl, options_decl) = runtime_declarations(model);
    IndexView {
        header: line_comment(&cx.header(), 0).join("\n"),
        module_doc: doc_comment(
            &[
                format_line!(
                    "Typed tracker for the tracking plan \"{}\" ({spec_ref}).",
                    model.spec.title
                ),
                model.spec.description.clone(),
                usage(model, &names, &lifecycle_names),
                "@packageDocumentation".to_owned(),
            ],
            0,
        ),
        runtime: runtime(&envelope_decl, &options_decl),
        runtime_lifecycle: (!model.lifecycles.is_empty()).then(|| RUNTIME_LIFECYCLE.trim_end()),
        enums,
        objects,
        groups,
        events,
        envelope_fields,
        union_doc: doc_comment(
            &[if envelope_name.is_some() {
                "Every event of the plan: its name and properties; `event` tells which one. \
                 `Tracker.track` takes it and adds the envelope fields."
                    .to_owned()
            } else {
                "Every event of the plan as an envelope; `event` tells which one.".to_owned()
            }],
            0,
        ),
        union,
        envelope_union,
        events_map,
        envelope_rows,
        parse_envelope_doc: doc_comment(
            &[format_line!(
                "Parses an envelope `{{{envelope_keys}\"event\": ..., \"properties\": {{...}}}}` \
                 (a value from `JSON.parse`). The error's pointer is relative to the envelope."
            )],
            0,
        ),
        parse_envelope_head: layout::params(
            0,
            "export function parseEnvelope",
            &["value: unknown".to_owned()],
            &format_line!(": ParseResult<{parsed_type}> {{"),
        ),
        parse_envelope_body: if model.envelope.is_empty() {
            "  return readEnvelope(value, EVENTS);".to_owned()
        } else {
            "  return readEnvelope(value, EVENTS, fieldsOfEnvelope);".to_owned()
        },
        lifecycles,
        tracker: tracker_view(model, cx, &event_types, &event_methods, &union_name),
    }
}

/// The module doc's paragraph on what to use.
fn usage(model: &Model, names: &TypeNames, lifecycles: &[(String, String)]) -> String {
    let mut out = if model.events.is_empty() && !model.objects.is_empty() {
        // A plan of object types only: the parsers are the API.
        let parsers: Vec<String> = model
            .objects
            .iter()
            .filter_map(|o| names.objects.get(o.id.as_str()))
            .map(|ty| format_line!("`parse{ty}`"))
            .collect();
        format_line!("Check objects with {}.", parsers.join(", "))
    } else {
        "Send events with `Tracker` and a `Sink`; check payloads with `parseEnvelope`.".to_owned()
    };
    if !lifecycles.is_empty() {
        let classes: Vec<String> = lifecycles
            .iter()
            .map(|(c, _)| format_line!("`{c}`"))
            .collect();
        out.push_str(&format_line!(
            " Follow lifecycles with {}.",
            classes.join(", ")
        ));
    }
    out
}

/// The runtime with the plan's `Envelope` and `TrackerOptions` declarations in place of their
/// markers.
fn runtime(envelope: &[String], options: &[String]) -> String {
    let (head, rest) = RUNTIME.split_once(ENVELOPE_MARKER).unwrap_or((RUNTIME, ""));
    let (middle, tail) = rest.split_once(OPTIONS_MARKER).unwrap_or((rest, ""));
    format_line!(
        "{head}{}\n{middle}{}\n{tail}",
        envelope.join("\n"),
        options.join("\n")
    )
    .trim_end()
    .to_owned()
}

/// Where to point a diagnostic about each enum: the first row that uses it (envelope, object
/// types, events, then groups).
fn enum_spans(model: &Model) -> crate::NameMap<&str, Span> {
    crate::lang::first_enum_uses(
        model
            .envelope
            .iter()
            .chain(model.objects.iter().flat_map(|o| &o.properties))
            .chain(model.events.iter().flat_map(|e| &e.properties))
            .chain(model.groups.iter().flat_map(|g| &g.properties)),
    )
}

fn enum_view(name: &str, values: &[String], n: &EnumNames) -> EnumView {
    let literals: Vec<String> = values.iter().map(|v| string_literal(v)).collect();
    let mut members: Vec<UnionMember> = literals.iter().cloned().map(UnionMember::Plain).collect();
    let (doc, values_doc) = if n.open {
        // `string & {}` keeps the known values in editors' completions; any string is valid.
        members.push(UnionMember::Plain("(string & {})".to_owned()));
        (
            format_line!(
                "Known values of `{name}`: an open enum, any other string is accepted too."
            ),
            format_line!("The known values of `{}` in spec order.", n.ty),
        )
    } else {
        (
            format_line!("Allowed values of `{name}`."),
            format_line!(
                "Every value of `{}` in spec order, for runtime checks.",
                n.ty
            ),
        )
    };
    EnumView {
        doc: doc_comment(&[doc], 0),
        alias: layout::union_alias(&format_line!("export type {}", n.ty), &members),
        values_doc: doc_comment(&[values_doc], 0),
        values: layout::array(
            &format_line!("export const {} = ", n.values),
            &literals,
            &format_line!(" as const satisfies readonly {}[];", n.ty),
        ),
    }
}

fn member(p: &Property, names: &TypeNames) -> MemberView {
    let opt = if p.optional { "?" } else { "" };
    MemberView {
        doc: doc_comment(&property_doc(p, names), 2),
        lines: layout::member(
            2,
            &format_line!("{}{opt}", names::property_key(&p.name)),
            &union_parts(&p.ty, names),
        ),
    }
}

/// The index signature of a table with a `*` row.
fn index_member(
    model: &Model,
    additional: &Type,
    props: &[Property],
    names: &TypeNames,
) -> MemberView {
    let parts = index_type(model, additional, props, names);
    let mut doc = vec![format_line!(
        "Keys the table does not list (its `*` row): {}.",
        describe(additional, names)
    )];
    if parts.len() > 1 {
        doc.push(
            "The signature also names the listed keys' types, as TypeScript requires; the parser \
             accepts only the `*` row's type for other keys."
                .to_owned(),
        );
    }
    MemberView {
        doc: doc_comment(&doc, 2),
        lines: layout::member(2, "[key: string]", &parts),
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
                lines: vec!["  [key: string]: never;".to_owned()],
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

fn group_view(g: &Group, ty: &str, names: &TypeNames) -> InterfaceView {
    let doc = doc_comment(
        &[
            format_line!("{} (data group `{}`).", g.title, g.id),
            g.description.clone(),
        ],
        0,
    );
    let members = g.properties.iter().map(|p| member(p, names)).collect();
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

/// A row of a table as data: `["name", "required", "string"]`.
fn field_row(p: &Property, names: &TypeNames) -> Lit {
    let presence = if p.optional { "optional" } else { "required" };
    Lit::Arr(vec![
        Lit::Raw(string_literal(&p.name)),
        Lit::Raw(format_line!("\"{presence}\"")),
        type_spec_lit(&p.ty, names),
    ])
}

/// What an event and an object type have in common: the interface (own members, then the index
/// signature of a `*` row), the table as data, the parser.
struct Table<'a> {
    doc: Vec<String>,
    ty: &'a str,
    parents: Vec<String>,
    /// Rows the interface declares itself (not inherited from a parent).
    own: Vec<&'a Property>,
    /// Every row, in table order.
    all: &'a [Property],
    additional: Option<&'a Type>,
    parse_doc: Vec<String>,
}

fn table_view(model: &Model, t: Table, names: &TypeNames) -> TableView {
    let mut members: Vec<MemberView> = t.own.iter().map(|p| member(p, names)).collect();
    let mut rows: Vec<Lit> = t.all.iter().map(|p| field_row(p, names)).collect();
    if let Some(a) = t.additional {
        members.push(index_member(model, a, t.all, names));
        rows.push(Lit::Arr(vec![
            Lit::Raw("\"*\"".to_owned()),
            Lit::Raw("\"other\"".to_owned()),
            type_spec_lit(a, names),
        ]));
    }
    let ty = t.ty;
    TableView {
        interface: interface(t.doc, ty, &t.parents, members),
        fields: Lit::Arr(rows).assigned(
            0,
            &format_line!("const fieldsOf{ty}: readonly FieldSpec[] = "),
            ";",
        ),
        parse_doc: t.parse_doc,
        parse_head: layout::params(
            0,
            &format_line!("export function parse{ty}"),
            &["value: unknown".to_owned()],
            &format_line!(": ParseResult<{ty}> {{"),
        ),
        parse_body: format_line!("  return readFields(value, \"\", fieldsOf{ty});"),
    }
}

/// The doc sentence about a `*` row, for an interface's doc.
fn other_keys_doc(additional: Option<&Type>, names: &TypeNames) -> Option<String> {
    additional.map(|a| {
        format_line!(
            "Other keys are allowed (the table's `*` row): {}.",
            describe(a, names)
        )
    })
}

fn event_view(
    model: &Model,
    e: &Event,
    ty: &str,
    group_types: &[String],
    names: &TypeNames,
) -> TableView {
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
        .collect();
    let parent_types: Vec<String> = parents
        .iter()
        .filter_map(|&i| group_types.get(i).cloned())
        .collect();
    let mut doc = vec![
        format_line!("{} (event `{}`).", e.title, e.name),
        e.description.clone(),
    ];
    doc.extend(other_keys_doc(e.additional.as_ref(), names));
    doc.push(format_line!("Parse with `parse{ty}`; send with `Tracker`."));
    table_view(
        model,
        Table {
            doc: doc_comment(&doc, 0),
            ty,
            parents: parent_types,
            own,
            all: &e.properties,
            additional: e.additional.as_ref(),
            parse_doc: doc_comment(
                &[format_line!(
                    "Parses the properties object of `{}` (a value from `JSON.parse`). The error's \
                     pointer is relative to that object.",
                    e.name
                )],
                0,
            ),
        },
        names,
    )
}

fn object_view(model: &Model, o: &Object, ty: &str, names: &TypeNames) -> TableView {
    let mut doc = vec![
        format_line!("{} (object type `{}`).", o.title, o.id),
        o.description.clone(),
    ];
    doc.extend(other_keys_doc(o.additional.as_ref(), names));
    doc.push(format_line!("Parse with `parse{ty}`."));
    table_view(
        model,
        Table {
            doc: doc_comment(&doc, 0),
            ty,
            parents: Vec::new(),
            own: o.properties.iter().collect(),
            all: &o.properties,
            additional: o.additional.as_ref(),
            parse_doc: doc_comment(
                &[format_line!(
                    "Parses a `{}` object (a value from `JSON.parse`). The error's pointer is \
                     relative to that object.",
                    o.id
                )],
                0,
            ),
        },
        names,
    )
}

fn lifecycle_view(l: &Lifecycle, class: &str, state: &str) -> LifecycleView {
    let literal = |s: &String| string_literal(s);
    let mut state_alias = doc_comment(
        &[format_line!(
            "A state of the lifecycle `{}` ({}).",
            l.id,
            l.title
        )],
        0,
    );
    let members: Vec<UnionMember> = l
        .states
        .iter()
        .map(|s| UnionMember::Plain(literal(s)))
        .collect();
    state_alias.extend(layout::union_alias(
        &format_line!("export type {state}"),
        &members,
    ));
    // Each sequence is shown under the text that introduced it in the spec (`captions`).
    let mut doc = vec![format_line!("{} (lifecycle `{}`).", l.title, l.id)];
    doc.extend(
        l.description
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned),
    );
    doc.push(
        "A new lifecycle is before its first state. `advance` accepts an initial state first, \
         then only the transitions in `TRANSITIONS`, and throws a `LifecycleError` naming the \
         refused transition otherwise. The documented sequences:"
            .to_owned(),
    );
    let sequence = |seq: &Vec<String>| format_line!("- {}", seq.join(" -> "));
    let mut plain = Vec::new();
    for (i, seq) in l.sequences.iter().enumerate() {
        match l
            .captions
            .get(i)
            .map(String::as_str)
            .filter(|c| !c.is_empty())
        {
            Some(c) => {
                if !plain.is_empty() {
                    doc.push(std::mem::take(&mut plain).join("\n"));
                }
                doc.push(format_line!("{c}\n{}", sequence(seq)));
            }
            None => plain.push(sequence(seq)),
        }
    }
    if !plain.is_empty() {
        doc.push(plain.join("\n"));
    }
    let doc = doc_comment(&doc, 0);
    let list = |doc: &str, name: &str, items: &[String]| {
        let mut lines = doc_comment(&[doc.to_owned()], 2);
        let items = Lit::Arr(items.iter().map(|s| Lit::Raw(literal(s))).collect());
        lines.extend(items.assigned(
            2,
            &format_line!("static readonly {name}: readonly {state}[] = "),
            ";",
        ));
        lines
    };
    let mut transitions = doc_comment(&["Every allowed transition `[from, to]`.".to_owned()], 2);
    let pairs = l
        .transitions
        .iter()
        .map(|(a, b)| Lit::Arr(vec![Lit::Raw(literal(a)), Lit::Raw(literal(b))]))
        .collect();
    transitions.extend(Lit::Arr(pairs).assigned(
        2,
        &format_line!("static readonly TRANSITIONS: readonly Transition<{state}>[] = "),
        ";",
    ));
    LifecycleView {
        state_alias,
        doc,
        class: class.to_owned(),
        state: state.to_owned(),
        statics: vec![
            list(
                "Every state, in order of first mention.",
                "STATES",
                &l.states,
            ),
            list("The states a sequence may start in.", "INITIAL", &l.initial),
            list("The states a sequence may end in.", "TERMINAL", &l.terminal),
            transitions,
        ],
        allowed: layout::params(
            4,
            "return nextStates",
            &[class.to_owned(), "this.#state".to_owned()],
            ";",
        ),
        is_terminal: layout::params(
            4,
            "return terminal",
            &[class.to_owned(), "this.#state".to_owned()],
            ";",
        ),
        advance: layout::params(
            4,
            "this.#state = transition",
            &[
                string_literal(&l.id),
                class.to_owned(),
                "this.#state".to_owned(),
                "state".to_owned(),
            ],
            ";",
        ),
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
        let lines: Vec<&str> = same.members.iter().map(|m| m.lines[0].as_str()).collect();
        assert_eq!(lines, vec!["  own: string;"]);
        // `changed` repeats the group's rows with another type for `a`: no `extends`, all rows
        // are its own, so the interface cannot conflict with the group's.
        let changed = &v.events[1].interface;
        assert_eq!(changed.head, vec!["export interface Changed {"]);
        let lines: Vec<&str> = changed
            .members
            .iter()
            .map(|m| m.lines[0].as_str())
            .collect();
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
        assert_eq!(
            v.tracker.name_init,
            vec!["    this.trackerName = options.trackerName ?? \"t-tracker-typescript\";"]
        );
        assert_eq!(
            v.tracker.version_init,
            vec!["    this.trackerVersion = options.trackerVersion ?? \"0.1.0\";"]
        );
    }

    const EXTENDED: &str = "# Ext\n\n## Envelope\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| userId | string | | U |\n| action? | string (enum) | \"track\" | A |\n\n## Objects\n\n### Contact Event `contact_event`\n\n| Name | Type | Possible Values | Description |\n|---|---|---|---|\n| event | string (open enum) | \"a\", \"b\" | E |\n\n### Tracker `tracker`\n\n| Name | Type | Description |\n|---|---|---|\n| events | Contact Event[] | Es |\n| * | string | Other |\n\n## Lifecycle\n\n### Checkout `checkout`\n\nHow a checkout goes.\n\nPaid and shipped:\n\n- cart -> paid -> shipped\n\nGiven up:\n\n- cart -> cancelled\n\n## Events\n\n### Sent `sent`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| who | Tracker | | W |\n| * | any | | Other |\n";

    #[test]
    fn object_types_envelope_fields_and_lifecycles() {
        let (v, d) = build(EXTENDED);
        assert!(!d.has_errors(), "{}", d.render());
        // Object types: interfaces named like events (reserved names escaped), with parsers.
        let heads: Vec<&str> = v
            .objects
            .iter()
            .map(|o| o.interface.head[0].as_str())
            .collect();
        assert_eq!(
            heads,
            vec![
                "export interface ContactEvent {",
                "export interface Tracker_ {"
            ]
        );
        assert_eq!(
            v.objects[1].parse_head,
            vec!["export function parseTracker_(value: unknown): ParseResult<Tracker_> {"]
        );
        let tracker_members: Vec<&str> = v.objects[1]
            .interface
            .members
            .iter()
            .flat_map(|m| m.lines.iter().map(String::as_str))
            .collect();
        assert_eq!(
            tracker_members,
            vec![
                "  events: ContactEvent[];",
                "  [key: string]: string | ContactEvent[];"
            ]
        );
        assert_eq!(
            v.objects[1].fields,
            vec![
                "const fieldsOfTracker_: readonly FieldSpec[] = [",
                "  [",
                "    \"events\",",
                "    \"required\",",
                "    { array: { object: \"contact_event\", rows: () => fieldsOfContactEvent } },",
                "  ],",
                "  [\"*\", \"other\", \"string\"],",
                "];",
            ]
        );
        // The open enum: the known values and any string.
        assert_eq!(
            v.enums[1].alias,
            vec!["export type Event_ = \"a\" | \"b\" | (string & {});"]
        );
        // Envelope fields: their interface, the parsed envelope type, the table, the parser.
        let fields = v.envelope_fields.as_ref().unwrap();
        assert_eq!(fields.head, vec!["export interface EnvelopeFields {"]);
        assert_eq!(
            v.envelope_union.last().unwrap(),
            "export type TEnvelope = EnvelopeFields & TEvent;"
        );
        assert_eq!(
            v.parse_envelope_head,
            vec!["export function parseEnvelope(value: unknown): ParseResult<TEnvelope> {"]
        );
        assert_eq!(
            v.parse_envelope_body,
            "  return readEnvelope(value, EVENTS, fieldsOfEnvelope);"
        );
        assert!(
            v.runtime
                .contains("export interface Envelope extends EnvelopeFields {")
        );
        assert!(v.runtime.contains("  envelope: EnvelopeFields;\n}"));
        assert!(!v.runtime.contains("@trackgen"));
        assert_eq!(
            v.tracker.constructor_head,
            "  constructor(sink: Sink, options: TrackerOptions) {"
        );
        assert_eq!(
            v.tracker.methods[0].send,
            vec!["    this.sink.send({ ...this.envelope, event: \"sent\", properties: wire });"]
        );
        // Lifecycles: names, statics, the captions back above their sequences.
        let l = &v.lifecycles[0];
        assert_eq!(
            (l.class.as_str(), l.state.as_str()),
            ("CheckoutLifecycle", "CheckoutState")
        );
        assert_eq!(
            l.state_alias.last().unwrap(),
            "export type CheckoutState = \"cart\" | \"paid\" | \"shipped\" | \"cancelled\";"
        );
        let doc = l.doc.join("\n");
        assert!(
            doc.contains(" * How a checkout goes.\n")
                && doc.contains(" * Paid and shipped:\n * - cart -> paid -> shipped\n")
                && doc.contains(" * Given up:\n * - cart -> cancelled\n"),
            "{doc}"
        );
        assert_eq!(
            l.statics[1],
            vec![
                "  /** The states a sequence may start in. */",
                "  static readonly INITIAL: readonly CheckoutState[] = [\"cart\"];"
            ]
        );
        let call =
            "    this.#state = transition(\"checkout\", CheckoutLifecycle, this.#state, state);";
        assert_eq!(call.len(), 80);
        assert_eq!(l.advance, vec![call]);
        assert!(v.runtime_lifecycle.is_some());
        assert!(
            v.module_doc
                .join("\n")
                .contains("Follow lifecycles with `CheckoutLifecycle`.")
        );
    }

    #[test]
    fn a_plan_of_object_types_only() {
        let spec = "# Objs\n\n## Objects\n\n### User `user`\n\n| Name | Type | Description |\n|---|---|---|\n| id | string | Id |\n";
        let (v, d) = build(spec);
        assert!(!d.has_errors(), "{}", d.render());
        assert!(v.events.is_empty() && v.tracker.cases.is_empty());
        assert_eq!(v.union, vec!["export type TEvent = never;"]);
        assert!(
            v.module_doc
                .join("\n")
                .contains("Check objects with `parseUser`.")
        );
        assert!(v.tracker.doc.join("\n").contains("`track` takes `never`"));
        assert!(v.runtime_lifecycle.is_none() && v.envelope_fields.is_none());
        assert!(v.envelope_union.is_empty() && v.envelope_rows.is_empty());
        assert!(v.runtime.contains("export interface Envelope {"));
        assert_eq!(
            v.tracker.constructor_head,
            "  constructor(sink: Sink, options: TrackerOptions = {}) {"
        );
    }

    #[test]
    fn objects_and_lifecycles_share_the_type_namespace() {
        let spec = "# T\n\n## Objects\n\n### A `order_lifecycle`\n\n| Name | Type | Description |\n|---|---|---|\n| id | string | Id |\n\n## Lifecycle\n\n### Order `order`\n\n- a -> b\n";
        let (_, d) = build(spec);
        assert_eq!(d.error_count(), 1, "{}", d.render());
        assert!(
            d.render().contains("would both be named `OrderLifecycle`"),
            "{}",
            d.render()
        );
    }
}
