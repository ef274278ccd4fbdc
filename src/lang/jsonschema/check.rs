//! The contract's value rules (src/lang/README.md, "What valid means"), just enough to decide
//! whether a spec's example value may go into a schema's `examples`: JSON Schema says examples
//! SHOULD validate, and specs use placeholders such as `UUID format` that do not. Verdicts only;
//! error kinds and pointers are the parsers' business.

use serde_json::Value;

use crate::model::{Event, Model, StringFormat, Type};

/// The ECMA-262 pattern that checks `format` (the contract's regular expressions, with `\d`
/// written `[0-9]`: in Python's `re` and other Unicode-aware engines `\d` also matches digits of
/// other scripts, which the contract does not mean).
pub(super) fn pattern(format: StringFormat) -> &'static str {
    match format {
        StringFormat::Uuid => {
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
        }
        StringFormat::DateTime => {
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
        }
        StringFormat::Date => "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        StringFormat::Email => "^[^@\\s]+@[^@\\s]+$",
        StringFormat::Uri => "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$",
    }
}

/// Whether `s` matches [`pattern`]`(format)`, written out by hand (no regex engine in the
/// generator). `\s` is taken as Unicode White_Space.
pub(super) fn format_ok(format: StringFormat, s: &str) -> bool {
    match format {
        StringFormat::Uuid => uuid(s),
        StringFormat::Date => date(s),
        StringFormat::DateTime => date_time(s),
        StringFormat::Email => email(s),
        StringFormat::Uri => uri(s),
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2))
}

fn date_time(s: &str) -> bool {
    let Some(t) = s.find(['T', 't']) else {
        return false;
    };
    let (day, rest) = s.split_at(t);
    let time = rest.get(1..).unwrap_or_default();
    if !date(day) {
        return false;
    }
    // hh:mm:ss, then optional .fraction, then Z / z / ±hh:mm.
    let Some(hms) = time.get(..8) else {
        return false;
    };
    let hms_ok = matches!(hms.split(':').collect::<Vec<_>>().as_slice(),
        [h, m, s] if digits(h, 2) && digits(m, 2) && digits(s, 2));
    let mut rest = time.get(8..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or_default();
    }
    let zone_ok = match rest {
        "Z" | "z" => true,
        _ => match rest.strip_prefix(['+', '-']) {
            Some(hm) => matches!(hm.split(':').collect::<Vec<_>>().as_slice(),
                [h, m] if digits(h, 2) && digits(m, 2)),
            None => false,
        },
    };
    hms_ok && zone_ok
}

fn email(s: &str) -> bool {
    let ok = |part: &str| !part.is_empty() && !part.chars().any(char::is_whitespace);
    matches!(s.split('@').collect::<Vec<_>>().as_slice(), [local, domain] if ok(local) && ok(domain))
}

fn uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        && !rest.chars().any(char::is_whitespace)
}

/// Checks `v` against `ty`. `Err` says why not, for messages.
pub(super) fn value(model: &Model, ty: &Type, v: &Value) -> Result<(), String> {
    let ok = match (ty, v) {
        (_, Value::Null) => false,
        (Type::String { format: None }, Value::String(_)) => true,
        (Type::String { format: Some(f) }, Value::String(s)) => {
            if format_ok(*f, s) {
                true
            } else {
                return Err(format!("{} is not a {}", v, f.as_str()));
            }
        }
        (Type::Number, Value::Number(_)) => true,
        (Type::Integer { .. }, Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Object, Value::Object(_)) => true,
        (Type::Any, _) => true,
        (Type::Array { items }, Value::Array(vs)) => {
            for (i, x) in vs.iter().enumerate() {
                value(model, items, x).map_err(|e| format!("item {i}: {e}"))?;
            }
            true
        }
        (Type::Enum { name }, Value::String(s)) => {
            if model.enum_def(name).is_some_and(|e| e.values.contains(s)) {
                true
            } else {
                return Err(format!("{v} is not one of the values of `{name}`"));
            }
        }
        (Type::Union { variants }, _) => variants.iter().any(|t| value(model, t, v).is_ok()),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{v} is not {}", describe(ty)))
    }
}

/// Checks a bare properties object against an event's table.
pub(super) fn properties(model: &Model, ev: &Event, v: &Value) -> Result<(), String> {
    let Value::Object(map) = v else {
        return Err("not a JSON object".to_owned());
    };
    for p in &ev.properties {
        match map.get(&p.name) {
            None if p.optional => {}
            None => return Err(format!("`{}` is missing", p.name)),
            Some(x) => value(model, &p.ty, x).map_err(|e| format!("`{}`: {e}", p.name))?,
        }
    }
    if let Some(k) = map
        .keys()
        .find(|k| !ev.properties.iter().any(|p| &p.name == *k))
    {
        return Err(format!("`{k}` is not a property of the event"));
    }
    Ok(())
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
        Type::Enum { name } => format!("a value of `{name}`"),
        Type::Map { values } => format!("an object of {}", plural(values)),
        Type::Ref { name } => format!("a `{name}` object"),
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

    const UUID: &str = "123e4567-e89b-12d3-a456-426614174000";

    #[test]
    fn formats_follow_the_contract() {
        use StringFormat::*;
        let yes: &[(StringFormat, &str)] = &[
            (Uuid, UUID),
            (Uuid, "123E4567-E89B-12D3-A456-426614174000"),
            (Date, "2024-05-01"),
            (DateTime, "2024-05-01T12:00:00Z"),
            (DateTime, "2024-05-01t12:00:00z"),
            (DateTime, "2024-05-01T12:00:00.123456+02:00"),
            (DateTime, "2024-05-01T12:00:00-00:30"),
            (Email, "a@example.com"),
            (Email, "a.b+c@d"),
            (Uri, "https://example.com/x?y#z"),
            (Uri, "urn:isbn:0451450523"),
            (Uri, "a+b.c-d:"),
        ];
        for (f, s) in yes {
            assert!(format_ok(*f, s), "{f:?} {s:?}");
        }
        let no: &[(StringFormat, &str)] = &[
            (Uuid, "123e4567e89b12d3a456426614174000"),
            (Uuid, "{123e4567-e89b-12d3-a456-426614174000}"),
            (Uuid, "123e4567-e89b-12d3-a456-42661417400g"),
            (Uuid, "UUID format"),
            (Uuid, "123e4567-e89b-12d3-a456-426614174000\n"),
            (Uuid, ""),
            (Date, "2024-5-01"),
            (Date, "2024-05-01\n"),
            (Date, "٢٠٢٤-05-01"),
            (DateTime, "2024-05-01 12:00:00Z"),
            (DateTime, "2024-05-01T12:00:00"),
            (DateTime, "2024-05-01T12:00:00.Z"),
            (DateTime, "2024-05-01T12:00Z"),
            (DateTime, "2024-05-01T12:00:00+0200"),
            (DateTime, "2024-05-01T12:00:00Zx"),
            (DateTime, "2024-05-01T12:00:00Z\n"),
            (DateTime, "T"),
            (Email, "a@b@c"),
            (Email, "@b"),
            (Email, "a@"),
            (Email, "a b@c"),
            (Email, "a@c\n"),
            (Uri, "example.com"),
            (Uri, "1http://x"),
            (Uri, ":x"),
            (Uri, "ht_tp://x"),
            (Uri, "http://a b"),
        ];
        for (f, s) in no {
            assert!(!format_ok(*f, s), "{f:?} {s:?}");
        }
    }

    #[test]
    fn patterns_are_the_contracts_with_ascii_digits() {
        assert_eq!(pattern(StringFormat::Date), "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        assert_eq!(pattern(StringFormat::Email), r"^[^@\s]+@[^@\s]+$");
        assert_eq!(
            pattern(StringFormat::Uri),
            r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$"
        );
        assert!(pattern(StringFormat::DateTime).contains(r"(\.[0-9]+)?"));
        assert!(!pattern(StringFormat::DateTime).contains(r"\d"));
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
        assert!(ok(&ty("n"), json!(18446744073709551615u64)));
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
        assert_eq!(err(json!({})), "`k` is missing");
        assert_eq!(
            err(json!({"k": "a", "x": 1})),
            "`x` is not a property of the event"
        );
        assert_eq!(
            err(json!({"k": "a", "n": null})),
            "`n`: null is not an integer"
        );
        assert_eq!(
            err(json!({"k": "z"})),
            "`k`: \"z\" is not one of the values of `k`"
        );
        assert_eq!(err(json!([])), "not a JSON object");
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
