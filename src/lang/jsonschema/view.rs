//! Model → [`Schema`]: every keyword and string of the output is decided here.
//!
//! Shape (draft 2020-12):
//!
//! - the root validates an envelope: `type: object`, `required: [event, properties]`,
//!   `additionalProperties: false`, `event` an `enum` of every event name, `properties` an
//!   object; then an `allOf` with one `if` (`event` is this `const`) / `then` (`properties` is
//!   `$defs/event.<id>`) per event. `if`/`then` rather than a `oneOf` of envelopes: a validator
//!   checks one event schema instead of all of them, and its errors point into the event that was
//!   sent instead of "not valid under any of the given schemas";
//! - `$defs/event.<id>`: `allOf` of `$ref`s to its groups, its own rows as `properties` /
//!   `required`, and `unevaluatedProperties: false` (which sees the groups' properties through the
//!   `allOf`, so unknown keys are rejected and groups still compose);
//! - `$defs/group.<id>`: `properties` / `required`, open (no `additionalProperties`);
//! - `$defs/enum.<name>`: `type: string` + `enum`.
//!
//! Nulls are rejected by construction: no schema lists `null` as a type, and `any` is
//! `not: {type: null}`.

use serde_json::Value;

use super::check;
use super::names;
use super::schema::{DRAFT_2020_12, JsonType, Keyed, Schema};
use super::text;
use crate::diag::Diagnostics;
use crate::lang::Context;
use crate::model::{EnumDef, Event, Group, Model, Property, Type};

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

    let mut defs = Keyed::default();
    for ev in &model.events {
        defs.push(names::event_key(&ev.id), event_def(model, ev, d));
    }
    for g in &model.groups {
        defs.push(names::group_key(&g.id), group_def(model, g, d));
    }
    for e in &model.enums {
        defs.push(names::enum_key(&e.name), enum_def(e));
    }

    Schema {
        schema: Some(DRAFT_2020_12),
        id: Some(names::schema_id(&model.spec.name)),
        comment: Some(cx.header()),
        title: Some(model.spec.title.clone()),
        description: text::paragraphs([model.spec.description.as_str()]),
        ty: Some(JsonType::Object),
        all_of: model.events.iter().map(selector).collect(),
        properties: envelope,
        required: vec!["event".to_owned(), "properties".to_owned()],
        additional_properties: Some(false),
        defs,
        ..Schema::default()
    }
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

/// `$defs/event.<id>`.
fn event_def(model: &Model, ev: &Event, d: &mut Diagnostics) -> Schema {
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

    let example = ev.example.as_ref().and_then(|x| x.parsed.as_ref());
    let examples = match example {
        Some(v) => match check::properties(model, ev, v) {
            Ok(()) => vec![v.clone()],
            Err(why) => {
                d.note(
                    "jsonschema-example",
                    ev.span,
                    format!(
                        "the example of event `{}` is not valid ({why}); the JSON Schema leaves it out",
                        ev.id
                    ),
                );
                Vec::new()
            }
        },
        None => Vec::new(),
    };

    Schema {
        title: Some(ev.title.clone()),
        description: text::paragraphs([ev.description.as_str()]),
        ty: Some(JsonType::Object),
        all_of: refs
            .iter()
            .map(|g| Schema::reference(names::def_ref(&names::group_key(&g.id))))
            .collect(),
        properties,
        required,
        unevaluated_properties: Some(false),
        examples,
        ..Schema::default()
    }
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

/// `$defs/enum.<name>`.
fn enum_def(e: &EnumDef) -> Schema {
    Schema {
        title: Some(e.name.clone()),
        ty: Some(JsonType::String),
        enumeration: Some(e.values.clone()),
        ..Schema::default()
    }
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
    s.description = text::paragraphs([p.description.as_str(), unit.as_deref().unwrap_or_default()]);
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
        Type::Integer { unit } => Schema {
            ty: Some(JsonType::Integer),
            description: unit.map(text::unit_sentence),
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
        Type::Union { variants } => Schema {
            any_of: variants.iter().map(type_schema).collect(),
            ..Schema::default()
        },
        // Interim (being completed on branch js2): objects without their shape.
        Type::Map { .. } | Type::Ref { .. } => Schema::of_type(JsonType::Object),
    }
}
