//! The contract's value rules (src/lang/README.md, "What valid means"), just enough to decide
//! whether a spec's example value may go into a schema's `examples`: JSON Schema says examples
//! SHOULD validate, and specs use placeholders such as `UUID format` that do not. Verdicts only;
//! error kinds and pointers are the parsers' business. Formats, object types and whole
//! properties objects are checked by the reference validator, [`crate::payload`].

use serde_json::Value;

use crate::model::{Event, Model, StringFormat, Type};
use crate::payload;

/// The ECMA-262 pattern that checks `format`: the contract's regular expressions, with `[0-9]`
/// for digits (in Python's `re` and other Unicode-aware engines `\d` also matches digits of other
/// scripts) and the contract's six whitespace characters spelt out (` \t\n\r\f\v`) rather than
/// `\s`, which Python's `re` (what the `jsonschema` package uses) and ECMA-262 both take as
/// Unicode whitespace, each its own way.
pub(super) fn pattern(format: StringFormat) -> &'static str {
    match format {
        StringFormat::Uuid => {
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
        }
        StringFormat::DateTime => {
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
        }
        StringFormat::Date => "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        StringFormat::Email => "^[^@ \\t\\n\\r\\f\\v]+@[^@ \\t\\n\\r\\f\\v]+$",
        StringFormat::Uri => "^[A-Za-z][A-Za-z0-9+.-]*:[^ \\t\\n\\r\\f\\v]*$",
    }
}

/// Checks `v` against `ty`. `Err` says why not, for messages.
pub(super) fn value(model: &Model, ty: &Type, v: &Value) -> Result<(), String> {
    let ok = match (ty, v) {
        (_, Value::Null) => false,
        (Type::String { format: None }, Value::String(_)) => true,
        (Type::String { format: Some(f) }, Value::String(s)) => {
            if payload::format_ok(*f, s) {
                true
            } else {
                return Err(format!("{} is not a {}", v, f.as_str()));
            }
        }
        (Type::Number, Value::Number(_)) => true,
        (Type::Integer { .. }, Value::Number(n)) => payload::is_safe_integer(n),
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Object, Value::Object(_)) => true,
        (Type::Any, _) => true,
        (Type::Array { items }, Value::Array(vs)) => {
            for (i, x) in vs.iter().enumerate() {
                value(model, items, x).map_err(|e| format!("item {i}: {e}"))?;
            }
            true
        }
        (Type::Map { values }, Value::Object(m)) => {
            for (k, x) in m {
                value(model, values, x).map_err(|e| format!("key {}: {e}", Value::from(&**k)))?;
            }
            true
        }
        (Type::Ref { name }, Value::Object(_)) => {
            let Some(o) = model.object(name) else {
                return Ok(());
            };
            match payload::properties_faults(model, &o.properties, o.additional.as_ref(), v)
                .into_iter()
                .next()
            {
                None => true,
                Some(f) => return Err(format!("{} ({})", f.message, f.pointer)),
            }
        }
        (Type::Enum { name }, Value::String(s)) => match model.enum_def(name) {
            Some(e) if e.open || e.values.contains(s) => true,
            None => true,
            Some(_) => return Err(format!("{v} is not one of the values of `{name}`")),
        },
        (Type::Union { variants }, _) => variants.iter().any(|t| value(model, t, v).is_ok()),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{v} is not {}", describe(ty)))
    }
}

/// Checks a bare properties object against an event's table (its `*` row included).
pub(super) fn properties(model: &Model, ev: &Event, v: &Value) -> Result<(), String> {
    match payload::properties_faults(model, &ev.properties, ev.additional.as_ref(), v)
        .into_iter()
        .next()
    {
        None => Ok(()),
        Some(f) if f.pointer.is_empty() => Err(f.message),
        Some(f) => Err(format!("{} ({})", f.message, f.pointer)),
    }
}

/// Checks a whole envelope (an example written as one).
pub(super) fn envelope(model: &Model, v: &Value) -> Result<(), String> {
    match payload::validate_envelope(model, v) {
        Ok(_) => Ok(()),
        Err(f) if f.pointer.is_empty() => Err(f.message),
        Err(f) => Err(format!("{} ({})", f.message, f.pointer)),
    }
}

/// How a type reads in messages (`string (uuid)`, `integer[]`).
pub(super) fn describe(ty: &Type) -> String {
    match ty {
        Type::String { format: None } => "a string".to_owned(),
        Type::String { format: Some(f) } => format!("a string ({})", f.as_str()),
        Type::Number => "a number".to_owned(),
        Type::Integer { .. } => "an integer".to_owned(),
        Type::Boolean => "a boolean".to_owned(),
        Type::Object => "an object".to_owned(),
        Type::Any => "a non-null value".to_owned(),
        Type::Array { items } => format!("an array of {}", plural(items)),
        Type::Map { values } => format!("a map of {}", plural(values)),
        Type::Ref { name } => format!("a `{name}` object"),
        Type::Enum { name } => format!("a value of `{name}`"),
        Type::Union { variants } => variants
            .iter()
            .map(describe)
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn plural(ty: &Type) -> String {
    let one = describe(ty);
    let bare = one
        .strip_prefix("a ")
        .or_else(|| one.strip_prefix("an "))
        .unwrap_or(&one);
    format!("({bare})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patterns_are_the_contracts_with_ascii_digits_and_whitespace() {
        assert_eq!(pattern(StringFormat::Date), "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        assert_eq!(
            pattern(StringFormat::Email),
            r"^[^@ \t\n\r\f\v]+@[^@ \t\n\r\f\v]+$"
        );
        assert_eq!(
            pattern(StringFormat::Uri),
            r"^[A-Za-z][A-Za-z0-9+.-]*:[^ \t\n\r\f\v]*$"
        );
        assert!(pattern(StringFormat::DateTime).contains(r"(\.[0-9]+)?"));
        for f in [
            StringFormat::Uuid,
            StringFormat::DateTime,
            StringFormat::Date,
            StringFormat::Email,
            StringFormat::Uri,
        ] {
            let p = pattern(f);
            assert!(!p.contains(r"\d") && !p.contains(r"\s"), "{p}");
            assert!(p.starts_with('^') && p.ends_with('$'), "{p}");
        }
    }

    fn model() -> Model {
        crate::load_str(
            "x.md",
            "x",
            "# T\n\n## Events\n\n### E `e`\n\n| Property | Data Type | Possible Values | Description |\n\
             |---|---|---|---|\n| k | string (enum) | \"a\", \"b c\" | k |\n| n? | integer | | n |\n\
             | t? | string[] | | t |\n| u? | string / number | | u |\n",
        )
        .unwrap()
        .model
    }

    #[test]
    fn values_follow_the_contract() {
        let m = model();
        let ev = m.event("e").unwrap();
        let ty = |name: &str| {
            ev.properties
                .iter()
                .find(|p| p.name == name)
                .unwrap()
                .ty
                .clone()
        };
        let ok = |t: &Type, v: Value| value(&m, t, &v).is_ok();
        assert!(ok(&ty("k"), json!("b c")));
        assert!(!ok(&ty("k"), json!("B c")));
        assert!(!ok(&ty("k"), json!(1)));
        assert!(ok(&ty("n"), json!(3)));
        assert!(ok(&ty("n"), json!(3.0)));
        assert!(ok(&ty("n"), json!(-3)));
        assert!(ok(&ty("n"), json!(9_007_199_254_740_991_u64)));
        assert!(ok(&ty("n"), json!(-9_007_199_254_740_991_i64)));
        assert!(ok(&ty("n"), json!(9_007_199_254_740_991.0)));
        assert!(!ok(&ty("n"), json!(9_007_199_254_740_992_u64)));
        assert!(!ok(&ty("n"), json!(-9_007_199_254_740_992_i64)));
        assert!(!ok(&ty("n"), json!(18446744073709551615u64)));
        assert!(!ok(&ty("n"), json!(1e19)));
        assert!(!ok(&ty("n"), json!(3.5)));
        assert!(!ok(&ty("n"), json!(true)));
        assert!(!ok(&ty("n"), Value::Null));
        assert!(ok(&ty("t"), json!(["x", "y"])));
        assert!(ok(&ty("t"), json!([])));
        assert!(!ok(&ty("t"), json!(["x", 1])));
        assert!(!ok(&ty("t"), json!("x")));
        assert!(ok(&ty("u"), json!("x")));
        assert!(ok(&ty("u"), json!(1.5)));
        assert!(!ok(&ty("u"), json!(false)));
        assert!(!ok(&ty("u"), Value::Null));
        assert!(ok(&Type::Any, json!([null])));
        assert!(!ok(&Type::Any, Value::Null));
        assert!(ok(&Type::Object, json!({})));
        assert!(!ok(&Type::Object, json!([])));
        assert!(!ok(&Type::Boolean, json!(1)));
        assert!(!ok(&Type::Number, json!(false)));
    }

    #[test]
    fn whole_events() {
        let m = model();
        let ev = m.event("e").unwrap();
        assert!(properties(&m, ev, &json!({"k": "a"})).is_ok());
        assert!(properties(&m, ev, &json!({"k": "a", "n": 2, "t": [], "u": 1})).is_ok());
        let err = |v: Value| properties(&m, ev, &v).unwrap_err();
        assert_eq!(err(json!({})), "required property `k` is missing (/k)");
        assert_eq!(
            err(json!({"k": "a", "x": 1})),
            "`x` is not a property listed in the table (/x)"
        );
        assert_eq!(
            err(json!({"k": "a", "n": null})),
            "n: expected an integer, found null (/n)"
        );
        assert_eq!(
            err(json!({"k": "z"})),
            "k: \"z\" is not one of \"a\", \"b c\" (/k)"
        );
        assert_eq!(err(json!([])), "expected a JSON object");
    }

    #[test]
    fn maps_refs_and_open_enums() {
        let m = crate::load("spec/enghouse-contact.md").unwrap().model;
        let ty = |object: &str, name: &str| {
            m.object(object)
                .unwrap()
                .properties
                .iter()
                .find(|p| p.name == name)
                .unwrap()
                .ty
                .clone()
        };
        let ok = |t: &Type, v: Value| value(&m, t, &v).is_ok();
        let call_data = ty("contact", "callData");
        assert!(ok(&call_data, json!({"a": "", "b/c": "x"})));
        assert!(ok(&call_data, json!({})));
        assert!(!ok(&call_data, json!({"a": 1})));
        assert!(!ok(&call_data, json!(["a"])));
        let event = ty("contact_event", "event");
        assert!(ok(&event, json!("joinContact")), "open enum");
        assert!(!ok(&event, json!(5)));
        let events = ty("contact", "contact_events");
        let cev = json!({"event": "x", "ts": 1, "origin": "o"});
        assert!(ok(&events, json!([cev])));
        assert_eq!(
            value(&m, &events, &json!([{"event": "x", "ts": 1}])).unwrap_err(),
            "item 0: required property `origin` is missing (/origin)"
        );
        let users = ty("contact", "users");
        assert_eq!(
            value(&m, &users, &json!({"u": 1})).unwrap_err(),
            "key \"u\": 1 is not a `user` object"
        );
        assert_eq!(describe(&users), "a map of (`user` object)");
    }

    #[test]
    fn descriptions() {
        let arr = Type::Array {
            items: Box::new(Type::Integer { unit: None }),
        };
        assert_eq!(describe(&arr), "an array of (integer)");
        let uuid = Type::String {
            format: Some(StringFormat::Uuid),
        };
        assert_eq!(describe(&uuid), "a string (uuid)");
        assert_eq!(
            value(&model(), &uuid, &json!("UUID format")).unwrap_err(),
            "\"UUID format\" is not a uuid"
        );
    }
}
