//! Property types in TypeScript: the type a field is declared with, the `TypeSpec` data the
//! runtime's parsers interpret, the index signature of a table with a `*` row, and the facts a
//! property's doc comment states.

use super::layout::Lit;
use super::text::string_literal;
use crate::model::{Model, Property, Type};

/// Identifiers of one enum.
pub struct EnumNames {
    /// The type (`ElementType`).
    pub ty: String,
    /// The values array (`ELEMENT_TYPE_VALUES`).
    pub values: String,
    /// An open enum: any string is valid, the values are the known ones.
    pub open: bool,
}

/// The identifiers types refer to: enums by name, object types by id.
#[derive(Default)]
pub struct TypeNames<'m> {
    /// Enum name → its identifiers.
    pub enums: crate::NameMap<&'m str, EnumNames>,
    /// Object id → its interface name (`contact_event` → `ContactEvent`).
    pub objects: crate::NameMap<&'m str, String>,
}

/// The TypeScript spelling of a property type.
pub fn ts_type(t: &Type, names: &TypeNames) -> String {
    match t {
        Type::String { .. } => "string".to_owned(),
        Type::Number | Type::Integer { .. } => "number".to_owned(),
        Type::Boolean => "boolean".to_owned(),
        Type::Object => "{ [key: string]: JsonValue }".to_owned(),
        Type::Any => "NonNullable<JsonValue>".to_owned(),
        Type::Array { items } => {
            let inner = ts_type(items, names);
            if inner.contains(" | ") {
                format_line!("({inner})[]")
            } else {
                format_line!("{inner}[]")
            }
        }
        Type::Map { values } => format_line!("{{ [key: string]: {} }}", ts_type(values, names)),
        Type::Ref { name } => names
            .objects
            .get(name.as_str())
            .map_or_else(|| "{ [key: string]: JsonValue }".to_owned(), Clone::clone),
        Type::Enum { name } => names
            .enums
            .get(name.as_str())
            .map_or_else(|| "string".to_owned(), |n| n.ty.clone()),
        Type::Union { .. } => union_parts(t, names).join(" | "),
    }
}

/// The types without repeats, in order.
fn distinct(types: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for s in types {
        if !parts.contains(&s) {
            parts.push(s);
        }
    }
    parts
}

/// The runtime's `TypeSpec` for a property type (the data the parsers interpret), on one line.
#[cfg(test)]
pub fn type_spec(t: &Type, names: &TypeNames) -> String {
    type_spec_lit(t, names).flat()
}

/// The runtime's `TypeSpec` for a property type, as a literal to lay out.
pub fn type_spec_lit(t: &Type, names: &TypeNames) -> Lit {
    let raw = |s: &str| Lit::Raw(format_line!("\"{s}\""));
    let one = |k: &str, v: Lit| Lit::Obj(vec![(k.to_owned(), v)]);
    match t {
        Type::String { format: None } => raw("string"),
        Type::String { format: Some(f) } => raw(f.as_str()),
        Type::Number => raw("number"),
        Type::Integer { .. } => raw("integer"),
        Type::Boolean => raw("boolean"),
        Type::Object => raw("object"),
        Type::Any => raw("any"),
        Type::Array { items } => one("array", type_spec_lit(items, names)),
        Type::Map { values } => one("map", type_spec_lit(values, names)),
        Type::Ref { name } => match names.objects.get(name.as_str()) {
            // A thunk: object tables may refer to each other in any order.
            Some(ty) => Lit::Obj(vec![
                ("object".to_owned(), Lit::Raw(string_literal(name))),
                (
                    "rows".to_owned(),
                    Lit::Raw(format_line!("() => fieldsOf{ty}")),
                ),
            ]),
            None => raw("object"),
        },
        Type::Enum { name } => match names.enums.get(name.as_str()) {
            Some(n) if !n.open => one("enum", Lit::Raw(n.values.clone())),
            // An open enum accepts any string.
            _ => raw("string"),
        },
        Type::Union { variants } => one(
            "union",
            Lit::Arr(variants.iter().map(|v| type_spec_lit(v, names)).collect()),
        ),
    }
}

/// Whether a value of TypeScript type `ts_type(t)` is assignable to `JsonValue` (so an index
/// signature of `NonNullable<JsonValue>` admits it). Object types are when they have an index
/// signature that is; an interface without one is not (TypeScript gives interfaces no implicit
/// index signature). `seen` breaks cycles between object types (conservatively: not assignable).
fn json_assignable<'m>(model: &'m Model, t: &'m Type, seen: &mut Vec<&'m str>) -> bool {
    match t {
        Type::String { .. }
        | Type::Number
        | Type::Integer { .. }
        | Type::Boolean
        | Type::Object
        | Type::Any
        | Type::Enum { .. } => true,
        Type::Array { items } => json_assignable(model, items, seen),
        Type::Map { values } => json_assignable(model, values, seen),
        Type::Union { variants } => variants.iter().all(|v| json_assignable(model, v, seen)),
        Type::Ref { name } => {
            if seen.contains(&name.as_str()) {
                return false;
            }
            let Some(o) = model.object(name) else {
                return false;
            };
            seen.push(name);
            let ok = o
                .additional
                .as_ref()
                .is_some_and(|a| json_assignable(model, a, seen))
                && o.properties
                    .iter()
                    .all(|p| json_assignable(model, &p.ty, seen));
            seen.pop();
            ok
        }
    }
}

/// The type of the index signature of a table whose `*` row has type `additional`. TypeScript
/// requires every member's type to be assignable to it, so it is the `*` row's type joined with
/// the type of every member it does not already admit (an `any` row admits every JSON-shaped
/// member; a `string` row admits strings and enums). Reading an unlisted key gives a type at
/// least as wide as what the parser accepts there. Returns the union's members.
pub fn index_type(
    model: &Model,
    additional: &Type,
    props: &[Property],
    names: &TypeNames,
) -> Vec<String> {
    let admits = |t: &Type| match additional {
        Type::Any => json_assignable(model, t, &mut Vec::new()),
        Type::String { .. } => matches!(t, Type::String { .. } | Type::Enum { .. }),
        other => ts_type(other, names) == ts_type(t, names),
    };
    distinct(
        union_parts(additional, names).into_iter().chain(
            props
                .iter()
                .filter(|p| !admits(&p.ty))
                .flat_map(|p| union_parts(&p.ty, names)),
        ),
    )
}

/// The top-level union members of a type, without repeats (one part when it is not a union).
pub fn union_parts(t: &Type, names: &TypeNames) -> Vec<String> {
    match t {
        Type::Union { variants } => distinct(variants.iter().map(|v| ts_type(v, names))),
        other => vec![ts_type(other, names)],
    }
}

/// A phrase for what a type accepts, for docs (`any value but null`, `a string`).
pub fn describe(t: &Type, names: &TypeNames) -> String {
    match t {
        Type::Any => "any value but null".to_owned(),
        Type::String { format: None } => "a string".to_owned(),
        Type::String { format: Some(f) } => format_line!("a {} string", f.as_str()),
        Type::Number => "a number".to_owned(),
        Type::Integer { .. } => "an integer".to_owned(),
        Type::Boolean => "a boolean".to_owned(),
        Type::Object => "an object".to_owned(),
        other => format_line!("`{}`", ts_type(other, names)),
    }
}

/// The doc paragraphs of a property: description, then the facts (format, unit, values,
/// examples, the version that introduced it).
pub fn property_doc(p: &Property, names: &TypeNames) -> Vec<String> {
    let mut facts: Vec<String> = Vec::new();
    fn format_and_unit(t: &Type, facts: &mut Vec<String>) {
        match t {
            Type::String { format: Some(f) } => facts.push(format_line!("Format: {}.", f.as_str())),
            Type::Integer { unit: None } => facts.push("Integer.".to_owned()),
            Type::Integer { unit: Some(u) } => {
                facts.push(format_line!("Integer, unit: {}.", u.describe()));
            }
            Type::Array { items } => format_and_unit(items, facts),
            Type::Map { values } => format_and_unit(values, facts),
            Type::Union { variants } => variants.iter().for_each(|v| format_and_unit(v, facts)),
            _ => {}
        }
    }
    format_and_unit(&p.ty, &mut facts);
    if !p.values.is_empty() {
        let values: Vec<String> = p.values.iter().map(|v| string_literal(v)).collect();
        fn open(t: &Type, names: &TypeNames) -> bool {
            match t {
                Type::Enum { name } => names.enums.get(name.as_str()).is_some_and(|n| n.open),
                Type::Array { items: inner } | Type::Map { values: inner } => open(inner, names),
                Type::Union { variants } => variants.iter().any(|v| open(v, names)),
                _ => false,
            }
        }
        let open = open(&p.ty, names);
        if open {
            facts.push(format_line!(
                "Known values: {}; any other string is accepted too.",
                values.join(", ")
            ));
        } else {
            facts.push(format_line!("One of: {}.", values.join(", ")));
        }
    }
    if !p.examples.is_empty() {
        let examples: Vec<String> = p.examples.iter().map(|v| v.to_string()).collect();
        let label = if examples.len() == 1 {
            "Example"
        } else {
            "Examples"
        };
        facts.push(format_line!("{label}: {}.", examples.join(", ")));
    }
    if let Some(v) = &p.since {
        facts.push(format_line!("Since version {v}."));
    }
    vec![p.description.clone(), facts.join(" ")]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StringFormat, Unit};

    #[test]
    fn types_and_type_specs() {
        let mut names = TypeNames::default();
        names.enums.insert(
            "kind",
            EnumNames {
                ty: "Kind".to_owned(),
                values: "KIND_VALUES".to_owned(),
                open: false,
            },
        );
        let s = |f| Type::String { format: f };
        let cases = [
            (s(None), "string", "\"string\""),
            (s(Some(StringFormat::DateTime)), "string", "\"date-time\""),
            (Type::Number, "number", "\"number\""),
            (
                Type::Integer {
                    unit: Some(Unit::Timestamp),
                },
                "number",
                "\"integer\"",
            ),
            (Type::Boolean, "boolean", "\"boolean\""),
            (Type::Object, "{ [key: string]: JsonValue }", "\"object\""),
            (Type::Any, "NonNullable<JsonValue>", "\"any\""),
            (
                Type::Enum {
                    name: "kind".to_owned(),
                },
                "Kind",
                "{ enum: KIND_VALUES }",
            ),
            (
                Type::Array {
                    items: Box::new(Type::Enum {
                        name: "kind".to_owned(),
                    }),
                },
                "Kind[]",
                "{ array: { enum: KIND_VALUES } }",
            ),
            (
                Type::Union {
                    variants: vec![s(None), s(Some(StringFormat::Uuid)), Type::Number],
                },
                "string | number",
                "{ union: [\"string\", \"uuid\", \"number\"] }",
            ),
            (
                Type::Array {
                    items: Box::new(Type::Union {
                        variants: vec![s(None), Type::Boolean],
                    }),
                },
                "(string | boolean)[]",
                "{ array: { union: [\"string\", \"boolean\"] } }",
            ),
        ];
        for (t, ts, spec) in cases {
            assert_eq!(ts_type(&t, &names), ts, "{t:?}");
            assert_eq!(type_spec(&t, &names), spec, "{t:?}");
        }
    }

    const OBJECTS: &str = "# T\n\n## Objects\n\n### Plain `plain`\n\n| Name | Type | Description |\n|---|---|---|\n| a | string | A |\n\n### Open `open_one`\n\n| Name | Type | Description |\n|---|---|---|\n| p | map of Plain | P |\n| * | any | Other |\n\n### Narrow `narrow`\n\n| Name | Type | Possible Values | Description |\n|---|---|---|---|\n| n | integer | | N |\n| kind | string (enum) | \"x\", \"y\" | K |\n| tag | string (open enum) | \"t\" | T |\n| s | string | | S |\n| u | string / boolean | | U |\n| * | string | | Other |\n\n### Wide `wide`\n\n| Name | Type | Description |\n|---|---|---|\n| plain | Plain | A ref without index signature |\n| plains | Plain[] | Refs |\n| open | Open One | A ref with an `any` index signature |\n| opens | map of Open One | Refs |\n| o | object | O |\n| jl | map of Json Like | JSON-shaped refs |\n| * | any | Other |\n\n### Json Like `json_like`\n\n| Name | Type | Description |\n|---|---|---|\n| s | string[] | S |\n| * | any | Other |\n";

    fn names_of(model: &Model) -> TypeNames<'_> {
        let mut names = TypeNames::default();
        for o in &model.objects {
            names.objects.insert(
                &o.id,
                crate::lang::naming::ident(
                    &super::super::names::TYPE_RULES,
                    &o.id,
                    crate::lang::naming::Case::UpperCamel,
                )
                .unwrap()
                .0,
            );
        }
        for e in &model.enums {
            names.enums.insert(
                &e.name,
                EnumNames {
                    ty: e.name.to_uppercase(),
                    values: format_line!("{}_VALUES", e.name.to_uppercase()),
                    open: e.open,
                },
            );
        }
        names
    }

    #[test]
    fn maps_refs_and_open_enums() {
        let model = crate::load_str("t.md", "t", OBJECTS).unwrap().model;
        let names = names_of(&model);
        let narrow = model.object("narrow").unwrap();
        let wide = model.object("wide").unwrap();
        let open = model.object("open_one").unwrap();
        let ty = |o: &crate::model::Object, i: usize| {
            (
                ts_type(&o.properties[i].ty, &names),
                type_spec(&o.properties[i].ty, &names),
            )
        };
        assert_eq!(
            ty(open, 0),
            (
                "{ [key: string]: Plain }".to_owned(),
                "{ map: { object: \"plain\", rows: () => fieldsOfPlain } }".to_owned()
            )
        );
        assert_eq!(
            ty(narrow, 1),
            ("KIND".to_owned(), "{ enum: KIND_VALUES }".to_owned())
        );
        assert_eq!(
            ty(narrow, 2),
            ("TAG".to_owned(), "\"string\"".to_owned()),
            "an open enum's parser accepts any string"
        );
        assert_eq!(
            ty(wide, 1),
            (
                "Plain[]".to_owned(),
                "{ array: { object: \"plain\", rows: () => fieldsOfPlain } }".to_owned()
            )
        );
        let tag = &narrow.properties[2];
        assert!(
            property_doc(tag, &names)[1].starts_with("Known values: \"t\"; any other string"),
            "{:?}",
            property_doc(tag, &names)
        );
    }

    #[test]
    fn index_signatures_admit_every_member() {
        let model = crate::load_str("t.md", "t", OBJECTS).unwrap().model;
        let names = names_of(&model);
        let index = |id: &str| {
            let o = model.object(id).unwrap();
            index_type(
                &model,
                o.additional.as_ref().unwrap(),
                &o.properties,
                &names,
            )
        };
        // `any` admits JSON-shaped members, not `Plain` (an interface without an index
        // signature), nor what holds one.
        assert_eq!(
            index("open_one"),
            vec!["NonNullable<JsonValue>", "{ [key: string]: Plain }"]
        );
        // `OpenOne` has an index signature, but it names `Plain` maps: not JSON-shaped either.
        // `JsonLike` has an `any` signature and JSON-shaped members: admitted.
        assert_eq!(
            index("wide"),
            vec![
                "NonNullable<JsonValue>",
                "Plain",
                "Plain[]",
                "OpenOne",
                "{ [key: string]: OpenOne }"
            ]
        );
        // `string` admits strings and enums (open or closed), not the rest.
        assert_eq!(index("narrow"), vec!["string", "number", "boolean"]);
    }
}
