//! The fast path of [`Validator::check_line`]: one pass over the line's bytes with serde's
//! visitor API, checking every value against the model as it is parsed, without building a
//! `serde_json::Value` (no allocation for a valid line). It only ever answers "valid, event `i`";
//! anything else (a fault, or a shape it does not handle: `properties` before `event`, a union
//! type, a repeated `event`) sends the line to the reference path ([`super::check_line`]), which
//! finds the exact first fault. So the verdicts, kinds, pointers and messages are the reference's
//! by construction; the fast path must only never call valid what the reference does not, which
//! the argument below and the tests check:
//!
//! - the line is read by the same `serde_json` deserializer with the same calls a `Value` makes
//!   (`deserialize_any` for every value, strings for keys), so JSON syntax, the recursion limit,
//!   number ranges and string escapes are accepted or refused alike; values the model does not
//!   constrain (inside `object`, `any`) are walked the same way, never skipped unparsed;
//! - a value is checked as [`super::check_value`] checks the value a `Value` would hold: the same
//!   JSON type tests (integers as `is_i64 || is_u64 || fract() == 0`), [`super::format_ok`], the
//!   enum's values, object types recursively; every occurrence of a repeated key is checked, so
//!   the last one (which a `Value` keeps) is valid whenever the fast path says so;
//! - a table with two rows of the same name, and a union anywhere in a type, are not handled here
//!   (the line goes to the reference path, or the value is parsed into a `Value` and checked by
//!   the reference code).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::model::{Model, Property, StringFormat, Type};

/// A type, resolved against the model once.
#[derive(Debug)]
enum Check<'m> {
    /// Any string.
    Str,
    /// A string of a format.
    Format(StringFormat),
    /// Any number.
    Number,
    /// An integer (or a float without a fraction).
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Any object.
    Object,
    /// Anything but `null`.
    Any,
    /// A string among these values (sorted).
    Enum(Vec<&'m str>),
    /// An array of items.
    Array(Box<Check<'m>>),
    /// An object whose values all pass.
    Map(Box<Check<'m>>),
    /// An object following the table at this index of [`Validator::tables`].
    Table(usize),
    /// Parsed into a `Value` and checked by the reference code (unions).
    Reference(&'m Type),
}

/// A property table: rows by name, which are required, what other keys may be.
#[derive(Debug)]
struct Table<'m> {
    names: Vec<&'m str>,
    checks: Vec<Check<'m>>,
    required: Vec<bool>,
    required_count: usize,
    by_name: BTreeMap<&'m str, usize>,
    additional: Option<Check<'m>>,
}

/// A model prepared for checking many envelopes ([`Validator::check_line`]).
#[derive(Debug)]
pub struct Validator<'m> {
    model: &'m Model,
    /// Event name → position of the first event of that name.
    events: BTreeMap<&'m str, usize>,
    /// Per event, its table in `tables` (`None`: not handled here).
    event_tables: Vec<Option<usize>>,
    /// The envelope's fields (`None`: not handled here).
    envelope: Option<usize>,
    tables: Vec<Table<'m>>,
}

impl<'m> Validator<'m> {
    /// Prepares `model`.
    pub fn new(model: &'m Model) -> Self {
        let mut b = Build {
            model,
            tables: Vec::new(),
            objects: BTreeMap::new(),
        };
        let envelope = b.table(&model.envelope, None);
        let event_tables = model
            .events
            .iter()
            .map(|e| b.table(&e.properties, e.additional.as_ref()))
            .collect();
        let mut events = BTreeMap::new();
        for (i, e) in model.events.iter().enumerate() {
            events.entry(e.name.as_str()).or_insert(i);
        }
        Validator {
            model,
            events,
            event_tables,
            envelope,
            tables: b.tables,
        }
    }

    /// The model.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// Checks one line of NDJSON exactly as [`super::check_line`] does (same verdict, fault and
    /// event), faster: valid lines are checked in one pass without building a `Value`; the others
    /// go through [`super::check_line`].
    pub fn check_line(&self, line: &[u8]) -> Result<usize, super::LineFault> {
        match self.fast(line) {
            Some(i) => Ok(i),
            None => super::check_line(self.model, line),
        }
    }

    /// `Some(event)` when the line is certainly a valid envelope of that event.
    fn fast(&self, line: &[u8]) -> Option<usize> {
        let mut de = serde_json::Deserializer::from_slice(line);
        let event = EnvelopeSeed { v: self }.deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(event)
    }
}

struct Build<'m> {
    model: &'m Model,
    tables: Vec<Table<'m>>,
    /// Object id → its table (`None` while being built, or when not handled).
    objects: BTreeMap<&'m str, Option<usize>>,
}

impl<'m> Build<'m> {
    /// The table of `props`, or `None` when two rows share a name.
    fn table(&mut self, props: &'m [Property], additional: Option<&'m Type>) -> Option<usize> {
        let mut by_name = BTreeMap::new();
        for (i, p) in props.iter().enumerate() {
            if by_name.insert(p.name.as_str(), i).is_some() {
                return None;
            }
        }
        let checks = props.iter().map(|p| self.check(&p.ty)).collect();
        let additional = additional.map(|t| self.check(t));
        let required: Vec<bool> = props.iter().map(|p| !p.optional).collect();
        self.tables.push(Table {
            names: props.iter().map(|p| p.name.as_str()).collect(),
            checks,
            required_count: required.iter().filter(|r| **r).count(),
            required,
            by_name,
            additional,
        });
        Some(self.tables.len() - 1)
    }

    fn check(&mut self, ty: &'m Type) -> Check<'m> {
        match ty {
            Type::String { format: None } => Check::Str,
            Type::String { format: Some(f) } => Check::Format(*f),
            Type::Number => Check::Number,
            Type::Integer { .. } => Check::Integer,
            Type::Boolean => Check::Boolean,
            Type::Object => Check::Object,
            Type::Any => Check::Any,
            Type::Array { items } => Check::Array(Box::new(self.check(items))),
            Type::Map { values } => Check::Map(Box::new(self.check(values))),
            Type::Enum { name } => match self.model.enum_def(name) {
                Some(def) if !def.open => {
                    let mut values: Vec<&str> = def.values.iter().map(String::as_str).collect();
                    values.sort_unstable();
                    values.dedup();
                    Check::Enum(values)
                }
                _ => Check::Str,
            },
            Type::Ref { name } => {
                let Some(o) = self.model.object(name) else {
                    return Check::Object;
                };
                match self.objects.get(o.id.as_str()) {
                    Some(Some(t)) => Check::Table(*t),
                    // Being built (a cycle, which lowering reports) or not handled.
                    Some(None) => Check::Reference(ty),
                    None => {
                        self.objects.insert(&o.id, None);
                        let t = self.table(&o.properties, o.additional.as_ref());
                        self.objects.insert(&o.id, t);
                        t.map_or(Check::Reference(ty), Check::Table)
                    }
                }
            }
            Type::Union { .. } => Check::Reference(ty),
        }
    }
}

/// Why the fast path gave up (the reference path decides).
fn give_up<E: de::Error>() -> E {
    E::custom("not for the fast path")
}

/// Checks a value against a [`Check`].
struct CheckSeed<'a, 'm> {
    v: &'a Validator<'m>,
    check: &'a Check<'m>,
}

impl<'de> DeserializeSeed<'de> for CheckSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let v = self.v;
        match self.check {
            Check::Str => d.deserialize_any(StrVisitor(None)),
            Check::Format(f) => d.deserialize_any(StrVisitor(Some(*f))),
            Check::Number => d.deserialize_any(NumberVisitor { integer: false }),
            Check::Integer => d.deserialize_any(NumberVisitor { integer: true }),
            Check::Boolean => d.deserialize_any(BoolVisitor),
            Check::Object => d.deserialize_any(Walk {
                null: false,
                only_object: true,
            }),
            Check::Any => d.deserialize_any(Walk {
                null: false,
                only_object: false,
            }),
            Check::Enum(values) => d.deserialize_any(EnumVisitor(values)),
            Check::Array(item) => d.deserialize_any(ArrayVisitor { v, item }),
            Check::Map(values) => d.deserialize_any(MapVisitor { v, values }),
            Check::Table(t) => match v.tables.get(*t) {
                Some(table) => d.deserialize_any(TableVisitor { v, table }),
                None => Err(give_up()),
            },
            Check::Reference(ty) => {
                let value = <Value as serde::Deserialize>::deserialize(d)?;
                let mut faults = Vec::new();
                super::check_value(v.model, ty, &value, "", "", &mut faults, true);
                if faults.is_empty() {
                    Ok(())
                } else {
                    Err(give_up())
                }
            }
        }
    }
}

struct StrVisitor(Option<StringFormat>);

impl<'de> Visitor<'de> for StrVisitor {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        match self.0 {
            Some(f) if !super::format_ok(f, s) => Err(give_up()),
            _ => Ok(()),
        }
    }
}

struct EnumVisitor<'a, 'm>(&'a [&'m str]);

impl<'de> Visitor<'de> for EnumVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of the enum's values")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        if self.0.binary_search(&s).is_ok() {
            Ok(())
        } else {
            Err(give_up())
        }
    }
}

struct NumberVisitor {
    integer: bool,
}

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<(), E> {
        if !self.integer || x.fract() == 0.0 {
            Ok(())
        } else {
            Err(give_up())
        }
    }
}

struct BoolVisitor;

impl<'de> Visitor<'de> for BoolVisitor {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
}

/// Parses any JSON value the way a `Value` would (same calls, so same errors), keeping nothing.
/// `null: false` refuses a top-level `null`; `only_object` refuses anything but an object.
#[derive(Clone, Copy)]
struct Walk {
    null: bool,
    only_object: bool,
}

impl Walk {
    const ANYTHING: Walk = Walk {
        null: true,
        only_object: false,
    };

    fn scalar<E: de::Error>(self) -> Result<(), E> {
        if self.only_object {
            Err(give_up())
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.null && !self.only_object {
            Ok(())
        } else {
            Err(give_up())
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.only_object {
            return Err(give_up());
        }
        while seq.next_element_seed(Walk::ANYTHING)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(AnyKey)?.is_some() {
            map.next_value_seed(Walk::ANYTHING)?;
        }
        Ok(())
    }
}

/// A key, whatever it is.
struct AnyKey;

impl<'de> DeserializeSeed<'de> for AnyKey {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(StrVisitor(None))
    }
}

struct ArrayVisitor<'a, 'm> {
    v: &'a Validator<'m>,
    item: &'a Check<'m>,
}

impl<'de> Visitor<'de> for ArrayVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let seed = || CheckSeed {
            v: self.v,
            check: self.item,
        };
        while seq.next_element_seed(seed())?.is_some() {}
        Ok(())
    }
}

struct MapVisitor<'a, 'm> {
    v: &'a Validator<'m>,
    values: &'a Check<'m>,
}

impl<'de> Visitor<'de> for MapVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(AnyKey)?.is_some() {
            map.next_value_seed(CheckSeed {
                v: self.v,
                check: self.values,
            })?;
        }
        Ok(())
    }
}

/// Which rows of a table have been seen: a bit per row, on the stack for tables of up to 256 rows.
enum Seen {
    Small([u64; 4]),
    Large(Vec<u64>),
}

impl Seen {
    fn new(rows: usize) -> Seen {
        if rows <= 256 {
            Seen::Small([0; 4])
        } else {
            Seen::Large(vec![0; rows.div_ceil(64)])
        }
    }

    /// Marks row `i`; `true` the first time.
    fn insert(&mut self, i: usize) -> bool {
        let words: &mut [u64] = match self {
            Seen::Small(w) => w,
            Seen::Large(w) => w,
        };
        match words.get_mut(i / 64) {
            Some(w) => {
                let bit = 1u64 << (i % 64);
                let new = *w & bit == 0;
                *w |= bit;
                new
            }
            None => false,
        }
    }
}

/// A key of a table: its row (looked up at `hint` first: payloads usually follow table order),
/// or `None` for a key the table does not list.
struct RowKey<'a, 'm> {
    table: &'a Table<'m>,
    hint: usize,
}

impl<'de> DeserializeSeed<'de> for RowKey<'_, '_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RowKey<'_, '_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<usize>, E> {
        if self.table.names.get(self.hint) == Some(&s) {
            return Ok(Some(self.hint));
        }
        Ok(self.table.by_name.get(s).copied())
    }
}

struct TableVisitor<'a, 'm> {
    v: &'a Validator<'m>,
    table: &'a Table<'m>,
}

impl<'de> Visitor<'de> for TableVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let t = self.table;
        let mut seen = Seen::new(t.names.len());
        let mut required = 0;
        let mut hint = 0;
        while let Some(row) = map.next_key_seed(RowKey { table: t, hint })? {
            let check = match row {
                Some(i) => {
                    hint = i + 1;
                    if seen.insert(i) && t.required.get(i) == Some(&true) {
                        required += 1;
                    }
                    t.checks.get(i)
                }
                None => t.additional.as_ref(),
            };
            match check {
                Some(check) => map.next_value_seed(CheckSeed { v: self.v, check })?,
                None => return Err(give_up()),
            }
        }
        if required == t.required_count {
            Ok(())
        } else {
            Err(give_up())
        }
    }
}

/// A key of the envelope.
enum EnvelopeKey {
    Event,
    Properties,
    /// A row of the envelope table.
    Field(usize),
}

struct EnvelopeKeySeed<'a, 'm> {
    table: Option<&'a Table<'m>>,
}

impl<'de> DeserializeSeed<'de> for EnvelopeKeySeed<'_, '_> {
    type Value = EnvelopeKey;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<EnvelopeKey, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for EnvelopeKeySeed<'_, '_> {
    type Value = EnvelopeKey;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<EnvelopeKey, E> {
        match s {
            "event" => Ok(EnvelopeKey::Event),
            "properties" => Ok(EnvelopeKey::Properties),
            _ => match self.table.and_then(|t| t.by_name.get(s)) {
                Some(i) => Ok(EnvelopeKey::Field(*i)),
                None => Err(give_up()),
            },
        }
    }
}

/// The envelope's `event`: the position of a known event.
struct EventName<'a, 'm>(&'a Validator<'m>);

impl<'de> DeserializeSeed<'de> for EventName<'_, '_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EventName<'_, '_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        self.0.events.get(s).copied().ok_or_else(give_up)
    }
}

struct EnvelopeSeed<'a, 'm> {
    v: &'a Validator<'m>,
}

impl<'de> DeserializeSeed<'de> for EnvelopeSeed<'_, '_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EnvelopeSeed<'_, '_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
        let v = self.v;
        let Some(fields) = v.envelope.and_then(|i| v.tables.get(i)) else {
            return Err(give_up());
        };
        let mut event = None;
        let mut properties = false;
        let mut seen = Seen::new(fields.names.len());
        let mut required = 0;
        while let Some(key) = map.next_key_seed(EnvelopeKeySeed {
            table: Some(fields),
        })? {
            match key {
                EnvelopeKey::Event if event.is_none() => {
                    event = Some(map.next_value_seed(EventName(v))?);
                }
                EnvelopeKey::Properties if !properties => {
                    // Only after `event`: the event decides the table.
                    let table = event
                        .and_then(|e| v.event_tables.get(e).copied().flatten())
                        .and_then(|t| v.tables.get(t))
                        .ok_or_else(give_up)?;
                    map.next_value_seed(TableSeed { v, table })?;
                    properties = true;
                }
                EnvelopeKey::Field(i) => {
                    if seen.insert(i) && fields.required.get(i) == Some(&true) {
                        required += 1;
                    }
                    let check = fields.checks.get(i).ok_or_else(give_up)?;
                    map.next_value_seed(CheckSeed { v, check })?;
                }
                EnvelopeKey::Event | EnvelopeKey::Properties => return Err(give_up()),
            }
        }
        match event {
            Some(e) if properties && required == fields.required_count => Ok(e),
            _ => Err(give_up()),
        }
    }
}

struct TableSeed<'a, 'm> {
    v: &'a Validator<'m>,
    table: &'a Table<'m>,
}

impl<'de> DeserializeSeed<'de> for TableSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(TableVisitor {
            v: self.v,
            table: self.table,
        })
    }
}
