//! The type grammar of the `Data Type` column (case-insensitive):
//!
//! ```text
//! type    := union
//! union   := array ( "/" array )*                 string / number
//! array   := base "[]"* | "array of" type | "array<" type ">"
//!          | "map of" type | "hash of" type | "map<" type ">"      an object keyed by any string
//! base    := "string" [ "(" format ")" ]           uuid enum "open enum" date-time date email url uri
//!          | "integer" [ "(" unit ")" ]            timestamp milliseconds ms seconds
//!          | "number" | "boolean" | "object" | "array" | "any" | "json"
//!          | NAME                                  a named object type (`User`, `Contact Event`)
//! ```
//!
//! A NAME is any other word sequence of letters, digits, spaces, `_` and `-`; the model resolves it
//! against the spec's object types and reports an unknown one as an unknown type.
//!
//! The result is a [`TypeExpr`]; `string (enum)` becomes [`TypeExpr::Enum`], whose values come from
//! the `Possible Values` column and whose name is decided by the model.

use crate::model::{StringFormat, Unit};

/// A parsed type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// `string`, `string (uuid)`...
    String(Option<StringFormat>),
    /// `string (enum)`: a closed set of values.
    Enum,
    /// `string (open enum)`: known values, other strings accepted.
    OpenEnum,
    /// `number`.
    Number,
    /// `integer`, `integer (timestamp)`...
    Integer(Option<Unit>),
    /// `boolean`.
    Boolean,
    /// `object`: any JSON object.
    Object,
    /// `any` / `json`: any JSON value.
    Any,
    /// `T[]`, `array of T`, `array` (of any).
    Array(Box<TypeExpr>),
    /// `map of T`: an object whose values are `T`, keyed by any string.
    Map(Box<TypeExpr>),
    /// A named object type, resolved by the model.
    Named(String),
    /// `A / B`.
    Union(Vec<TypeExpr>),
}

/// Parses a type cell. The error says what was not understood.
pub fn parse(cell: &str) -> Result<TypeExpr, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Err("empty type".to_owned());
    }
    let parts = split_top(t, '/');
    if parts.len() > 1 {
        let mut variants = Vec::new();
        for p in parts {
            let v = parse_array(p.trim())?;
            if !variants.contains(&v) {
                variants.push(v);
            }
        }
        return Ok(if variants.len() == 1 {
            variants.remove(0)
        } else {
            TypeExpr::Union(variants)
        });
    }
    parse_array(t)
}

fn parse_array(t: &str) -> Result<TypeExpr, String> {
    // Prefix forms first, so `map of string[]` is a map of arrays and `array of T[]` an array of
    // arrays: the prefix takes the whole rest as its element type.
    let lower = t.to_lowercase();
    for (prefix, map) in [("array of ", false), ("map of ", true), ("hash of ", true)] {
        if let Some(inner) = lower.strip_prefix(prefix) {
            let inner = t.get(t.len() - inner.len()..).unwrap_or(inner);
            let inner = Box::new(parse(inner)?);
            return Ok(if map {
                TypeExpr::Map(inner)
            } else {
                TypeExpr::Array(inner)
            });
        }
    }
    if let Some(inner) = t.strip_suffix("[]") {
        return Ok(TypeExpr::Array(Box::new(parse_array(inner.trim_end())?)));
    }
    if lower.starts_with("array<") && lower.ends_with('>') {
        let inner = t.get(6..t.len() - 1).unwrap_or("");
        return Ok(TypeExpr::Array(Box::new(parse(inner)?)));
    }
    if lower.starts_with("map<") && lower.ends_with('>') {
        let inner = t.get(4..t.len() - 1).unwrap_or("");
        return Ok(TypeExpr::Map(Box::new(parse(inner)?)));
    }
    parse_base(t)
}

fn parse_base(t: &str) -> Result<TypeExpr, String> {
    let (name, qualifier) = match t.find('(') {
        Some(open) => {
            let Some(inner) = t.get(open + 1..).and_then(|r| r.strip_suffix(')')) else {
                return Err(format!("unbalanced parenthesis in type `{t}`"));
            };
            (t.get(..open).unwrap_or("").trim(), Some(inner.trim()))
        }
        None => (t, None),
    };
    let name = name.to_lowercase();
    let qual = qualifier.map(str::to_lowercase);
    let q = qual.as_deref();
    let ty = match (name.as_str(), q) {
        ("string" | "str" | "text", None) => TypeExpr::String(None),
        ("string", Some("uuid")) => TypeExpr::String(Some(StringFormat::Uuid)),
        ("string", Some("enum")) => TypeExpr::Enum,
        ("string", Some("open enum" | "open-enum" | "enum, open")) => TypeExpr::OpenEnum,
        ("string", Some("date-time" | "datetime" | "date time")) => {
            TypeExpr::String(Some(StringFormat::DateTime))
        }
        ("string", Some("date")) => TypeExpr::String(Some(StringFormat::Date)),
        ("string", Some("email" | "e-mail")) => TypeExpr::String(Some(StringFormat::Email)),
        ("string", Some("url" | "uri")) => TypeExpr::String(Some(StringFormat::Uri)),
        ("uuid", None) => TypeExpr::String(Some(StringFormat::Uuid)),
        ("enum", None) => TypeExpr::Enum,
        ("number" | "float" | "double", None) => TypeExpr::Number,
        ("integer" | "int", None) => TypeExpr::Integer(None),
        ("integer" | "int", Some("timestamp")) => TypeExpr::Integer(Some(Unit::Timestamp)),
        ("integer" | "int", Some("milliseconds" | "ms")) => {
            TypeExpr::Integer(Some(Unit::Milliseconds))
        }
        ("integer" | "int", Some("seconds" | "s")) => TypeExpr::Integer(Some(Unit::Seconds)),
        ("boolean" | "bool", None) => TypeExpr::Boolean,
        ("object" | "map", None) => TypeExpr::Object,
        ("array" | "list", None) => TypeExpr::Array(Box::new(TypeExpr::Any)),
        ("any" | "json", None) => TypeExpr::Any,
        (n, Some(q)) if is_known(n) => {
            return Err(format!("unknown qualifier `{q}` for type `{n}`"));
        }
        (_, None) if is_name(t) => TypeExpr::Named(t.trim().to_owned()),
        _ => return Err(format!("unknown type `{t}`")),
    };
    Ok(ty)
}

fn is_known(n: &str) -> bool {
    matches!(
        n,
        "string" | "number" | "integer" | "int" | "boolean" | "bool" | "object" | "array"
    )
}

/// A possible object type name: ASCII letters first, then letters, digits, spaces, `_`, `-`.
fn is_name(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(|c: char| c.is_ascii_alphabetic())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-'))
}

/// Splits on `sep` outside parentheses and angle brackets.
fn split_top(t: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in t.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth -= 1,
            c if c == sep && depth == 0 => {
                out.push(t.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(t.get(start..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeExpr as T;

    #[test]
    fn grammar() {
        assert_eq!(parse("string"), Ok(T::String(None)));
        assert_eq!(parse("STRING"), Ok(T::String(None)));
        assert_eq!(
            parse("string (UUID)"),
            Ok(T::String(Some(StringFormat::Uuid)))
        );
        assert_eq!(parse("string(enum)"), Ok(T::Enum));
        assert_eq!(
            parse("string (date-time)"),
            Ok(T::String(Some(StringFormat::DateTime)))
        );
        assert_eq!(
            parse("string (date)"),
            Ok(T::String(Some(StringFormat::Date)))
        );
        assert_eq!(
            parse("string (email)"),
            Ok(T::String(Some(StringFormat::Email)))
        );
        assert_eq!(
            parse("string (URL)"),
            Ok(T::String(Some(StringFormat::Uri)))
        );
        assert_eq!(parse("number"), Ok(T::Number));
        assert_eq!(parse("integer"), Ok(T::Integer(None)));
        assert_eq!(
            parse("integer (timestamp)"),
            Ok(T::Integer(Some(Unit::Timestamp)))
        );
        assert_eq!(
            parse("integer (milliseconds)"),
            Ok(T::Integer(Some(Unit::Milliseconds)))
        );
        assert_eq!(parse("boolean"), Ok(T::Boolean));
        assert_eq!(parse("object"), Ok(T::Object));
        assert_eq!(parse("string[]"), Ok(T::Array(Box::new(T::String(None)))));
        assert_eq!(parse("object[]"), Ok(T::Array(Box::new(T::Object))));
        assert_eq!(
            parse("array of integer"),
            Ok(T::Array(Box::new(T::Integer(None))))
        );
        assert_eq!(parse("array"), Ok(T::Array(Box::new(T::Any))));
        assert_eq!(
            parse("STRING / NUMBER"),
            Ok(T::Union(vec![T::String(None), T::Number]))
        );
        assert_eq!(
            parse("array/boolean"),
            Ok(T::Union(vec![T::Array(Box::new(T::Any)), T::Boolean]))
        );
    }

    #[test]
    fn names_maps_and_open_enums() {
        assert_eq!(parse("User"), Ok(T::Named("User".into())));
        assert_eq!(
            parse("Contact Event[]"),
            Ok(T::Array(Box::new(T::Named("Contact Event".into()))))
        );
        assert_eq!(
            parse("map of User"),
            Ok(T::Map(Box::new(T::Named("User".into()))))
        );
        assert_eq!(parse("hash of object"), Ok(T::Map(Box::new(T::Object))));
        assert_eq!(parse("map<string>"), Ok(T::Map(Box::new(T::String(None)))));
        assert_eq!(parse("string (open enum)"), Ok(T::OpenEnum));
        assert_eq!(
            parse("map of string[]"),
            Ok(T::Map(Box::new(T::Array(Box::new(T::String(None))))))
        );
        assert_eq!(
            parse("map of User[]"),
            Ok(T::Map(Box::new(T::Array(Box::new(T::Named(
                "User".into()
            ))))))
        );
    }

    #[test]
    fn unknown_types_are_errors() {
        assert!(parse("str!ng").is_err());
        assert!(parse("string (uuid").is_err());
        assert!(parse("string (colour)").is_err());
        assert!(parse("").is_err());
        assert!(parse("Туре").is_err());
    }
}
