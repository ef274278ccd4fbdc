//! The output's shape: one typed JSON Schema object, serialised by serde in field order (the
//! order of the keys in the file). Every schema in the document, root included, is a [`Schema`];
//! unset keywords are left out. `view.rs` fills these from the model; nothing here knows the model.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// The dialect of every generated schema.
pub(super) const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// A JSON Schema object. Field order is output order: identification, annotations, type
/// keywords, own properties, then what composes with them (`allOf`, `if`/`then`) and the
/// `unevaluatedProperties` that closes the object, examples, definitions.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub(super) struct Schema {
    /// `$schema` (root only).
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<&'static str>,
    /// `$id` (root only).
    #[serde(rename = "$id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `$comment`: the generated-file header at the root.
    #[serde(rename = "$comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `$ref`, a URI reference (`#/$defs/...`).
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `type`: one JSON type name.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<JsonType>,
    /// `format` (an annotation in 2020-12; `pattern` does the checking).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// `pattern` (ECMA-262 regular expression).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<&'static str>,
    /// `minimum` (integers only: the contract's range).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// `maximum`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// `const`.
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
    /// `enum`. `Some(vec![])` is kept (it accepts nothing).
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enumeration: Option<Vec<String>>,
    /// `items`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    /// `anyOf`.
    #[serde(rename = "anyOf", skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Schema>,
    /// `not`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Schema>>,
    /// `properties`.
    #[serde(skip_serializing_if = "Keyed::is_empty")]
    pub properties: Keyed,
    /// `required`, in table order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// `additionalProperties`: `false` on the envelope, a schema on maps.
    #[serde(
        rename = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Option<Extra>,
    /// `allOf`.
    #[serde(rename = "allOf", skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    /// `if`.
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub if_: Option<Box<Schema>>,
    /// `then`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<Schema>>,
    /// `unevaluatedProperties` (events and object types: sees through `allOf` of groups);
    /// `false`, or the schema of a `*` row.
    #[serde(
        rename = "unevaluatedProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub unevaluated_properties: Option<Extra>,
    /// `examples`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Value>,
    /// `x-trackgen-lifecycle`: our own keyword (2020-12 allows unknown keywords, as annotations),
    /// the state machine of a lifecycle in machine-readable form.
    #[serde(
        rename = "x-trackgen-lifecycle",
        skip_serializing_if = "Option::is_none"
    )]
    pub lifecycle: Option<Machine>,
    /// `$defs` (root only).
    #[serde(rename = "$defs", skip_serializing_if = "Keyed::is_empty")]
    pub defs: Keyed,
}

/// The JSON type names used (`null` never is: nulls are rejected by construction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum JsonType {
    /// `"string"`
    String,
    /// `"number"`
    Number,
    /// `"integer"`
    Integer,
    /// `"boolean"`
    Boolean,
    /// `"object"`
    Object,
    /// `"array"`
    Array,
    /// `"null"` (only inside `not`)
    Null,
}

/// What `additionalProperties` / `unevaluatedProperties` allow for the other keys: nothing
/// (`false`) or values matching a schema.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Extra {
    /// `false`: no other keys.
    Closed,
    /// Other keys, each value valid against this schema.
    Schema(Box<Schema>),
}

impl Extra {
    /// No other keys, or values of schema `s`.
    pub fn of(s: Option<Schema>) -> Self {
        s.map_or(Extra::Closed, |s| Extra::Schema(Box::new(s)))
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Extra::Closed => serializer.serialize_bool(false),
            Extra::Schema(s) => s.serialize(serializer),
        }
    }
}

/// The value of `x-trackgen-lifecycle`: a lifecycle's state machine.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub(super) struct Machine {
    /// States a sequence may start in.
    pub initial: Vec<String>,
    /// States a sequence may end in.
    pub terminal: Vec<String>,
    /// For every state (in the order of `enum`), the states that may follow it (`[]`: none).
    pub transitions: Keyed<Vec<String>>,
    /// The sequences the spec documents, verbatim.
    pub sequences: Vec<Vec<String>>,
}

/// An ordered map of schemas (`properties`, `$defs`) or other values (`transitions`): insertion
/// order is output order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Keyed<T = Schema>(pub Vec<(String, T)>);

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<T> Keyed<T> {
    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends `key` (callers guarantee keys are unique: wire names of one table, `$defs` keys
    /// checked by `names::check_collisions`).
    pub fn push(&mut self, key: impl Into<String>, value: T) {
        self.0.push((key.into(), value));
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Schema {
    /// `{"type": ty}`.
    pub fn of_type(ty: JsonType) -> Self {
        Schema {
            ty: Some(ty),
            ..Schema::default()
        }
    }

    /// `{"$ref": reference}`.
    pub fn reference(reference: String) -> Self {
        Schema {
            reference: Some(reference),
            ..Schema::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_out_in_field_order_and_unset_ones_are_left_out() {
        let mut props = Keyed::default();
        props.push("b", Schema::of_type(JsonType::Boolean));
        props.push("a", Schema::reference("#/$defs/enum.a".into()));
        let s = Schema {
            title: Some("T".into()),
            ty: Some(JsonType::Object),
            properties: props,
            required: vec!["b".into()],
            all_of: vec![Schema::default()],
            unevaluated_properties: Some(Extra::Closed),
            ..Schema::default()
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r##"{"title":"T","type":"object","properties":{"b":{"type":"boolean"},"a":{"$ref":"#/$defs/enum.a"}},"required":["b"],"allOf":[{}],"unevaluatedProperties":false}"##
        );
        assert_eq!(serde_json::to_string(&Schema::default()).unwrap(), "{}");
    }

    #[test]
    fn other_keys_are_false_or_a_schema() {
        let closed = Schema {
            unevaluated_properties: Some(Extra::of(None)),
            ..Schema::default()
        };
        assert_eq!(
            serde_json::to_string(&closed).unwrap(),
            r#"{"unevaluatedProperties":false}"#
        );
        let map = Schema {
            ty: Some(JsonType::Object),
            additional_properties: Some(Extra::of(Some(Schema::of_type(JsonType::String)))),
            ..Schema::default()
        };
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"type":"object","additionalProperties":{"type":"string"}}"#
        );
    }

    #[test]
    fn the_lifecycle_keyword() {
        let mut transitions = Keyed::default();
        transitions.push("a", vec!["b".to_owned()]);
        transitions.push("b", Vec::new());
        let s = Schema {
            ty: Some(JsonType::String),
            enumeration: Some(vec!["a".into(), "b".into()]),
            lifecycle: Some(Machine {
                initial: vec!["a".into()],
                terminal: vec!["b".into()],
                transitions,
                sequences: vec![vec!["a".into(), "b".into()]],
            }),
            ..Schema::default()
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"type":"string","enum":["a","b"],"x-trackgen-lifecycle":{"initial":["a"],"terminal":["b"],"transitions":{"a":["b"],"b":[]},"sequences":[["a","b"]]}}"#
        );
    }

    #[test]
    fn an_empty_enum_is_kept() {
        let s = Schema {
            enumeration: Some(vec![]),
            ..Schema::default()
        };
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"enum":[]}"#);
    }

    #[test]
    fn type_names() {
        let all = [
            JsonType::String,
            JsonType::Number,
            JsonType::Integer,
            JsonType::Boolean,
            JsonType::Object,
            JsonType::Array,
            JsonType::Null,
        ];
        assert_eq!(
            serde_json::to_string(&all).unwrap(),
            r#"["string","number","integer","boolean","object","array","null"]"#
        );
    }
}
