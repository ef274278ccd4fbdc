//! Property types in TypeScript: the type a field is declared with, the `TypeSpec` data the
//! runtime's parsers interpret, and the facts a property's doc comment states.

use std::collections::BTreeMap;

use super::text::string_literal;
use crate::model::{Property, Type};

/// Identifiers of one enum.
pub struct EnumNames {
    /// The type (`ElementType`).
    pub ty: String,
    /// The values array (`ELEMENT_TYPE_VALUES`).
    pub values: String,
}

/// The TypeScript spelling of a property type.
pub fn ts_type(t: &Type, enums: &BTreeMap<&str, EnumNames>) -> String {
    match t {
        Type::String { .. } => "string".to_owned(),
        Type::Number | Type::Integer { .. } => "number".to_owned(),
        Type::Boolean => "boolean".to_owned(),
        Type::Object | Type::Map { .. } | Type::Ref { .. } => {
            "{ [key: string]: JsonValue }".to_owned()
        }
        Type::Any => "NonNullable<JsonValue>".to_owned(),
        Type::Array { items } => {
            let inner = ts_type(items, enums);
            if inner.contains(" | ") {
                format!("({inner})[]")
            } else {
                format!("{inner}[]")
            }
        }
        Type::Enum { name } => enums
            .get(name.as_str())
            .map_or_else(|| "string".to_owned(), |n| n.ty.clone()),
        Type::Union { variants } => {
            let mut parts: Vec<String> = Vec::new();
            for v in variants {
                let s = ts_type(v, enums);
                if !parts.contains(&s) {
                    parts.push(s);
                }
            }
            parts.join(" | ")
        }
    }
}

/// The runtime's `TypeSpec` for a property type (the data the parsers interpret).
pub fn type_spec(t: &Type, enums: &BTreeMap<&str, EnumNames>) -> String {
    match t {
        Type::String { format: None } => "\"string\"".to_owned(),
        Type::String { format: Some(f) } => format!("\"{}\"", f.as_str()),
        Type::Number => "\"number\"".to_owned(),
        Type::Integer { .. } => "\"integer\"".to_owned(),
        Type::Boolean => "\"boolean\"".to_owned(),
        Type::Object | Type::Map { .. } | Type::Ref { .. } => "\"object\"".to_owned(),
        Type::Any => "\"any\"".to_owned(),
        Type::Array { items } => format!("{{ array: {} }}", type_spec(items, enums)),
        Type::Enum { name } => match enums.get(name.as_str()) {
            Some(n) => format!("{{ enum: {} }}", n.values),
            None => "\"string\"".to_owned(),
        },
        Type::Union { variants } => format!(
            "{{ union: [{}] }}",
            variants
                .iter()
                .map(|v| type_spec(v, enums))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The doc paragraphs of a property: description, then the facts (format, unit, values,
/// examples).
pub fn property_doc(p: &Property) -> Vec<String> {
    let mut facts: Vec<String> = Vec::new();
    fn format_and_unit(t: &Type, facts: &mut Vec<String>) {
        match t {
            Type::String { format: Some(f) } => facts.push(format!("Format: {}.", f.as_str())),
            Type::Integer { unit: None } => facts.push("Integer.".to_owned()),
            Type::Integer { unit: Some(u) } => {
                facts.push(format!("Integer, unit: {}.", u.describe()));
            }
            Type::Array { items } => format_and_unit(items, facts),
            Type::Union { variants } => variants.iter().for_each(|v| format_and_unit(v, facts)),
            _ => {}
        }
    }
    format_and_unit(&p.ty, &mut facts);
    if !p.values.is_empty() {
        let values: Vec<String> = p.values.iter().map(|v| string_literal(v)).collect();
        facts.push(format!("One of: {}.", values.join(", ")));
    }
    if !p.examples.is_empty() {
        let examples: Vec<String> = p.examples.iter().map(|v| v.to_string()).collect();
        let label = if examples.len() == 1 {
            "Example"
        } else {
            "Examples"
        };
        facts.push(format!("{label}: {}.", examples.join(", ")));
    }
    vec![p.description.clone(), facts.join(" ")]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StringFormat, Unit};

    #[test]
    fn types_and_type_specs() {
        let mut enums = BTreeMap::new();
        enums.insert(
            "kind",
            EnumNames {
                ty: "Kind".to_owned(),
                values: "KIND_VALUES".to_owned(),
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
            assert_eq!(ts_type(&t, &enums), ts, "{t:?}");
            assert_eq!(type_spec(&t, &enums), spec, "{t:?}");
        }
    }
}
