//! One definition of "valid": checks a JSON envelope or properties object against the [`Model`],
//! following the contract in `src/lang/README.md` that every generated parser and the JSON Schema
//! implement too. `trackgen validate` and the lint of examples use it.
//!
//! [`validate_envelope`] stops at the first fault, in the contract's order, so its verdict, kind and
//! pointer can be compared with the generated parsers'; [`properties_faults`] collects every fault
//! of a properties object (for the lint, which wants them all).

use serde_json::Value;

use crate::model::{Model, Property, StringFormat, Type};

mod lite;
mod stream;

use lite::{Json, Kind};

pub use stream::Validator;

/// What is wrong with a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// The envelope is not a JSON object.
    NotAnObject,
    /// A required key is absent.
    MissingProperty,
    /// A key the table does not list.
    UnknownProperty,
    /// A value of the wrong JSON type (including `null`).
    WrongType,
    /// `event` names no known event.
    UnknownEvent,
    /// A string outside a closed enum.
    NotInEnum,
    /// A string that does not match its format (UUID, date-time...).
    InvalidFormat,
}

impl FaultKind {
    /// The contract's snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::NotAnObject => "not_an_object",
            FaultKind::MissingProperty => "missing_property",
            FaultKind::UnknownProperty => "unknown_property",
            FaultKind::WrongType => "wrong_type",
            FaultKind::UnknownEvent => "unknown_event",
            FaultKind::NotInEnum => "not_in_enum",
            FaultKind::InvalidFormat => "invalid_format",
        }
    }
}

/// One fault: kind, RFC 6901 pointer and a message naming what was expected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fault {
    /// What is wrong.
    pub kind: FaultKind,
    /// Where, as a JSON pointer into the checked value.
    pub pointer: String,
    /// A human explanation.
    pub message: String,
}

fn fault(kind: FaultKind, pointer: &str, message: impl Into<String>) -> Fault {
    Fault {
        kind,
        pointer: pointer.to_owned(),
        message: message.into(),
    }
}

/// The largest magnitude of an integer the contract accepts: 2^53 − 1, the integers every JSON
/// reader holds exactly (RFC 7493, I-JSON, section 2.2; JavaScript's `Number.MAX_SAFE_INTEGER`).
/// `9007199254740993` reads as `9007199254740992` in JavaScript, so no integer beyond it can be
/// judged the same way by every language; trackgen refuses them all as `wrong_type`.
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// What an integer of the contract is, in messages.
pub const SAFE_INTEGER: &str = "an integer from -9007199254740991 to 9007199254740991";

/// Whether `n` is an integer of the contract: no fractional part (`3.0` and `1e2` count) and at
/// most [`MAX_SAFE_INTEGER`] in magnitude.
pub fn is_safe_integer(n: &serde_json::Number) -> bool {
    if let Some(u) = n.as_u64() {
        u <= MAX_SAFE_INTEGER
    } else if let Some(i) = n.as_i64() {
        i.unsigned_abs() <= MAX_SAFE_INTEGER
    } else {
        n.as_f64().is_some_and(is_safe_f64)
    }
}

/// [`is_safe_integer`] for a number read as `f64` (exact: 2^53 − 1 is a `f64`).
pub(crate) fn is_safe_f64(f: f64) -> bool {
    const MAX: f64 = 9_007_199_254_740_991.0;
    f.fract() == 0.0 && (-MAX..=MAX).contains(&f)
}

/// Appends a key to a JSON pointer, escaping `~` and `/`.
pub fn push_pointer(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Checks an envelope; `Ok` carries the index of the event in `model.events`.
pub fn validate_envelope(model: &Model, v: &Value) -> Result<usize, Fault> {
    envelope_fault(model, v)
}

/// [`validate_envelope`] on any JSON tree.
fn envelope_fault<V: Json>(model: &Model, v: &V) -> Result<usize, Fault> {
    let Some(env) = v.as_object() else {
        return Err(fault(
            FaultKind::NotAnObject,
            "",
            "the envelope must be a JSON object",
        ));
    };
    for key in ["event", "properties"] {
        if V::get(env, key).is_none() {
            return Err(fault(
                FaultKind::MissingProperty,
                &push_pointer("", key),
                format!("the envelope has no `{key}`"),
            ));
        }
    }
    let mut faults = Vec::new();
    check_object::<V>(
        model,
        &model.envelope,
        None,
        env,
        "",
        &["event", "properties"],
        &mut faults,
        true,
    );
    if let Some(f) = faults.into_iter().next() {
        return Err(f);
    }
    let Some(name) = V::get(env, "event").and_then(V::as_str) else {
        return Err(fault(
            FaultKind::WrongType,
            "/event",
            "`event` must be a string",
        ));
    };
    let Some(index) = model.events.iter().position(|e| e.name == name) else {
        return Err(fault(
            FaultKind::UnknownEvent,
            "/event",
            format!("unknown event {}", quote(name)),
        ));
    };
    let Some(props) = V::get(env, "properties").and_then(V::as_object) else {
        return Err(fault(
            FaultKind::WrongType,
            "/properties",
            "`properties` must be a JSON object",
        ));
    };
    let mut faults = Vec::new();
    if let Some(event) = model.events.get(index) {
        check_object::<V>(
            model,
            &event.properties,
            event.additional.as_ref(),
            props,
            "/properties",
            &[],
            &mut faults,
            true,
        );
    }
    match faults.into_iter().next() {
        Some(f) => Err(f),
        None => Ok(index),
    }
}

/// Why a line of NDJSON is not a valid envelope: the fault, and the line's `event` when it has a
/// string one (`trackgen validate` prints it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFault {
    /// The envelope's `event`, when it is a JSON object with a string `event`.
    pub event: Option<String>,
    /// The first fault.
    pub fault: Fault,
}

/// Checks one line of NDJSON (without its line break) as `trackgen validate` does: not JSON is a
/// `not_an_object` fault whose message starts with `not JSON: `; otherwise [`validate_envelope`].
/// `Ok` carries the index of the event in `model.events`.
pub fn check_line(model: &Model, line: &[u8]) -> Result<usize, LineFault> {
    // A borrowed tree, not a `Value`: a third of the cost, the same reading (`lite.rs`).
    match lite::parse(line) {
        Ok(v) => envelope_fault(model, &v).map_err(|fault| LineFault {
            event: v
                .as_object()
                .and_then(|o| lite::Lite::get(o, "event"))
                .and_then(lite::Lite::as_str)
                .map(str::to_owned),
            fault,
        }),
        Err(e) => Err(LineFault {
            event: None,
            fault: fault(FaultKind::NotAnObject, "", format!("not JSON: {e}")),
        }),
    }
}

/// Every fault of a properties object checked against `props` (pointers relative to it).
pub fn properties_faults(
    model: &Model,
    props: &[Property],
    additional: Option<&Type>,
    v: &Value,
) -> Vec<Fault> {
    let mut faults = Vec::new();
    match v {
        Value::Object(m) => {
            check_object::<Value>(model, props, additional, m, "", &[], &mut faults, false)
        }
        _ => faults.push(fault(FaultKind::NotAnObject, "", "expected a JSON object")),
    }
    faults
}

/// A JSON pointer, built only when a fault needs it (most values are valid, and formatting a
/// pointer for each of them was most of the cost of checking a payload).
#[derive(Clone, Copy)]
enum Ptr<'a> {
    /// A finished pointer (`""`, `/properties`).
    Base(&'a str),
    /// `parent/key`, the key escaped.
    Key(&'a Ptr<'a>, &'a str),
    /// `parent/index`.
    Index(&'a Ptr<'a>, usize),
}

impl Ptr<'_> {
    fn render(&self) -> String {
        match self {
            Ptr::Base(s) => (*s).to_owned(),
            Ptr::Key(parent, key) => push_pointer(&parent.render(), key),
            Ptr::Index(parent, i) => format!("{}/{i}", parent.render()),
        }
    }
}

/// Checks `obj` against `props`: required/null/type in table order, then unknown keys in document
/// order (`also_allowed` keys are neither checked nor unknown; with `additional`, other keys are
/// checked against that type instead of being unknown). With `first_only`, stops at the first
/// fault.
#[allow(clippy::too_many_arguments)]
fn check_object<V: Json>(
    model: &Model,
    props: &[Property],
    additional: Option<&Type>,
    obj: &V::Obj,
    at: &str,
    also_allowed: &[&str],
    faults: &mut Vec<Fault>,
    first_only: bool,
) {
    check_object_at::<V>(
        model,
        props,
        additional,
        obj,
        &Ptr::Base(at),
        also_allowed,
        faults,
        first_only,
    );
}

#[allow(clippy::too_many_arguments)]
fn check_object_at<V: Json>(
    model: &Model,
    props: &[Property],
    additional: Option<&Type>,
    obj: &V::Obj,
    at: &Ptr<'_>,
    also_allowed: &[&str],
    faults: &mut Vec<Fault>,
    first_only: bool,
) {
    for p in props {
        let here = Ptr::Key(at, &p.name);
        match V::get(obj, &p.name) {
            None if !p.optional => faults.push(fault(
                FaultKind::MissingProperty,
                &here.render(),
                format!("required property `{}` is missing", p.name),
            )),
            None => {}
            Some(v) => check_value_at(model, &p.ty, v, &here, &p.name, faults, first_only),
        }
        if first_only && !faults.is_empty() {
            return;
        }
    }
    // Keys usually come in table order: try the row after the last one found first.
    let mut hint = 0;
    for (key, value) in V::entries(obj) {
        if also_allowed.contains(&key) {
            continue;
        }
        let known = match props.get(hint) {
            Some(p) if p.name == key => Some(hint),
            _ => props.iter().position(|p| p.name == key),
        };
        if let Some(i) = known {
            hint = i + 1;
            continue;
        }
        if let Some(t) = additional {
            check_value_at(model, t, value, &Ptr::Key(at, key), key, faults, first_only);
            if first_only && !faults.is_empty() {
                return;
            }
        } else {
            faults.push(fault(
                FaultKind::UnknownProperty,
                &Ptr::Key(at, key).render(),
                format!("`{key}` is not a property listed in the table"),
            ));
            if first_only {
                return;
            }
        }
    }
}

fn check_value<V: Json>(
    model: &Model,
    ty: &Type,
    v: &V,
    at: &str,
    name: &str,
    faults: &mut Vec<Fault>,
    first_only: bool,
) {
    check_value_at(model, ty, v, &Ptr::Base(at), name, faults, first_only);
}

fn check_value_at<V: Json>(
    model: &Model,
    ty: &Type,
    v: &V,
    at: &Ptr<'_>,
    name: &str,
    faults: &mut Vec<Fault>,
    first_only: bool,
) {
    let wrong = |expected: &str| {
        fault(
            FaultKind::WrongType,
            &at.render(),
            format!("{name}: expected {expected}, found {}", describe(v)),
        )
    };
    match ty {
        Type::String { format } => match v.as_str() {
            Some(s) => {
                if let Some(f) = format
                    && !format_ok(*f, s)
                {
                    faults.push(fault(
                        FaultKind::InvalidFormat,
                        &at.render(),
                        format!("{name}: {} is not a valid {}", quote(s), f.as_str()),
                    ));
                }
            }
            None => faults.push(wrong("a string")),
        },
        Type::Number => {
            if v.kind() != Kind::Number {
                faults.push(wrong("a number"));
            }
        }
        Type::Integer { .. } => {
            if !v.is_integral() {
                faults.push(wrong(if v.kind() == Kind::Number {
                    SAFE_INTEGER
                } else {
                    "an integer"
                }));
            }
        }
        Type::Boolean => {
            if v.kind() != Kind::Bool {
                faults.push(wrong("a boolean"));
            }
        }
        Type::Object => {
            if v.kind() != Kind::Object {
                faults.push(wrong("an object"));
            }
        }
        Type::Any => {
            if v.kind() == Kind::Null {
                faults.push(wrong("a value"));
            }
        }
        Type::Array { items } => match v.as_array() {
            Some(a) => {
                for (i, item) in a.iter().enumerate() {
                    check_value_at(
                        model,
                        items,
                        item,
                        &Ptr::Index(at, i),
                        name,
                        faults,
                        first_only,
                    );
                    if first_only && !faults.is_empty() {
                        return;
                    }
                }
            }
            None => faults.push(wrong("an array")),
        },
        Type::Map { values } => match v.as_object() {
            Some(m) => {
                for (k, item) in V::entries(m) {
                    check_value_at(
                        model,
                        values,
                        item,
                        &Ptr::Key(at, k),
                        name,
                        faults,
                        first_only,
                    );
                    if first_only && !faults.is_empty() {
                        return;
                    }
                }
            }
            None => faults.push(wrong("an object")),
        },
        Type::Ref { name: object } => match (v.as_object(), model.object(object)) {
            (Some(m), Some(o)) => {
                check_object_at::<V>(
                    model,
                    &o.properties,
                    o.additional.as_ref(),
                    m,
                    at,
                    &[],
                    faults,
                    first_only,
                );
            }
            (Some(_), None) => {}
            (None, _) => faults.push(wrong(&format!("a {object} object"))),
        },
        Type::Enum { name: e } => match (v.as_str(), model.enum_def(e)) {
            (Some(s), Some(def)) => {
                if !def.open && !def.values.iter().any(|x| x == s) {
                    let list: Vec<String> = def.values.iter().map(|x| quote(x)).collect();
                    faults.push(fault(
                        FaultKind::NotInEnum,
                        &at.render(),
                        format!("{name}: {} is not one of {}", quote(s), list.join(", ")),
                    ));
                }
            }
            (Some(_), None) => {}
            (None, _) => faults.push(wrong("a string")),
        },
        Type::Union { variants } => {
            let ok = variants.iter().any(|t| {
                let mut f = Vec::new();
                check_value_at(model, t, v, at, name, &mut f, true);
                f.is_empty()
            });
            if !ok {
                faults.push(wrong("one of the union's types"));
            }
        }
    }
}

/// `s` as a JSON string literal (as `Value::String(s).to_string()` prints it).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn describe<V: Json>(v: &V) -> &'static str {
    match v.kind() {
        Kind::Null => "null",
        Kind::Bool => "a boolean",
        Kind::Number => "a number",
        Kind::String => "a string",
        Kind::Array => "an array",
        Kind::Object => "an object",
    }
}

/// The contract's whitespace: the six ASCII characters space, tab, LF, CR, FF, VT.
fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\x0b')
}

/// Whether `s` matches the contract's pattern for `f`.
pub fn format_ok(f: StringFormat, s: &str) -> bool {
    match f {
        StringFormat::Uuid | StringFormat::Date | StringFormat::DateTime => {
            format_ok_bytes(f, s.as_bytes())
        }
        StringFormat::Email | StringFormat::Uri => format_ok_str(f, s),
    }
}

/// [`format_ok`] of a string given as its UTF-8 bytes (for the fast path, which has them).
pub(crate) fn format_ok_bytes(f: StringFormat, b: &[u8]) -> bool {
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    match f {
        StringFormat::Uuid => {
            // Without a branch per character: random hex digits made `is_ascii_hexdigit`'s
            // digit-or-letter branch mispredict, and UUIDs are most of a payload's strings
            // (`benches/README.md`).
            b.len() == 36
                && b.iter().enumerate().fold(true, |ok, (i, &c)| {
                    ok & if matches!(i, 8 | 13 | 18 | 23) {
                        c == b'-'
                    } else {
                        (c.wrapping_sub(b'0') < 10) | ((c | 0x20).wrapping_sub(b'a') < 6)
                    }
                })
        }
        StringFormat::Date => {
            b.len() == 10
                && digits(0..4)
                && at(4, b'-')
                && digits(5..7)
                && at(7, b'-')
                && digits(8..10)
        }
        StringFormat::DateTime => {
            // ^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$
            if !(b.len() >= 20
                && b.get(..10)
                    .is_some_and(|d| format_ok_bytes(StringFormat::Date, d))
                && matches!(b.get(10), Some(b'T' | b't'))
                && digits(11..13)
                && at(13, b':')
                && digits(14..16)
                && at(16, b':')
                && digits(17..19))
            {
                return false;
            }
            let mut i = 19;
            if at(i, b'.') {
                let start = i + 1;
                i = start;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == start {
                    return false;
                }
            }
            match b.get(i) {
                Some(b'Z' | b'z') => i + 1 == b.len(),
                Some(b'+' | b'-') => {
                    i + 6 == b.len()
                        && digits(i + 1..i + 3)
                        && at(i + 3, b':')
                        && digits(i + 4..i + 6)
                }
                _ => false,
            }
        }
        StringFormat::Email | StringFormat::Uri => {
            std::str::from_utf8(b).is_ok_and(|s| format_ok_str(f, s))
        }
    }
}

/// [`format_ok`] of the formats defined on characters.
fn format_ok_str(f: StringFormat, s: &str) -> bool {
    match f {
        StringFormat::Uuid | StringFormat::Date | StringFormat::DateTime => {
            format_ok_bytes(f, s.as_bytes())
        }
        StringFormat::Email => {
            // ^[^@\s]+@[^@\s]+$
            let mut parts = s.split('@');
            let ok = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && !p.chars().any(is_ws));
            ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
        }
        StringFormat::Uri => {
            // ^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$
            let Some((scheme, rest)) = s.split_once(':') else {
                return false;
            };
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
                && !rest.chars().any(is_ws)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_end_at_two_to_the_53_minus_one_however_written() {
        let safe = |text: &str| match serde_json::from_str::<Value>(text).unwrap() {
            Value::Number(n) => is_safe_integer(&n),
            other => panic!("{other} is not a number"),
        };
        for text in [
            "0",
            "-0",
            "3.0",
            "1e2",
            "9007199254740991",
            "-9007199254740991",
            "9007199254740991.0",
            "9.007199254740991e15",
        ] {
            assert!(safe(text), "{text}");
        }
        for text in [
            "3.5",
            "9007199254740992",
            "-9007199254740992",
            "9007199254740992.0",
            "9223372036854775807",
            "18446744073709551615",
            "18446744073709551616",
            "1e16",
            "-1e300",
        ] {
            assert!(!safe(text), "{text}");
        }
        // The byte-level fast path of `trackgen validate` gives up on 16 digits or more; the
        // reference path then decides, the same way.
        let model = crate::load_str(
            "t.md",
            "t",
            "# T\n\n## Events\n\n### E `e`\n\n| Property | Data Type | Description |\n\
             |---|---|---|\n| n | integer | N |\n",
        )
        .unwrap()
        .model;
        for (n, ok) in [
            ("900719925474099", true),
            ("9007199254740991", true),
            ("9007199254740992", false),
            ("-9007199254740992", false),
            ("12345678901234567890", false),
        ] {
            let line = format!(r#"{{"event": "e", "properties": {{"n": {n}}}}}"#);
            assert_eq!(check_line(&model, line.as_bytes()).is_ok(), ok, "{n}");
        }
    }

    #[test]
    fn formats_follow_the_contract_patterns() {
        use StringFormat::*;
        assert!(format_ok(Uuid, "123e4567-E89B-12d3-a456-426614174000"));
        assert!(!format_ok(Uuid, "123e4567e89b12d3a456426614174000"));
        assert!(!format_ok(Uuid, "{123e4567-e89b-12d3-a456-426614174000}"));
        assert!(format_ok(DateTime, "2024-05-01T12:00:00Z"));
        assert!(format_ok(DateTime, "2024-05-01t12:00:00.123+02:00"));
        assert!(!format_ok(DateTime, "2024-05-01 12:00:00Z"));
        assert!(!format_ok(DateTime, "2024-05-01T12:00:00."));
        assert!(format_ok(Date, "2024-05-01"));
        assert!(!format_ok(Date, "2024-5-01"));
        assert!(format_ok(Email, "a@b"));
        assert!(!format_ok(Email, "a@b@c"));
        assert!(!format_ok(Email, "a b@c"));
        assert!(
            format_ok(Email, "a\u{85}b@c"),
            "only ASCII whitespace counts"
        );
        assert!(!format_ok(Email, "a\x0bb@c"));
        assert!(format_ok(Uri, "https://example.com/x?y"));
        assert!(format_ok(Uri, "urn:isbn:1"));
        assert!(!format_ok(Uri, "1http://x"));
        assert!(!format_ok(Uri, "no scheme"));
    }

    /// The branch-free UUID check accepts exactly what the pattern does: every byte value in
    /// every position of a valid UUID.
    #[test]
    fn uuid_check_agrees_with_the_pattern_for_every_byte_in_every_position() {
        let valid = *b"123e4567-E89B-12d3-a456-426614174000";
        assert!(format_ok_bytes(StringFormat::Uuid, &valid));
        for i in 0..valid.len() {
            for c in 0..=255u8 {
                let mut b = valid;
                if let Some(slot) = b.get_mut(i) {
                    *slot = c;
                }
                let dash = matches!(i, 8 | 13 | 18 | 23);
                let expected = if dash {
                    c == b'-'
                } else {
                    c.is_ascii_hexdigit()
                };
                assert_eq!(
                    format_ok_bytes(StringFormat::Uuid, &b),
                    expected,
                    "byte {c:#04x} at {i}"
                );
            }
        }
    }
}
