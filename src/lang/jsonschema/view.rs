//! Model → [`Schema`]: every keyword and string of the output is decided here.
//!
//! Shape (draft 2020-12):
//!
//! - the root validates an envelope: `type: object`, `required: [event, properties]` plus the
//!   required envelope fields (`Model::envelope`, e.g. Segment's `userId`), which are in
//!   `properties` too, `additionalProperties: false`, `event` an `enum` of every event name,
//!   `properties` an object; then an `allOf` with one `if` (`event` is this `const`) / `then`
//!   (`properties` is `$defs/event.<id>`) per event. `if`/`then` rather than a `oneOf` of
//!   envelopes: a validator checks one event schema instead of all of them, and its errors point
//!   into the event that was sent instead of "not valid under any of the given schemas". Spec
//!   examples written as whole envelopes are the root's `examples`. A spec with no events keeps
//!   this root, which then accepts nothing (`event: {enum: []}`), and says so in `description`;
//!   its object types are still in `$defs`, for `$ref`;
//! - `$defs/event.<id>`: `allOf` of `$ref`s to its groups, its own rows as `properties` /
//!   `required`, and `unevaluatedProperties` (which sees the groups' properties through the
//!   `allOf`, so unknown keys are rejected and groups still compose): `false`, or with a `*` row
//!   the schema of that row's type;
//! - `$defs/group.<id>`: `properties` / `required`, open (no `additionalProperties`);
//! - `$defs/object.<id>` (object types, what `ref` rows point at): `properties` / `required` and
//!   `unevaluatedProperties` as for events;
//! - `$defs/enum.<name>`: `type: string` + `enum`; an open enum has its known values as
//!   `examples` instead (any string is valid);
//! - `$defs/lifecycle.<id>`: `type: string` + `enum` of its states, and the state machine under
//!   our own keyword `x-trackgen-lifecycle` (`initial`, `terminal`, `transitions` from each state,
//!   the documented `sequences`), which `description` documents;
//! - `map of T`: `type: object` + `additionalProperties: T`.
//!
//! `$defs` order: events, groups, object types, enums, lifecycles, each in model order.
//!
//! Nulls are rejected by construction: no schema lists `null` as a type, and `any` is
//! `not: {type: null}`.

use serde_json::Value;

use super::check;
use super::names;
use super::schema::{DRAFT_2020_12, Extra, JsonType, Keyed, Machine, Schema};
use super::text;
use crate::diag::Diagnostics;
use crate::lang::Context;
use crate::model::{EnumDef, Event, Group, Lifecycle, Model, Object, Property, Type};

/// The whole document.
pub(super) fn document(model: &Model, cx: &Context, d: &mut Diagnostics) -> Schema {
    let names: Vec<String> = model.events.iter().map(|e| e.name.clone()).collect();

    let mut envelope = Keyed::default();
    envelope.push(
        "event",
        Schema {
            description: Some("The event's name; selects the schema of `properties`.".to_owned()),
            ty: Some(JsonType::String),
            enumeration: Some(names),
            ..Schema::default()
        },
    );
    envelope.push(
        "properties",
        Schema {
            description: Some(
                "The event's properties, one flat object (data groups included).".to_owned(),
            ),
            ty: Some(JsonType::Object),
            ..Schema::default()
        },
    );
    let mut required = vec!["event".to_owned(), "properties".to_owned()];
    // Lowering drops envelope rows named `event` / `properties`; the guard keeps the keys unique.
    let fields = model
        .envelope
        .iter()
        .filter(|p| p.name != "event" && p.name != "properties");
    let (fields, fields_required) = property_list(model, fields, d);
    envelope.0.extend(fields.0);
    required.extend(fields_required);

    let mut defs = Keyed::default();
    let mut root_examples = Vec::new();
    for ev in &model.events {
        let (def, whole) = event_def(model, ev, d);
        defs.push(names::event_key(&ev.id), def);
        root_examples.extend(whole);
    }
    for g in &model.groups {
        defs.push(names::group_key(&g.id), group_def(model, g, d));
    }
    for o in &model.objects {
        defs.push(names::object_key(&o.id), object_def(model, o, d));
    }
    for e in &model.enums {
        defs.push(names::enum_key(&e.name), enum_def(e));
    }
    for l in &model.lifecycles {
        defs.push(names::lifecycle_key(&l.id), lifecycle_def(l));
    }

    let no_events = model.events.is_empty().then(|| no_events_note(model));
    Schema {
        schema: Some(DRAFT_2020_12),
        id: Some(names::schema_id(&model.spec.name)),
        comment: Some(cx.header()),
        title: Some(model.spec.title.clone()),
        description: text::paragraphs([
            model.spec.description.as_str(),
            no_events.as_deref().unwrap_or_default(),
        ]),
        ty: Some(JsonType::Object),
        all_of: model.events.iter().map(selector).collect(),
        properties: envelope,
        required,
        additional_properties: Some(Extra::Closed),
        examples: root_examples,
        defs,
        ..Schema::default()
    }
}

/// What the root of a spec without events means, and where its object types are.
fn no_events_note(model: &Model) -> String {
    let mut note = "This tracking plan defines no events, so no envelope is valid against this \
                    schema (the `event` enum is empty)."
        .to_owned();
    if !model.objects.is_empty() {
        let refs: Vec<String> = model
            .objects
            .iter()
            .map(|o| format!("`{}`", names::def_ref(&names::object_key(&o.id))))
            .collect();
        note.push_str(&format!(
            " Its object types are in `$defs`, to validate against with `$ref`: {}.",
            refs.join(", ")
        ));
    }
    note
}

/// `if event == name then properties: $defs/event.<id>`.
fn selector(ev: &Event) -> Schema {
    let mut when = Keyed::default();
    when.push(
        "event",
        Schema {
            constant: Some(ev.name.clone()),
            ..Schema::default()
        },
    );
    let mut then = Keyed::default();
    then.push(
        "properties",
        Schema::reference(names::def_ref(&names::event_key(&ev.id))),
    );
    Schema {
        if_: Some(Box::new(Schema {
            properties: when,
            required: vec!["event".to_owned()],
            ..Schema::default()
        })),
        then: Some(Box::new(Schema {
            properties: then,
            ..Schema::default()
        })),
        ..Schema::default()
    }
}

/// `$defs/event.<id>`, and the event's example when it is a whole, valid envelope (for the root's
/// `examples`).
fn event_def(model: &Model, ev: &Event, d: &mut Diagnostics) -> (Schema, Option<Value>) {
    let refs: Vec<&Group> = ev
        .groups
        .iter()
        .filter_map(|id| model.group(id))
        .filter(|g| refers_to(ev, g))
        .collect();
    // Rows not covered by a referenced group: the event's own, and rows of a group the event
    // changed (lowering warns and uses the event's row; so do we, inline).
    let own = ev.properties.iter().filter(|p| {
        !refs
            .iter()
            .any(|g| g.properties.iter().any(|q| q.name == p.name))
    });
    let (properties, required) = property_list(model, own, d);

    let (examples, whole) = match ev.example.as_ref().and_then(|x| x.parsed.as_ref()) {
        Some(v) => match event_example(model, ev, v) {
            Ok((props, whole)) => (vec![props], whole),
            Err(why) => {
                d.note(
                    "jsonschema-example",
                    ev.span,
                    format!(
                        "the example of event `{}` is not valid ({why}); the JSON Schema leaves it out",
                        ev.id
                    ),
                );
                (Vec::new(), None)
            }
        },
        None => (Vec::new(), None),
    };

    let def = Schema {
        title: Some(ev.title.clone()),
        description: text::paragraphs([ev.description.as_str()]),
        ty: Some(JsonType::Object),
        all_of: refs
            .iter()
            .map(|g| Schema::reference(names::def_ref(&names::group_key(&g.id))))
            .collect(),
        properties,
        required,
        unevaluated_properties: Some(others(ev.additional.as_ref())),
        examples,
        ..Schema::default()
    };
    (def, whole)
}

/// A valid example of `ev`: its properties object, and the whole envelope when the spec wrote
/// one (an object with `event` and `properties`, for an event that has no `event` property: the
/// rule of the spec lint).
fn event_example(model: &Model, ev: &Event, v: &Value) -> Result<(Value, Option<Value>), String> {
    let is_envelope = v.get("event").is_some()
        && v.get("properties").is_some()
        && !ev.properties.iter().any(|p| p.name == "event");
    if !is_envelope {
        check::properties(model, ev, v)?;
        return Ok((v.clone(), None));
    }
    if v.get("event").and_then(Value::as_str) != Some(ev.name.as_str()) {
        return Err(format!(
            "it is an envelope whose `event` is not {}",
            Value::String(ev.name.clone())
        ));
    }
    check::envelope(model, v)?;
    let props = v.get("properties").cloned().unwrap_or_default();
    Ok((props, Some(v.clone())))
}

/// `unevaluatedProperties` of a table: `false`, or with a `*` row the schema of its type.
fn others(additional: Option<&Type>) -> Extra {
    Extra::of(additional.map(|t| {
        let mut s = type_schema(t);
        let unit = s.description.take();
        s.description = text::paragraphs([
            "Keys the table does not list (its `*` row).",
            unit.as_deref().unwrap_or_default(),
        ]);
        s
    }))
}

/// Whether the event can refer to group `g` instead of repeating its rows: every row of the group
/// is in the event's table, identical (type, optionality, values, examples, description).
fn refers_to(ev: &Event, g: &Group) -> bool {
    g.properties.iter().all(|gp| {
        ev.properties.iter().any(|p| {
            p.name == gp.name
                && p.ty == gp.ty
                && p.optional == gp.optional
                && p.values == gp.values
                && p.examples == gp.examples
                && p.description == gp.description
                && p.since == gp.since
        })
    })
}

/// `$defs/group.<id>`.
fn group_def(model: &Model, g: &Group, d: &mut Diagnostics) -> Schema {
    let (properties, required) = property_list(model, g.properties.iter(), d);
    Schema {
        title: Some(g.title.clone()),
        description: text::paragraphs([g.description.as_str()]),
        ty: Some(JsonType::Object),
        properties,
        required,
        ..Schema::default()
    }
}

/// `$defs/object.<id>`.
fn object_def(model: &Model, o: &Object, d: &mut Diagnostics) -> Schema {
    let (properties, required) = property_list(model, o.properties.iter(), d);
    let mut examples = Vec::new();
    if let Some(v) = o.example.as_ref().and_then(|x| x.parsed.as_ref()) {
        match check::value(
            model,
            &Type::Ref {
                name: o.id.clone(),
            },
            v,
        ) {
            Ok(()) => examples.push(v.clone()),
            Err(why) => d.note(
                "jsonschema-example",
                o.span,
                format!(
                    "the example of object `{}` is not valid ({why}); the JSON Schema leaves it out",
                    o.id
                ),
            ),
        }
    }
    Schema {
        title: Some(o.title.clone()),
        description: text::paragraphs([o.description.as_str()]),
        ty: Some(JsonType::Object),
        properties,
        required,
        unevaluated_properties: Some(others(o.additional.as_ref())),
        examples,
        ..Schema::default()
    }
}

/// `$defs/enum.<name>`: the values as `enum`, or for an open enum as `examples`.
fn enum_def(e: &EnumDef) -> Schema {
    if e.open {
        return Schema {
            title: Some(e.name.clone()),
            description: Some(
                "An open enum: any string is valid; `examples` lists the known values.".to_owned(),
            ),
            ty: Some(JsonType::String),
            examples: e.values.iter().map(|v| Value::String(v.clone())).collect(),
            ..Schema::default()
        };
    }
    Schema {
        title: Some(e.name.clone()),
        ty: Some(JsonType::String),
        enumeration: Some(e.values.clone()),
        ..Schema::default()
    }
}

/// `$defs/lifecycle.<id>`: a state, with the machine under `x-trackgen-lifecycle`.
fn lifecycle_def(l: &Lifecycle) -> Schema {
    let mut transitions: Keyed<Vec<String>> = Keyed::default();
    for state in &l.states {
        let next = l
            .transitions
            .iter()
            .filter(|(from, _)| from == state)
            .map(|(_, to)| to.clone())
            .collect();
        transitions.push(state.clone(), next);
    }
    Schema {
        title: Some(l.title.clone()),
        description: text::paragraphs([
            l.description.as_str(),
            &lifecycle_text(l),
            LIFECYCLE_KEYWORD,
        ]),
        ty: Some(JsonType::String),
        enumeration: Some(l.states.clone()),
        lifecycle: Some(Machine {
            initial: l.initial.clone(),
            terminal: l.terminal.clone(),
            transitions,
            sequences: l.sequences.clone(),
        }),
        ..Schema::default()
    }
}

/// How `x-trackgen-lifecycle` reads (in every lifecycle's `description`).
const LIFECYCLE_KEYWORD: &str = "A value is one state of the lifecycle. `x-trackgen-lifecycle` \
    (a trackgen keyword; validators ignore it) holds the state machine: `initial` (the states a \
    sequence may start in), `terminal` (the states it may end in), `transitions` (for each \
    state, the states that may follow it) and `sequences` (the sequences the spec documents).";

/// The machine in words: initial and terminal states, then every transition.
fn lifecycle_text(l: &Lifecycle) -> String {
    let list = |xs: &[String]| {
        xs.iter()
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let arrows: Vec<String> = l
        .transitions
        .iter()
        .map(|(a, b)| format!("`{a}` -> `{b}`"))
        .collect();
    format!(
        "Starts in: {}. Ends in: {}. Transitions: {}.",
        list(&l.initial),
        list(&l.terminal),
        arrows.join(", ")
    )
}

/// `properties` and `required` of some rows, in table order.
fn property_list<'a>(
    model: &Model,
    rows: impl Iterator<Item = &'a Property>,
    d: &mut Diagnostics,
) -> (Keyed, Vec<String>) {
    let mut properties = Keyed::default();
    let mut required = Vec::new();
    for p in rows {
        properties.push(p.name.clone(), property(model, p, d));
        if !p.optional {
            required.push(p.name.clone());
        }
    }
    (properties, required)
}

/// One property: its type's schema, the description (plus units), and the examples that are
/// valid (an array row's examples may be item examples: they go on `items`).
fn property(model: &Model, p: &Property, d: &mut Diagnostics) -> Schema {
    let mut s = type_schema(&p.ty);
    let unit = s.description.take();
    let since = p.since.as_deref().map(text::since_sentence);
    s.description = text::paragraphs([
        p.description.as_str(),
        unit.as_deref().unwrap_or_default(),
        since.as_deref().unwrap_or_default(),
    ]);
    let mut item_examples: Vec<Value> = Vec::new();
    for v in &p.examples {
        let whole = check::value(model, &p.ty, v);
        if whole.is_ok() {
            s.examples.push(v.clone());
            continue;
        }
        if let Type::Array { items } = &p.ty
            && check::value(model, items, v).is_ok()
        {
            item_examples.push(v.clone());
            continue;
        }
        let why = whole.err().unwrap_or_default();
        d.note(
            "jsonschema-example",
            p.span,
            format!(
                "{why}: the JSON Schema leaves this example of `{}` out of `examples`",
                p.name
            ),
        );
    }
    if let Some(items) = s.items.as_mut() {
        items.examples = item_examples;
    }
    s
}

/// [`crate::payload::MAX_SAFE_INTEGER`], signed.
// 2^53 − 1 fits an `i64`.
const MAX_SAFE: i64 = crate::payload::MAX_SAFE_INTEGER as i64;

/// The schema of a type. An integer with a unit gets the unit sentence as its description (the
/// caller merges it with the property's own).
pub(super) fn type_schema(ty: &Type) -> Schema {
    match ty {
        Type::String { format: None } => Schema::of_type(JsonType::String),
        Type::String { format: Some(f) } => Schema {
            ty: Some(JsonType::String),
            format: Some(f.as_str()),
            pattern: Some(check::pattern(*f)),
            // `$` also matches before a final newline in Python's `re` (what the `jsonschema`
            // package uses) and PCRE; every pattern's classes exclude `\n`, so this closes it.
            not: Some(Box::new(Schema {
                pattern: Some("\\n"),
                ..Schema::default()
            })),
            ..Schema::default()
        },
        Type::Number => Schema::of_type(JsonType::Number),
        // The contract's integers are those every JSON reader holds exactly (RFC 7493).
        Type::Integer { unit } => Schema {
            ty: Some(JsonType::Integer),
            description: unit.map(text::unit_sentence),
            minimum: Some(-MAX_SAFE),
            maximum: Some(MAX_SAFE),
            ..Schema::default()
        },
        Type::Boolean => Schema::of_type(JsonType::Boolean),
        Type::Object => Schema::of_type(JsonType::Object),
        Type::Any => Schema {
            not: Some(Box::new(Schema::of_type(JsonType::Null))),
            ..Schema::default()
        },
        Type::Array { items } => Schema {
            ty: Some(JsonType::Array),
            items: Some(Box::new(type_schema(items))),
            ..Schema::default()
        },
        Type::Enum { name } => Schema::reference(names::def_ref(&names::enum_key(name))),
        Type::Map { values } => Schema {
            ty: Some(JsonType::Object),
            additional_properties: Some(Extra::of(Some(type_schema(values)))),
            ..Schema::default()
        },
        Type::Ref { name } => Schema::reference(names::def_ref(&names::object_key(name))),
        Type::Union { variants } => Schema {
            any_of: variants.iter().map(type_schema).collect(),
            ..Schema::default()
        },
    }
}
