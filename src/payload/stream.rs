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
    /// A string among these values (UTF-8, sorted).
    Enum(Vec<&'m [u8]>),
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
    names: Vec<&'m [u8]>,
    checks: Vec<Check<'m>>,
    required: Vec<bool>,
    required_count: usize,
    by_name: BTreeMap<&'m [u8], usize>,
    additional: Option<Check<'m>>,
}

/// A model prepared for checking many envelopes ([`Validator::check_line`]).
#[derive(Debug)]
pub struct Validator<'m> {
    model: &'m Model,
    /// Event name → position of the first event of that name.
    events: BTreeMap<&'m [u8], usize>,
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
            events.entry(e.name.as_bytes()).or_insert(i);
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
    #[doc(hidden)]
    pub fn fast(&self, line: &[u8]) -> Option<usize> {
        let mut s = Scan {
            b: line,
            i: 0,
            depth: 0,
        };
        s.ws();
        let event = s.envelope(self)?;
        s.ws();
        (s.i == line.len()).then_some(event)
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
            if by_name.insert(p.name.as_bytes(), i).is_some() {
                return None;
            }
        }
        let checks = props.iter().map(|p| self.check(&p.ty)).collect();
        let additional = additional.map(|t| self.check(t));
        let required: Vec<bool> = props.iter().map(|p| !p.optional).collect();
        self.tables.push(Table {
            names: props.iter().map(|p| p.name.as_bytes()).collect(),
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
                    let mut values: Vec<&[u8]> = def.values.iter().map(|v| v.as_bytes()).collect();
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

/// Deepest nesting the fast path reads (`serde_json` refuses 128 levels; deeper lines go to the
/// reference path, which says so).
const MAX_DEPTH: usize = 100;

/// A number literal, as far as the checks care.
enum Num {
    /// No fraction, no exponent, at most 15 digits: an integer of the contract (within
    /// 2^53 − 1). Longer ones are `Float`: the reference path decides.
    Integer,
    /// A fraction or an exponent, certainly finite.
    Float,
}

/// A JSON reader over one line that accepts no more than `serde_json` does: RFC 8259 grammar,
/// whitespace `' ' \t \n \r`, strings without control characters, valid escapes and valid UTF-8.
/// Where agreeing exactly would take more care (surrogate escapes, numbers near the `f64` range,
/// very deep nesting, escaped keys or enum values) it gives up and the reference path decides.
struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

/// Of the eight bytes of `v` (little-endian), the number before the first that is `"`, `\`,
/// below 0x20 or above 0x7f; 8 when there is none. (The zero-byte tests may also flag bytes after
/// a flagged one, never before it: the first flag is exact.)
fn plain_prefix(v: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let quote = zero(v ^ (ONES * u64::from(b'"')));
    let backslash = zero(v ^ (ONES * u64::from(b'\\')));
    let control = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
    let flags = quote | backslash | control | (v & HIGH);
    (flags.trailing_zeros() / 8) as usize
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.i += 1;
        }
    }

    /// Consumes `c` (after whitespace).
    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i + word.len();
        (self.b.get(self.i..end) == Some(word)).then(|| self.i = end)
    }

    /// A string at `"`: its raw contents and whether they have escapes.
    fn string(&mut self) -> Option<(&'a [u8], bool)> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.i + 1;
        let mut j = start;
        let mut escaped = false;
        let mut high = false;
        loop {
            // Plain ASCII bytes eight at a time, up to the first other one.
            while let Some(chunk) = self.b.get(j..j + 8) {
                let n = plain_prefix(u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?));
                j += n;
                if n < 8 {
                    break;
                }
            }
            match *self.b.get(j)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    j = self.escape(j)?;
                }
                0..=0x1f => return None,
                c => {
                    high |= c >= 0x80;
                    j += 1;
                }
            }
        }
        let raw = self.b.get(start..j)?;
        if high {
            std::str::from_utf8(raw).ok()?;
        }
        self.i = j + 1;
        Some((raw, escaped))
    }

    /// The escape at `j` (a backslash); the index after it.
    fn escape(&self, j: usize) -> Option<usize> {
        match *self.b.get(j + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(j + 2),
            b'u' => {
                let hex = self.b.get(j + 2..j + 6)?;
                let mut n = 0u32;
                for h in hex {
                    n = n * 16 + char::from(*h).to_digit(16)?;
                }
                // Surrogates (pairs or not): the reference path decides.
                (!(0xd800..=0xdfff).contains(&n)).then_some(j + 6)
            }
            _ => None,
        }
    }

    /// A string whose contents are needed (UTF-8): unescaped, else the reference path decides.
    fn plain_str(&mut self) -> Option<&'a [u8]> {
        match self.string()? {
            (raw, false) => Some(raw),
            (_, true) => None,
        }
    }

    fn number(&mut self) -> Option<Num> {
        let b = self.b;
        let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
        let mut j = self.i;
        if b.get(j) == Some(&b'-') {
            j += 1;
        }
        let int_start = j;
        match b.get(j) {
            Some(b'0') => j += 1,
            Some(b'1'..=b'9') => {
                while digit(j) {
                    j += 1;
                }
            }
            _ => return None,
        }
        let int_digits = j - int_start;
        let mut float = false;
        if b.get(j) == Some(&b'.') {
            float = true;
            j += 1;
            if !digit(j) {
                return None;
            }
            while digit(j) {
                j += 1;
            }
        }
        let mut exp: i64 = 0;
        if matches!(b.get(j), Some(b'e' | b'E')) {
            float = true;
            j += 1;
            let negative = match b.get(j) {
                Some(b'-') => {
                    j += 1;
                    true
                }
                Some(b'+') => {
                    j += 1;
                    false
                }
                _ => false,
            };
            if !digit(j) {
                return None;
            }
            while let Some(d) = b.get(j).filter(|c| c.is_ascii_digit()) {
                exp = (exp * 10 + i64::from(d - b'0')).min(1_000_000);
                j += 1;
            }
            if negative {
                exp = -exp;
            }
        }
        self.i = j;
        // Far from the `f64` range in both readers (which may round the last digit differently):
        // at most ~10^300.
        let magnitude = i64::try_from(int_digits)
            .unwrap_or(i64::MAX)
            .saturating_add(exp);
        if magnitude > 300 {
            return None;
        }
        Some(if float || int_digits > 15 {
            Num::Float
        } else {
            Num::Integer
        })
    }

    /// Any JSON value (`null` too unless `null` is false; with `only_object`, objects only).
    fn walk(&mut self, null: bool, only_object: bool) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'{' => {
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        self.string()?;
                        self.eat(b':')?;
                        self.walk(true, false)?;
                        self.ws();
                        match self.peek()? {
                            b',' => self.i += 1,
                            b'}' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                self.depth -= 1;
                Some(())
            }
            _ if only_object => None,
            b'[' => {
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.walk(true, false)?;
                        self.ws();
                        match self.peek()? {
                            b',' => self.i += 1,
                            b']' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                self.depth -= 1;
                Some(())
            }
            b'"' => self.string().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' if null => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number().map(|_| ()),
            _ => None,
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// An object, calling `entry` at each key (which must consume the value).
    fn object(&mut self, mut entry: impl FnMut(&mut Self, &'a [u8]) -> Option<()>) -> Option<()> {
        self.ws();
        if self.peek() != Some(b'{') {
            return None;
        }
        self.enter()?;
        self.i += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            loop {
                self.ws();
                let key = self.plain_str()?;
                self.eat(b':')?;
                entry(self, key)?;
                self.ws();
                match self.peek()? {
                    b',' => self.i += 1,
                    b'}' => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// A value that must pass `check`.
    fn check(&mut self, v: &Validator<'_>, check: &Check<'_>) -> Option<()> {
        self.ws();
        match check {
            Check::Str => self.string().map(|_| ()),
            Check::Format(f) => {
                let s = self.plain_str()?;
                super::format_ok_bytes(*f, s).then_some(())
            }
            Check::Number => self.number().map(|_| ()),
            Check::Integer => match self.number()? {
                Num::Integer => Some(()),
                // `2.0` is an integer too, but rounding decides some, and 16 digits may be beyond
                // 2^53 − 1: the reference path decides.
                Num::Float => None,
            },
            Check::Boolean => match self.peek()? {
                b't' => self.literal(b"true"),
                b'f' => self.literal(b"false"),
                _ => None,
            },
            Check::Object => self.walk(false, true),
            Check::Any => self.walk(false, false),
            Check::Enum(values) => {
                let s = self.plain_str()?;
                values.binary_search(&s).is_ok().then_some(())
            }
            Check::Array(item) => {
                if self.peek()? != b'[' {
                    return None;
                }
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.check(v, item)?;
                        self.ws();
                        match self.peek()? {
                            b',' => self.i += 1,
                            b']' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                self.depth -= 1;
                Some(())
            }
            Check::Map(values) => self.object(|s, _| s.check(v, values)),
            Check::Table(t) => self.table(v, v.tables.get(*t)?),
            Check::Reference(ty) => {
                let start = self.i;
                self.walk(true, false)?;
                let value: Value = serde_json::from_slice(self.b.get(start..self.i)?).ok()?;
                let mut faults = Vec::new();
                super::check_value(v.model, ty, &value, "", "", &mut faults, true);
                faults.is_empty().then_some(())
            }
        }
    }

    /// An object following `table`.
    fn table(&mut self, v: &Validator<'_>, t: &Table<'_>) -> Option<()> {
        let mut seen = Seen::new(t.names.len());
        let mut required = 0;
        let mut hint = 0;
        self.object(|s, key| {
            // Keys usually follow the table, some optional rows left out: look a few rows ahead
            // of the last one found before searching.
            let row = t
                .names
                .get(hint..)
                .and_then(|rest| rest.iter().take(8).position(|n| *n == key))
                .map(|k| hint + k)
                .or_else(|| t.by_name.get(key).copied());
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
            s.check(v, check?)
        })?;
        (required == t.required_count).then_some(())
    }

    /// The envelope: `event` (a known event's name), `properties` (that event's table; when it
    /// comes first, it is walked and checked once `event` is known), the envelope's fields,
    /// nothing else, nothing twice but envelope fields.
    fn envelope(&mut self, v: &Validator<'_>) -> Option<usize> {
        let fields = v.tables.get(v.envelope?)?;
        let mut event = None;
        let mut properties = false;
        // `properties` seen before `event`: where it starts and ends.
        let mut pending: Option<(usize, usize)> = None;
        let mut seen = Seen::new(fields.names.len());
        let mut required = 0;
        self.object(|s, key| match key {
            b"event" if event.is_none() => {
                s.ws();
                event = Some(*v.events.get(s.plain_str()?)?);
                Some(())
            }
            b"properties" if !properties => {
                properties = true;
                match event {
                    Some(e) => s.table(v, v.tables.get(v.event_tables.get(e).copied().flatten()?)?),
                    None => {
                        s.ws();
                        let start = s.i;
                        s.walk(false, true)?;
                        pending = Some((start, s.i));
                        Some(())
                    }
                }
            }
            b"event" | b"properties" => None,
            _ => {
                let i = *fields.by_name.get(key)?;
                if seen.insert(i) && fields.required.get(i) == Some(&true) {
                    required += 1;
                }
                s.check(v, fields.checks.get(i)?)
            }
        })?;
        let e = event?;
        if let Some((start, end)) = pending {
            let table = v.tables.get(v.event_tables.get(e).copied().flatten()?)?;
            let mut sub = Scan {
                b: self.b.get(..end)?,
                i: start,
                depth: 1,
            };
            sub.table(v, table)?;
            (sub.i == end).then_some(())?;
        }
        (properties && required == fields.required_count).then_some(e)
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
