// ---------------------------------------------------------------------------------------------
// Runtime: the same in every crate trackgen generates (templates/rust/runtime.rs, copied
// verbatim). Errors, wire types and their checks, reading objects in table order.
// ---------------------------------------------------------------------------------------------

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// What is wrong with a payload: the error kinds every trackgen parser reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The envelope is not a JSON object.
    NotAnObject,
    /// A required key is absent.
    MissingProperty,
    /// A key the tracking plan does not define.
    UnknownProperty,
    /// A value of the wrong JSON type (`null` included: optional means "may be absent").
    WrongType,
    /// `event` names no event of the tracking plan.
    UnknownEvent,
    /// A string that is not one of the allowed values.
    NotInEnum,
    /// A string that does not match its format (UUID, date-time, ...).
    InvalidFormat,
}

impl ErrorKind {
    /// The kind's name in every trackgen output (`wrong_type`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotAnObject => "not_an_object",
            Self::MissingProperty => "missing_property",
            Self::UnknownProperty => "unknown_property",
            Self::WrongType => "wrong_type",
            Self::UnknownEvent => "unknown_event",
            Self::NotInEnum => "not_in_enum",
            Self::InvalidFormat => "invalid_format",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a payload was rejected: the first fault found, in the order the tracking plan's
/// contract checks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub kind: ErrorKind,
    /// Where: an RFC 6901 JSON pointer into the envelope (`/properties/room_id`).
    pub pointer: String,
    /// What was found and what was expected, naming the property.
    pub message: String,
}

impl ParseError {
    /// An error of `kind` at `pointer`; the message is prefixed with the pointer, if any.
    pub fn new(kind: ErrorKind, pointer: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            kind,
            pointer: pointer.to_owned(),
            message: if pointer.is_empty() {
                message
            } else {
                format!("{pointer}: {message}")
            },
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// A string format the tracking plan can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `8-4-4-4-12` hexadecimal digits, any version, either case.
    Uuid,
    /// `YYYY-MM-DDThh:mm:ss`, optional fraction, then `Z` or `±hh:mm`.
    DateTime,
    /// `YYYY-MM-DD`.
    Date,
    /// `local@domain`, neither part empty nor containing `@` or white space.
    Email,
    /// `scheme:rest`, the scheme a letter then letters, digits, `+`, `.` or `-`, no white space.
    Uri,
}

impl Format {
    /// The format's name (`date-time`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Uuid => "uuid",
            Self::DateTime => "date-time",
            Self::Date => "date",
            Self::Email => "email",
            Self::Uri => "uri",
        }
    }

    /// Whether the whole of `s` matches the format's pattern in the contract (ASCII digits; white
    /// space is the six ASCII white space characters).
    pub fn matches(self, s: &str) -> bool {
        let b = s.as_bytes();
        match self {
            Self::Uuid => {
                b.len() == 36
                    && b.iter().enumerate().all(|(i, c)| match i {
                        8 | 13 | 18 | 23 => *c == b'-',
                        _ => c.is_ascii_hexdigit(),
                    })
            }
            Self::DateTime => {
                let Some((date, time)) = s.split_at_checked(10) else {
                    return false;
                };
                let Some(time) = time.strip_prefix(['T', 't']) else {
                    return false;
                };
                Self::Date.matches(date) && clock(time)
            }
            Self::Date => {
                b.len() == 10
                    && b.iter().enumerate().all(|(i, c)| match i {
                        4 | 7 => *c == b'-',
                        _ => c.is_ascii_digit(),
                    })
            }
            Self::Email => match s.split_once('@') {
                Some((local, domain)) => {
                    let part = |p: &str| !p.is_empty() && !p.contains('@') && !p.chars().any(space);
                    part(local) && part(domain)
                }
                None => false,
            },
            Self::Uri => {
                let Some((scheme, rest)) = s.split_once(':') else {
                    return false;
                };
                let mut chars = scheme.chars();
                chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
                    && !rest.chars().any(space)
            }
        }
    }
}

/// `hh:mm:ss(.d+)?(Z|z|±hh:mm)`, all digits ASCII.
fn clock(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    let two = |t: Option<&str>| t.is_some_and(|t| t.len() == 2 && digits(t));
    let (Some(hms), Some(mut rest)) = (s.get(..8), s.get(8..)) else {
        return false;
    };
    let mut parts = hms.split(':');
    if !(two(parts.next()) && two(parts.next()) && two(parts.next())) {
        return false;
    }
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = fraction.get(n..).unwrap_or("");
    }
    match rest {
        "Z" | "z" => true,
        _ => {
            let offset = rest.strip_prefix(['+', '-']);
            let hm = offset.and_then(|o| o.split_once(':'));
            hm.is_some_and(|(h, m)| two(Some(h)) && two(Some(m)))
        }
    }
}

/// White space as the contract means it: the six ASCII characters space, `\t`, `\n`, `\r`,
/// `\f` and `\v` (not Unicode white space).
fn space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{b}')
}

/// The type of a property on the wire, as the tracking plan declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireType {
    /// Any JSON string.
    String,
    /// A JSON string in a format.
    Formatted(Format),
    /// Any JSON number.
    Number,
    /// A JSON number without a fractional part (`3` and `3.0`, not `3.5`).
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A JSON object, any contents.
    Object,
    /// Any JSON value but `null`.
    Any,
    /// A JSON array of items of one type.
    Array(&'static WireType),
    /// A JSON string equal to one of the values (case and spaces count).
    Enum(&'static [&'static str]),
    /// A value any of the types accepts.
    Union(&'static [WireType]),
    /// A JSON object whose every value has one type (keys are free).
    Map(&'static WireType),
    /// A JSON object checked against an object type's table.
    Ref(&'static ObjectType),
}

impl WireType {
    /// What a value of this type is, for messages (`an array of integers`).
    pub fn describe(&self) -> String {
        match self {
            Self::String => "a string".to_owned(),
            Self::Formatted(f) => format!("a {} string", f.as_str()),
            Self::Number => "a number".to_owned(),
            Self::Integer => "an integer".to_owned(),
            Self::Boolean => "a boolean".to_owned(),
            Self::Object => "an object".to_owned(),
            Self::Any => "any value but null".to_owned(),
            Self::Array(items) => format!("an array of {}", items.describe()),
            Self::Enum(values) => format!("one of {}", quoted_list(values)),
            Self::Union(types) => {
                let each: Vec<String> = types.iter().map(Self::describe).collect();
                each.join(" or ")
            }
            Self::Map(values) => format!("an object of {}", values.describe()),
            Self::Ref(object) => format!("a {} object", object.name),
        }
    }

    /// Checks `value`, found at `pointer`, against this type; `name` is the property's name.
    pub fn check(&self, value: &Value, pointer: &str, name: &str) -> Result<(), ParseError> {
        let wrong = || {
            let message = format!(
                "expected {}, found {} ({name})",
                self.describe(),
                found(value)
            );
            Err(ParseError::new(ErrorKind::WrongType, pointer, message))
        };
        match (self, value) {
            (_, Value::Null) => wrong(),
            (Self::String, Value::String(_)) => Ok(()),
            (Self::Formatted(f), Value::String(s)) => {
                if f.matches(s) {
                    Ok(())
                } else {
                    let message =
                        format!("{} is not a valid {} ({name})", found(value), f.as_str());
                    Err(ParseError::new(ErrorKind::InvalidFormat, pointer, message))
                }
            }
            (Self::Number, Value::Number(_)) => Ok(()),
            (Self::Integer, Value::Number(n)) => {
                if safe_integer(n) {
                    Ok(())
                } else {
                    let message = format!(
                        "expected an integer from -{MAX_SAFE_INTEGER} to {MAX_SAFE_INTEGER}, \
                         found {} ({name})",
                        found(value)
                    );
                    Err(ParseError::new(ErrorKind::WrongType, pointer, message))
                }
            }
            (Self::Boolean, Value::Bool(_)) => Ok(()),
            (Self::Object, Value::Object(_)) => Ok(()),
            (Self::Any, _) => Ok(()),
            (Self::Array(items), Value::Array(values)) => {
                for (i, item) in values.iter().enumerate() {
                    items.check(item, &format!("{pointer}/{i}"), name)?;
                }
                Ok(())
            }
            (Self::Enum(values), Value::String(s)) => {
                if values.contains(&s.as_str()) {
                    Ok(())
                } else {
                    let message = format!(
                        "{} is not one of {} ({name})",
                        found(value),
                        quoted_list(values)
                    );
                    Err(ParseError::new(ErrorKind::NotInEnum, pointer, message))
                }
            }
            (Self::Union(types), _) => {
                if types.iter().any(|t| t.check(value, pointer, name).is_ok()) {
                    Ok(())
                } else {
                    wrong()
                }
            }
            (Self::Map(values), Value::Object(entries)) => {
                for (key, item) in entries {
                    values.check(item, &format!("{pointer}/{}", pointer_token(key)), name)?;
                }
                Ok(())
            }
            (Self::Ref(object), Value::Object(properties)) => (object.check)(properties, pointer),
            _ => wrong(),
        }
    }
}

/// An object type of the tracking plan, as [`WireType::Ref`] refers to it: its name and how
/// to check an object against its table (the check parses it, with pointers under the object's).
#[derive(Clone, Copy)]
pub struct ObjectType {
    /// The object type's id in the tracking plan (`contact_event`).
    pub name: &'static str,
    /// Checks `properties`, found at the JSON pointer given, against the table.
    pub check: fn(&Map<String, Value>, &str) -> Result<(), ParseError>,
}

impl std::fmt::Debug for ObjectType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ObjectType").field(&self.name).finish()
    }
}

/// Object types are equal when their names are: names are unique in a tracking plan.
impl PartialEq for ObjectType {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for ObjectType {}

/// `"a", "b", "c"`.
fn quoted_list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| Value::from(*v).to_string()).collect();
    quoted.join(", ")
}

/// The largest magnitude of an integer the tracking plan accepts: 2^53 − 1, the integers every
/// JSON reader holds exactly (RFC 7493, I-JSON; JavaScript's `Number.MAX_SAFE_INTEGER`). An
/// `i64` field beyond it makes an envelope the other SDKs and `trackgen validate` refuse.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Whether `n` is an integer of the tracking plan: no fractional part (`3.0` and `1e2` count)
/// and at most [`MAX_SAFE_INTEGER`] in magnitude.
fn safe_integer(n: &serde_json::Number) -> bool {
    const MAX: u64 = MAX_SAFE_INTEGER.unsigned_abs();
    if let Some(u) = n.as_u64() {
        u <= MAX
    } else if let Some(i) = n.as_i64() {
        i.unsigned_abs() <= MAX
    } else {
        // Exact: 2^53 − 1 is an `f64`.
        const LIMIT: f64 = 9_007_199_254_740_991.0;
        n.as_f64()
            .is_some_and(|f| f.fract() == 0.0 && (-LIMIT..=LIMIT).contains(&f))
    }
}

/// A short description of a found value: scalars as JSON, containers by kind.
fn found(value: &Value) -> String {
    match value {
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        other => other.to_string(),
    }
}

/// `key` as one RFC 6901 reference token: `~` is `~0`, `/` is `~1`.
fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reads an object (an event's properties, an object type's, the envelope) in table order,
/// remembering every key it asked for, so that [`Reader::finish`] can tell the other keys.
struct Reader<'a> {
    properties: &'a Map<String, Value>,
    /// The JSON pointer of the object (`/properties` for an event's).
    pointer: &'a str,
    known: Vec<&'static str>,
}

impl<'a> Reader<'a> {
    fn new(properties: &'a Map<String, Value>, pointer: &'a str) -> Self {
        Self {
            properties,
            pointer,
            known: Vec::new(),
        }
    }

    /// The JSON pointer of `key` in the object.
    fn pointer_to(&self, key: &str) -> String {
        format!("{}/{}", self.pointer, pointer_token(key))
    }

    /// The keys not asked for, in document order. Without a `*` row (`rest` is `None`) the first
    /// one is an error; with one, each value is checked against its type and kept.
    fn finish(
        self,
        owner: &str,
        rest: Option<&WireType>,
    ) -> Result<BTreeMap<String, Value>, ParseError> {
        let mut others = BTreeMap::new();
        for (key, value) in self.properties {
            if self.known.contains(&key.as_str()) {
                continue;
            }
            let pointer = self.pointer_to(key);
            let Some(ty) = rest else {
                let message = format!("{} is not a property of {owner}", Value::from(key.as_str()));
                return Err(ParseError::new(
                    ErrorKind::UnknownProperty,
                    &pointer,
                    message,
                ));
            };
            ty.check(value, &pointer, key)?;
            others.insert(key.clone(), value.clone());
        }
        Ok(others)
    }
}
