//! A borrowed JSON tree for the reference checks of [`super::check_line`]: strings without
//! escapes point into the line, objects are vectors with a small hash index. It reads the same
//! JSON as `serde_json::Value` (it is built by serde_json's own parser, so the same inputs are
//! rejected with the same errors) and keeps `Value`'s meaning of objects: keys in document order,
//! a repeated key keeps its first position and takes the last value. Building it costs about a
//! third of building a `Value` (no allocation per key or plain string, no SipHash), which is what
//! an invalid line costs `trackgen validate` (`benches/README.md`).
//!
//! [`Json`] is what the checks need of a JSON value; `serde_json::Value` implements it too, so
//! the lint of examples and `trackgen validate` run the same code.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The JSON types, as the checks tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// What the checks need of a JSON value.
pub(crate) trait Json: Sized {
    /// An object of such values.
    type Obj;
    fn kind(&self) -> Kind;
    fn as_str(&self) -> Option<&str>;
    fn as_array(&self) -> Option<&[Self]>;
    fn as_object(&self) -> Option<&Self::Obj>;
    /// An integer of the contract: a number with no fractional part (`1.0` counts) within
    /// ±(2^53 − 1) ([`super::is_safe_integer`]).
    fn is_integral(&self) -> bool;
    fn get<'s>(obj: &'s Self::Obj, key: &str) -> Option<&'s Self>;
    /// The entries in document order.
    fn entries<'s>(obj: &'s Self::Obj) -> impl Iterator<Item = (&'s str, &'s Self)>
    where
        Self: 's;
}

impl Json for Value {
    type Obj = Map<String, Value>;

    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    fn as_str(&self) -> Option<&str> {
        Value::as_str(self)
    }

    fn as_array(&self) -> Option<&[Self]> {
        Value::as_array(self).map(Vec::as_slice)
    }

    fn as_object(&self) -> Option<&Self::Obj> {
        Value::as_object(self)
    }

    fn is_integral(&self) -> bool {
        match self {
            Value::Number(n) => super::is_safe_integer(n),
            _ => false,
        }
    }

    fn get<'s>(obj: &'s Self::Obj, key: &str) -> Option<&'s Self> {
        obj.get(key)
    }

    fn entries<'s>(obj: &'s Self::Obj) -> impl Iterator<Item = (&'s str, &'s Self)>
    where
        Self: 's,
    {
        obj.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// A JSON value borrowing from the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lite<'a> {
    Null,
    Bool(bool),
    /// Any number; `true` when it is an integer of the contract ([`super::is_safe_integer`]).
    Number(bool),
    String(Cow<'a, str>),
    Array(Vec<Lite<'a>>),
    Object(Obj<'a>),
}

/// An object: entries in document order, and for more than [`LINEAR`] entries an open-addressing
/// index of them by key.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Obj<'a> {
    entries: Vec<(Cow<'a, str>, Lite<'a>)>,
    /// Slots holding entry index + 1 (0 = empty); a power of two at least twice the entries.
    index: Vec<u32>,
}

/// Objects up to this size are searched linearly.
const LINEAR: usize = 8;

/// A hash of a key from its length and its first and last eight bytes (keys that differ only in
/// the middle collide, and are then told apart by comparing them): no loop over the bytes.
fn hash(key: &str) -> usize {
    let b = key.as_bytes();
    let word = |s: &[u8]| {
        let mut w = [0u8; 8];
        for (d, x) in w.iter_mut().zip(s) {
            *d = *x;
        }
        u64::from_le_bytes(w)
    };
    let head = word(b.get(..b.len().min(8)).unwrap_or_default());
    let tail = word(b.get(b.len().saturating_sub(8)..).unwrap_or_default());
    let h = (head.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ tail.rotate_left(29).wrapping_mul(0xbf58_476d_1ce4_e5b9)
        ^ b.len() as u64)
        .wrapping_mul(0x94d0_49bb_1331_11eb);
    // Truncation on 32-bit targets only drops bits of a hash.
    #[allow(clippy::cast_possible_truncation)]
    let h = (h ^ (h >> 29)) as usize;
    h
}

impl<'a> Obj<'a> {
    /// The position of `key`'s entry.
    fn find(&self, key: &str) -> Option<usize> {
        if self.index.is_empty() {
            return self.entries.iter().position(|(k, _)| k == key);
        }
        let mask = self.index.len() - 1;
        let mut slot = hash(key) & mask;
        loop {
            match self.index.get(slot).copied() {
                None | Some(0) => return None,
                Some(i) => {
                    let i = i as usize - 1;
                    if self.entries.get(i).is_some_and(|(k, _)| k == key) {
                        return Some(i);
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// An object of `entries` read in document order, with `Value`'s meaning of a repeated key:
    /// it keeps its first place and takes the last value.
    fn new(mut entries: Vec<(Cow<'a, str>, Lite<'a>)>) -> Self {
        let n = entries.len();
        if n <= LINEAR {
            let mut obj = Obj {
                entries: Vec::with_capacity(n),
                index: Vec::new(),
            };
            for (k, v) in entries {
                match obj.find(&k) {
                    Some(i) => {
                        if let Some(e) = obj.entries.get_mut(i) {
                            e.1 = v;
                        }
                    }
                    None => obj.entries.push((k, v)),
                }
            }
            return obj;
        }
        // One probe sequence per key: the index is built, and repeats found, in one pass.
        let mut index = vec![0u32; (n * 2).next_power_of_two()];
        let mask = index.len() - 1;
        let mut repeated = false;
        for (i, (key, _)) in entries.iter().enumerate() {
            let mut slot = hash(key) & mask;
            while let Some(s) = index.get_mut(slot) {
                if *s == 0 {
                    // Objects of more than u32::MAX entries do not fit in memory as `Lite`s.
                    *s = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    break;
                }
                let j = *s as usize - 1;
                if entries.get(j).is_some_and(|(k, _)| k == key) {
                    repeated = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        if !repeated {
            return Obj { entries, index };
        }
        // Rare: keep each key's first place and last value (a map, so hostile input with many
        // keys stays n log n), then index the unique entries.
        let mut first: std::collections::BTreeMap<Cow<'a, str>, usize> =
            std::collections::BTreeMap::new();
        let mut unique: Vec<(Cow<'a, str>, Lite<'a>)> = Vec::with_capacity(n);
        for (k, v) in entries.drain(..) {
            match first.get(&k) {
                Some(&i) => {
                    if let Some(e) = unique.get_mut(i) {
                        e.1 = v;
                    }
                }
                None => {
                    first.insert(k.clone(), unique.len());
                    unique.push((k, v));
                }
            }
        }
        Obj::new(unique)
    }
}

impl<'a> Json for Lite<'a> {
    type Obj = Obj<'a>;

    fn kind(&self) -> Kind {
        match self {
            Lite::Null => Kind::Null,
            Lite::Bool(_) => Kind::Bool,
            Lite::Number(_) => Kind::Number,
            Lite::String(_) => Kind::String,
            Lite::Array(_) => Kind::Array,
            Lite::Object(_) => Kind::Object,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Lite::String(s) => Some(s),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&[Self]> {
        match self {
            Lite::Array(a) => Some(a),
            _ => None,
        }
    }

    fn as_object(&self) -> Option<&Self::Obj> {
        match self {
            Lite::Object(o) => Some(o),
            _ => None,
        }
    }

    fn is_integral(&self) -> bool {
        matches!(self, Lite::Number(true))
    }

    fn get<'s>(obj: &'s Self::Obj, key: &str) -> Option<&'s Self> {
        obj.find(key)
            .and_then(|i| obj.entries.get(i))
            .map(|(_, v)| v)
    }

    fn entries<'s>(obj: &'s Self::Obj) -> impl Iterator<Item = (&'s str, &'s Self)>
    where
        Self: 's,
    {
        obj.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'de> Deserialize<'de> for Lite<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LiteVisitor)
    }
}

/// A key: borrowed when the text has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

struct LiteVisitor;

impl<'de> Visitor<'de> for LiteVisitor {
    type Value = Lite<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Lite::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Lite::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Self::Value, E> {
        Ok(Lite::Number(i.unsigned_abs() <= super::MAX_SAFE_INTEGER))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Self::Value, E> {
        Ok(Lite::Number(u <= super::MAX_SAFE_INTEGER))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Self::Value, E> {
        Ok(Lite::Number(super::is_safe_f64(f)))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Lite::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Lite::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Lite::String(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = seq.next_element()? {
            items.push(x);
        }
        Ok(Lite::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(k)) = map.next_key()? {
            let v = map.next_value()?;
            entries.push((k, v));
        }
        Ok(Lite::Object(Obj::new(entries)))
    }
}

/// Reads one JSON text as serde_json reads a `Value` (same errors, trailing whitespace allowed).
pub(crate) fn parse(line: &[u8]) -> Result<Lite<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(line);
    let v = Lite::deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry of both trees, in order, as (pointer, kind, string, integral).
    fn flatten<V: Json>(v: &V, at: &str, out: &mut Vec<(String, Kind, Option<String>, bool)>) {
        out.push((
            at.to_owned(),
            v.kind(),
            v.as_str().map(str::to_owned),
            v.is_integral(),
        ));
        if let Some(a) = v.as_array() {
            for (i, x) in a.iter().enumerate() {
                flatten(x, &format!("{at}/{i}"), out);
            }
        }
        if let Some(o) = v.as_object() {
            for (k, x) in V::entries(o) {
                assert!(V::get(o, k).is_some_and(|y| std::ptr::eq(y, x)), "{k}");
                flatten(x, &format!("{at}/{k}"), out);
            }
            assert!(V::get(o, "\u{0}absent").is_none());
        }
    }

    #[test]
    fn reads_what_value_reads() {
        let many: String = (0..40)
            .map(|i| format!("\"k{i}\": {i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let cases = [
            r#"{"a": 1, "b": [true, null, 1.5, 2.0, -3, 18446744073709551615], "c": "x\"y\u00e9"}"#
                .to_owned(),
            r#"{"a": 1, "b": 2, "a": 3}"#.to_owned(),
            format!("{{{many}, \"k3\": \"again\", \"k39\": [], \"new\": {{}}}}"),
            r#"  [1, {"\u0041": "b"}]  "#.to_owned(),
            "\"just a string\"".to_owned(),
        ];
        for c in &cases {
            let value: Value = serde_json::from_str(c).unwrap_or_else(|e| panic!("{c}: {e}"));
            let lite = parse(c.as_bytes()).unwrap_or_else(|e| panic!("{c}: {e}"));
            let (mut a, mut b) = (Vec::new(), Vec::new());
            flatten(&value, "", &mut a);
            flatten(&lite, "", &mut b);
            assert_eq!(a, b, "{c}");
        }
    }

    #[test]
    fn rejects_what_value_rejects_with_the_same_error() {
        for bad in [
            "",
            "{",
            "{\"a\": 1,}",
            "[1, 2",
            "{\"a\": 1e400}",
            "{\"a\": \"\\ud800\"}",
            "{\"a\": 1} x",
            "nul",
            &"[".repeat(200),
        ] {
            let value = serde_json::from_str::<Value>(bad).map(|_| ());
            let lite = parse(bad.as_bytes()).map(|_| ());
            assert_eq!(
                value.map_err(|e| e.to_string()),
                lite.map_err(|e| e.to_string()),
                "{bad}"
            );
        }
    }
}
