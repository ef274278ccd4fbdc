//! The intermediate model: SEMANTICS. One language-neutral description of a tracking plan that every
//! backend reads. It knows nothing of Rust, TypeScript, Python or JSON Schema; identifiers are not in
//! it, only wire names (the JSON keys and event names exactly as the spec writes them).
//!
//! Built only by [`lower()`] from a [`crate::spec::SpecDoc`]; references (data groups, enums) are
//! resolved there, so a backend never sees a dangling name.
//!
//! `Serialize` is a public format (`trackgen ir --format json`): fields are added, never renamed.
//! Positions serialize as 1-based `line` (and `column` for properties); byte spans are kept for
//! diagnostics but not serialized.

mod check;
mod groups;
mod lifecycle;
pub mod lower;
mod table;

use serde::Serialize;

use crate::NameMap;
use crate::diag::Span;

pub use lower::lower;

/// A whole tracking plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Model {
    /// Where the spec came from.
    pub spec: SpecInfo,
    /// Events in spec order.
    pub events: Vec<Event>,
    /// Data groups in spec order.
    pub groups: Vec<Group>,
    /// Named enums in order of first definition.
    pub enums: Vec<EnumDef>,
    /// Named object types (`## Objects`) in spec order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<Object>,
    /// The envelope's fields besides `event` and `properties` (`## Envelope`), e.g. Segment's
    /// `userId`. Empty for the plain `{"event", "properties"}` envelope.
    pub envelope: Vec<Property>,
    /// State machines (`## Lifecycle`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lifecycles: Vec<Lifecycle>,
    /// Name → position lookups for [`Model::enum_def`] and friends, built by [`lower()`].
    #[serde(skip)]
    index: Index,
}

/// Positions of the first enum, group, object type and event of each name, so that lookups by
/// name cost a tree search instead of a scan (a scan per row made plans of thousands of events
/// quadratic; `benches/README.md`). Derived data: it never makes two models unequal, and a hit is
/// used only when the entry at that position still has the name (a model whose lists were edited
/// after lowering falls back to scanning).
#[derive(Clone, Default)]
struct Index {
    enums: NameMap<String, usize>,
    groups: NameMap<String, usize>,
    objects: NameMap<String, usize>,
    events: NameMap<String, usize>,
}

impl Index {
    fn of<'a>(names: impl Iterator<Item = &'a str>) -> NameMap<String, usize> {
        let mut out = NameMap::default();
        for (i, name) in names.enumerate() {
            out.entry(name.to_owned()).or_insert(i);
        }
        out
    }
}

impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}

/// `items[index[name]]` when it is called `name`, else the first item called `name`.
fn lookup<'a, T>(
    items: &'a [T],
    index: &NameMap<String, usize>,
    name: &str,
    key: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    match index.get(name).and_then(|&i| items.get(i)) {
        Some(item) if key(item) == name => Some(item),
        _ => items.iter().find(|item| key(item) == name),
    }
}

/// A named object type that properties refer to (`User`, `Contact Event`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Object {
    /// Snake-case id (`contact_event`).
    pub id: String,
    /// Human title (`Contact Event Object`).
    pub title: String,
    /// Description text.
    pub description: String,
    /// Properties in table order.
    pub properties: Vec<Property>,
    /// When the table has a `*` row: other keys are allowed, with values of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional: Option<Type>,
    /// The example, if the spec gives one.
    pub example: Option<Example>,
    /// Line of the heading.
    pub line: usize,
    /// Span of the heading title.
    #[serde(skip)]
    pub span: Span,
}

/// A state machine: the allowed sequences of states of something (an interaction, an order).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Lifecycle {
    /// Snake-case id (`interaction`).
    pub id: String,
    /// Human title.
    pub title: String,
    /// Description text.
    pub description: String,
    /// Every state, in order of first mention.
    pub states: Vec<String>,
    /// States a sequence may start in.
    pub initial: Vec<String>,
    /// States a sequence may end in.
    pub terminal: Vec<String>,
    /// Allowed transitions `(from, to)`, in order of first mention.
    pub transitions: Vec<(String, String)>,
    /// The documented sequences, verbatim.
    pub sequences: Vec<Vec<String>>,
    /// For each sequence, the text that introduces it (the paragraph just before it), or "".
    pub captions: Vec<String>,
    /// Line of the heading.
    pub line: usize,
    /// Span of the heading title.
    #[serde(skip)]
    pub span: Span,
}

/// The spec's identity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SpecInfo {
    /// The file stem: `onlive` for `spec/onlive.md`. Names generated packages.
    pub name: String,
    /// The document title.
    pub title: String,
    /// The intro text.
    pub description: String,
    /// The path as given (with `/` separators).
    pub source: String,
}

/// An event: what a `track` call sends.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// Snake-case id (`element_click`).
    pub id: String,
    /// What goes in the envelope's `event` field, verbatim.
    pub name: String,
    /// Human title (`Element Click`).
    pub title: String,
    /// Description text.
    pub description: String,
    /// Ids of the data groups the event includes, in order of first appearance in its table.
    pub groups: Vec<String>,
    /// All wire properties in table order; each knows its origin.
    pub properties: Vec<Property>,
    /// When the table has a `*` row: other keys are allowed, with values of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional: Option<Type>,
    /// The example payload, if the spec gives one.
    pub example: Option<Example>,
    /// Line of the heading.
    pub line: usize,
    /// Span of the heading title.
    #[serde(skip)]
    pub span: Span,
}

/// A reusable group of properties (`Data` section).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Group {
    /// Snake-case id (`organization`).
    pub id: String,
    /// Human title.
    pub title: String,
    /// Description text.
    pub description: String,
    /// Properties in table order.
    pub properties: Vec<Property>,
    /// Line of the heading.
    pub line: usize,
    /// Span of the heading title.
    #[serde(skip)]
    pub span: Span,
}

/// One row of a property table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Property {
    /// The wire key, verbatim (`form_name`, `isAgent`, `__v`).
    pub name: String,
    /// The type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// `true` when the name had a trailing `?`: the key may be absent (never `null`).
    pub optional: bool,
    /// Allowed values (enum rows only), in spec order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Example values from the `Possible Values` column (non-enum rows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<serde_json::Value>,
    /// Description text.
    pub description: String,
    /// The `Introduced / Updated` column (a version), when the spec has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Where the property comes from: the event itself or an included data group.
    pub origin: Origin,
    /// Line of the row.
    pub line: usize,
    /// Column of the name cell.
    pub column: usize,
    /// Span of the name cell.
    #[serde(skip)]
    pub span: Span,
}

/// Where an event's property is defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "group", rename_all = "snake_case")]
pub enum Origin {
    /// The event's (or group's) own row.
    Own,
    /// Comes from the named data group.
    Group(String),
}

/// A property type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    /// A JSON string, possibly with a checked format.
    String {
        /// The format (`uuid`, `date-time`...), if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<StringFormat>,
    },
    /// Any JSON number.
    Number,
    /// A JSON number with no fractional part.
    Integer {
        /// Unit shown in docs (`timestamp`, `milliseconds`).
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<Unit>,
    },
    /// `true` or `false`.
    Boolean,
    /// A free-form JSON object.
    Object,
    /// Any JSON value.
    Any,
    /// A JSON array.
    Array {
        /// Element type.
        items: Box<Type>,
    },
    /// A string from a named set ([`Model::enums`]; closed unless the enum is `open`).
    Enum {
        /// The enum's name.
        name: String,
    },
    /// An object whose values all have one type, keyed by any string (a hash keyed by id).
    Map {
        /// Value type.
        values: Box<Type>,
    },
    /// A named object type ([`Model::objects`]).
    Ref {
        /// The object's id.
        name: String,
    },
    /// One of several types.
    Union {
        /// The alternatives, in spec order.
        variants: Vec<Type>,
    },
}

/// Checked string formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StringFormat {
    /// Hyphenated 8-4-4-4-12 hex, any version, either case.
    Uuid,
    /// RFC 3339 date-time.
    DateTime,
    /// `YYYY-MM-DD`.
    Date,
    /// An e-mail address (`local@domain`).
    Email,
    /// An absolute URI (`scheme:...`).
    Uri,
}

impl StringFormat {
    /// The JSON Schema `format` keyword value.
    pub fn as_str(self) -> &'static str {
        match self {
            StringFormat::Uuid => "uuid",
            StringFormat::DateTime => "date-time",
            StringFormat::Date => "date",
            StringFormat::Email => "email",
            StringFormat::Uri => "uri",
        }
    }
}

/// Units of integer properties (documentation only; the wire value is an integer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Milliseconds since the Unix epoch.
    Timestamp,
    /// A duration in milliseconds.
    Milliseconds,
    /// A duration in seconds.
    Seconds,
}

impl Unit {
    /// How the unit reads in documentation.
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Timestamp => "timestamp",
            Unit::Milliseconds => "milliseconds",
            Unit::Seconds => "seconds",
        }
    }
}

/// A named, shared enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EnumDef {
    /// Name (the property name that first defined it, e.g. `element_type`).
    pub name: String,
    /// Allowed values, exact (case and spaces significant), in spec order.
    pub values: Vec<String>,
    /// `true` for an open enum: the values are the known ones, any other string is accepted too.
    pub open: bool,
    /// Line of the first definition.
    pub line: usize,
}

/// An example payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Example {
    /// Verbatim text of the block.
    pub raw: String,
    /// Parsed value, when the text parses as JSON or JSON5.
    pub parsed: Option<serde_json::Value>,
    /// When the text parses only once missing commas are added: that value (used to check the
    /// example against its table; not serialized).
    #[serde(skip)]
    pub repaired: Option<serde_json::Value>,
    /// Line of the first line of the block.
    pub line: usize,
}

impl Model {
    /// Rebuilds the name lookups of [`Model::enum_def`], [`Model::group`], [`Model::object`] and
    /// [`Model::event`] (after lowering, or after editing the model's lists).
    pub(crate) fn reindex(&mut self) {
        self.index = Index {
            enums: Index::of(self.enums.iter().map(|e| e.name.as_str())),
            groups: Index::of(self.groups.iter().map(|g| g.id.as_str())),
            objects: Index::of(self.objects.iter().map(|o| o.id.as_str())),
            events: Index::of(self.events.iter().map(|e| e.id.as_str())),
        };
    }

    /// The (first) enum called `name`.
    pub fn enum_def(&self, name: &str) -> Option<&EnumDef> {
        lookup(&self.enums, &self.index.enums, name, |e| &e.name)
    }

    /// The group with id `id`.
    pub fn group(&self, id: &str) -> Option<&Group> {
        lookup(&self.groups, &self.index.groups, id, |g| &g.id)
    }

    /// The object type with id `id`.
    pub fn object(&self, id: &str) -> Option<&Object> {
        lookup(&self.objects, &self.index.objects, id, |o| &o.id)
    }

    /// The event with id `id`.
    pub fn event(&self, id: &str) -> Option<&Event> {
        lookup(&self.events, &self.index.events, id, |e| &e.id)
    }
}

impl Event {
    /// The event's own properties (those not from an included group).
    pub fn own_properties(&self) -> impl Iterator<Item = &Property> {
        self.properties.iter().filter(|p| p.origin == Origin::Own)
    }
}
