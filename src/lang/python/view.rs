//! Views: every identifier, literal, doc line and width-dependent layout the Python templates
//! print, computed from the model. Templates only place these strings.

use std::collections::{BTreeMap, BTreeSet};

use super::layout::{self, Ann, Default, Expr, Rhs};
use super::names;
use super::text::{doc_lines, docstring, line_comment, string_literal, toml_string};
use crate::diag::{Diagnostic, Diagnostics, Severity, Span};
use crate::lang::Context;
use crate::lang::naming::FieldScope;
use crate::lang::naming::{Case, Scope, ident};
use crate::model::{Event, Group, Lifecycle, Model, Property, StringFormat, Type};

/// The whole package.
#[derive(Debug)]
pub(super) struct Package {
    /// `onlive_tracker`: the import package (folder) name.
    pub dir: String,
    /// `# @generated ...` header lines.
    pub header: String,
    /// `pyproject.toml`.
    pub project: ProjectView,
    /// `__init__.py`.
    pub module: ModuleView,
}

/// `pyproject.toml`.
#[derive(Debug)]
pub(super) struct ProjectView {
    /// The header as TOML comment lines.
    pub header: String,
    /// `"onlive-tracker"`, a TOML string.
    pub name: String,
    /// `"0.1.0"`, a TOML string.
    pub version: String,
    /// A TOML string.
    pub description: String,
    /// `onlive_tracker`.
    pub dir: String,
    /// `"onlive_tracker"`, a TOML string.
    pub dir_literal: String,
}

/// `__init__.py`.
#[derive(Debug)]
pub(super) struct ModuleView {
    /// Header comment lines.
    pub header: String,
    /// The module docstring (rendered).
    pub docstring: String,
    /// `from dataclasses import ...` and `from typing import ...` lines.
    pub std_imports: String,
    /// `from ._runtime import (...)`.
    pub runtime_imports: String,
    /// `__all__ = [...]`.
    pub all: String,
    /// Enum aliases and value tuples.
    pub enums: Vec<EnumView>,
    /// `_CHECK_n = ...` statements.
    pub checks: Vec<String>,
    /// Object type classes.
    pub objects: Vec<RecordView>,
    /// `_CHECK_n = ...` statements that name object classes (after them).
    pub late_checks: Vec<String>,
    /// Data group classes.
    pub groups: Vec<RecordView>,
    /// Event classes.
    pub events: Vec<RecordView>,
    /// `OnliveEvent: TypeAlias = ...`.
    pub union: String,
    /// `OnliveEvent`.
    pub union_name: String,
    /// `EVENT_NAMES: tuple[str, ...] = (...)`.
    pub event_names: String,
    /// `_PARSERS: dict[...] = {...}`.
    pub parsers: String,
    /// Whether the plan has events (else the union is `NoReturn` and nothing parses).
    pub has_events: bool,
    /// The envelope's fields besides `event` and `properties`, when the plan has some.
    pub envelope: Option<RecordView>,
    /// `event: OnliveEvent` (the `ParsedEnvelope` field) at indent 4.
    pub parsed_event: String,
    /// `def to_envelope(event, fields) -> ...:` with envelope fields.
    pub to_envelope_def: String,
    /// Lifecycle state aliases and classes.
    pub lifecycles: Vec<LifecycleView>,
    /// The tracker class.
    pub tracker: TrackerView,
}

/// A lifecycle: its state alias and its class.
#[derive(Debug)]
pub(super) struct LifecycleView {
    /// `InteractionState: TypeAlias = Literal[...]`.
    pub alias: String,
    /// Its docstring.
    pub alias_doc: String,
    /// `InteractionLifecycle`.
    pub class: String,
    /// Class docstring at indent 4.
    pub doc: String,
    /// Class constants with their docstrings, at indent 4.
    pub constants: Vec<String>,
    /// `_state: InteractionState | None` at indent 4.
    pub state_field: String,
    /// `def state(self) -> ...:` at indent 4.
    pub state_def: String,
    /// `def allowed(self) -> ...:` at indent 4.
    pub allowed_def: String,
    /// `def advance(self, state: ...) -> None:` at indent 4.
    pub advance_def: String,
}

/// One enum: a `Literal` alias and the tuple of its values.
#[derive(Debug)]
pub(super) struct EnumView {
    /// `ElementType: TypeAlias = Literal[...]`.
    pub alias: String,
    /// Its docstring.
    pub alias_doc: String,
    /// `ELEMENT_TYPE_VALUES: tuple[ElementType, ...] = (...)`.
    pub values: String,
    /// Its docstring.
    pub values_doc: String,
}

/// A dataclass: a data group or an event.
#[derive(Debug)]
pub(super) struct RecordView {
    /// Class name.
    pub name: String,
    /// Class docstring at indent 4.
    pub doc: String,
    /// `ClassVar` declarations (with their docstrings) at indent 4.
    pub class_vars: Vec<String>,
    /// Fields in declaration order (required first).
    pub fields: Vec<FieldView>,
    /// `to_dict` body statements at indent 8, in table order.
    pub to_dict: Vec<String>,
    /// `from_dict` docstring text (one line).
    pub from_dict_doc: String,
    /// The `def from_dict(...) -> Class:` line(s), laid out as ruff format does.
    pub from_dict_def: String,
    /// The `def _from_wire(...) -> Class:` line(s).
    pub from_wire_def: String,
    /// `_from_wire` statements reading each property, at indent 8, in table order.
    pub parse: Vec<String>,
    /// The statement rejecting keys not in the table (none with a `*` row), at indent 8.
    pub reject: Option<String>,
    /// The final `return cls(...)` at indent 8.
    pub construct: String,
}

/// A dataclass field.
#[derive(Debug)]
pub(super) struct FieldView {
    /// The declaration at indent 4.
    pub decl: String,
    /// Its attribute docstring at indent 4 (may be empty).
    pub doc: String,
}

/// The `Tracker` class.
#[derive(Debug)]
pub(super) struct TrackerView {
    /// `_NAME = "onlive-tracker-python"`.
    pub default_name: String,
    /// `_VERSION = "0.1.0"`.
    pub default_version: String,
    /// `_TRACKER_NAME_EVENTS = (...)` when some events carry `tracker_name`.
    pub name_events: Option<String>,
    /// `_TRACKER_VERSION_EVENTS = (...)` when some events carry `tracker_version`.
    pub version_events: Option<String>,
    /// One typed method per event.
    pub methods: Vec<MethodView>,
    /// Whether the plan has envelope fields (the tracker takes an `envelope`).
    pub has_envelope: bool,
    /// Whether some envelope field is required (then so is the tracker's `envelope`).
    pub envelope_required: bool,
    /// `def track(...)` at indent 4, with envelope fields.
    pub track_def: String,
}

/// A typed `Tracker` method.
#[derive(Debug)]
pub(super) struct MethodView {
    /// The `def ...:` line(s) at indent 4.
    pub def: String,
    /// Docstring at indent 8.
    pub doc: String,
    /// The body: `self.track(...)` at indent 8.
    pub call: String,
}

/// Composite checkers (`_CHECK_n`), shared between properties of the same type. A checker that
/// names an object class (`User._from_wire`), directly or through another checker, is *late*: it
/// is defined after the object classes; the others come before every class.
#[derive(Debug, Default)]
struct Checks {
    by_expr: crate::NameMap<String, String>,
    statements: Vec<String>,
    late: Vec<String>,
    late_names: crate::NameSet<String>,
}

impl Checks {
    fn intern(&mut self, head: &str, args: Vec<String>) -> String {
        let key = format_line!("{head}({})", args.join(", "));
        if let Some(name) = self.by_expr.get(&key) {
            return name.clone();
        }
        let name = format_line!("_CHECK_{}", self.statements.len() + self.late.len());
        let late = args
            .iter()
            .any(|a| a.ends_with("._from_wire") || self.late_names.contains(a));
        let statement = layout::call(0, &format_line!("{name} = {head}("), &args, ")");
        if late {
            self.late.push(statement);
            self.late_names.insert(name.clone());
        } else {
            self.statements.push(statement);
        }
        self.by_expr.insert(key, name.clone());
        name
    }
}

/// Shared state while building views.
struct Builder<'a> {
    model: &'a Model,
    /// Enum name → (alias ident, values ident).
    enums: crate::NameMap<String, (String, String)>,
    /// Object id → class name.
    objects: crate::NameMap<String, String>,
    checks: Checks,
}

impl Builder<'_> {
    /// The Python annotation of a type.
    fn py_type(&self, ty: &Type) -> String {
        match ty {
            Type::String { .. } => "str".to_owned(),
            Type::Number => "float".to_owned(),
            Type::Integer { .. } => "int".to_owned(),
            Type::Boolean => "bool".to_owned(),
            Type::Object => "dict[str, JsonValue]".to_owned(),
            Type::Any => "JsonValue".to_owned(),
            Type::Array { items } => format_line!("list[{}]", self.py_type(items)),
            Type::Map { values } => format_line!("dict[str, {}]", self.py_type(values)),
            Type::Ref { name } => self
                .objects
                .get(name)
                .map_or_else(|| "dict[str, JsonValue]".to_owned(), Clone::clone),
            Type::Enum { name } => self
                .enums
                .get(name)
                .map_or_else(|| "str".to_owned(), |(alias, _)| alias.clone()),
            Type::Union { variants } => {
                let mut seen = BTreeSet::new();
                let parts: Vec<String> = variants
                    .iter()
                    .map(|v| self.py_type(v))
                    .filter(|t| seen.insert(t.clone()))
                    .collect();
                parts.join(" | ")
            }
        }
    }

    /// The checker (a `Check[T]` expression: a runtime function or a `_CHECK_n`) for a type.
    fn check(&mut self, ty: &Type) -> String {
        match ty {
            Type::String { format } => match format {
                None => "_rt.as_str",
                Some(StringFormat::Uuid) => "_rt.as_uuid",
                Some(StringFormat::DateTime) => "_rt.as_date_time",
                Some(StringFormat::Date) => "_rt.as_date",
                Some(StringFormat::Email) => "_rt.as_email",
                Some(StringFormat::Uri) => "_rt.as_uri",
            }
            .to_owned(),
            Type::Number => "_rt.as_number".to_owned(),
            Type::Integer { .. } => "_rt.as_integer".to_owned(),
            Type::Boolean => "_rt.as_bool".to_owned(),
            Type::Object => "_rt.as_object".to_owned(),
            Type::Any => "_rt.as_any".to_owned(),
            Type::Array { items } => {
                let item = self.check(items);
                self.checks.intern("_rt.list_of", vec![item])
            }
            Type::Map { values } => {
                let value = self.check(values);
                self.checks.intern("_rt.map_of", vec![value])
            }
            Type::Ref { name } => self.objects.get(name).map_or_else(
                || "_rt.as_object".to_owned(),
                |c| format_line!("{c}._from_wire"),
            ),
            Type::Enum { name } if self.model.enum_def(name).is_some_and(|e| e.open) => {
                "_rt.as_str".to_owned()
            }
            Type::Enum { name } => {
                let values = self
                    .enums
                    .get(name)
                    .map_or_else(|| "()".to_owned(), |(_, v)| v.clone());
                self.checks.intern("_rt.one_of", vec![values])
            }
            Type::Union { variants } => self.union_check(variants),
        }
    }

    /// Unions check right to left as nested binary `either`s, each reporting the whole union.
    fn union_check(&mut self, variants: &[Type]) -> String {
        let expected = string_literal(&describe_union(variants));
        let mut checks: Vec<String> = variants.iter().map(|v| self.check(v)).collect();
        let Some(mut acc) = checks.pop() else {
            return "_rt.as_any".to_owned();
        };
        while let Some(prev) = checks.pop() {
            acc = self
                .checks
                .intern("_rt.either", vec![prev, acc, expected.clone()]);
        }
        acc
    }

    /// Doc lines of a property: description, wire name, format, unit, values, examples.
    fn property_doc(&self, p: &Property, ident: &str) -> Vec<String> {
        let mut lines = doc_lines(&p.description);
        let mut facts = Vec::new();
        if ident != p.name {
            facts.push(format_line!("Wire name: ``{}``.", p.name));
        }
        match &p.ty {
            Type::String {
                format: Some(format),
            } => facts.push(format_line!("Format: {}.", format.as_str())),
            Type::Integer { unit: Some(unit) } => {
                facts.push(format_line!("Unit: {}.", unit.describe()));
            }
            _ => {}
        }
        let values: Vec<&str> = if p.values.is_empty() {
            match &p.ty {
                Type::Enum { name } => self
                    .model
                    .enum_def(name)
                    .map(|e| e.values.iter().map(String::as_str).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            }
        } else {
            p.values.iter().map(String::as_str).collect()
        };
        let open = match &p.ty {
            Type::Enum { name } => self.model.enum_def(name).is_some_and(|e| e.open),
            _ => false,
        };
        if !values.is_empty() {
            let shown: Vec<String> = values.iter().map(|v| json_text(v)).collect();
            if open {
                facts.push(format_line!(
                    "Known values: {}; any other string is accepted too.",
                    shown.join(", ")
                ));
            } else {
                facts.push(format_line!("One of: {}.", shown.join(", ")));
            }
        }
        if !p.examples.is_empty() {
            let shown: Vec<String> = p.examples.iter().map(|v| v.to_string()).collect();
            let label = if shown.len() == 1 {
                "Example"
            } else {
                "Examples"
            };
            facts.push(format_line!("{label}: {}.", shown.join(", ")));
        }
        if let Some(since) = &p.since {
            facts.push(format_line!("Since: {since}."));
        }
        let facts: Vec<String> = facts.iter().flat_map(|f| doc_lines(f)).collect();
        if !facts.is_empty() && !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(facts);
        lines
    }
}

/// The order `ruff` wants in `__all__` (RUF022, isort style): SCREAMING_CASE names, then
/// CamelCase, then the rest; within each, a natural sort (digit runs compare as numbers).
fn dunder_all_key(name: &str) -> (u8, Vec<(u8, u128, char)>) {
    let screaming = name.chars().count() > 1 && !name.chars().any(|c| c.is_lowercase());
    let class = if screaming {
        0
    } else if name.starts_with(|c: char| c.is_uppercase()) {
        1
    } else {
        2
    };
    let mut key = Vec::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = c.to_digit(10) {
            let mut n = u128::from(d);
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(u128::from(d));
                chars.next();
            }
            key.push((0, n, '0'));
        } else {
            key.push((1, 0, c));
        }
    }
    (class, key)
}

/// An error about the whole spec (no line to point at).
pub(super) fn file_error(d: &mut Diagnostics, code: &'static str, message: String) {
    let mut diag = Diagnostic::new(Severity::Error, code, Span::default(), message);
    diag.span = None;
    d.push(diag);
}

/// PEP 508 / core metadata: `^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$`, case-insensitive.
fn valid_project_name(name: &str) -> bool {
    let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    ends_ok(name.chars().next())
        && ends_ok(name.chars().last())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// `"text"` as JSON (for docs).
fn json_text(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

fn describe(ty: &Type) -> String {
    match ty {
        Type::String { format: None } => "a string".to_owned(),
        Type::String { format: Some(f) } => format_line!("a {} string", f.as_str()),
        Type::Number => "a number".to_owned(),
        Type::Integer { .. } => "an integer".to_owned(),
        Type::Boolean => "a boolean".to_owned(),
        Type::Object | Type::Map { .. } => "an object".to_owned(),
        Type::Ref { name } => format_line!("a {name} object"),
        Type::Any => "a value".to_owned(),
        Type::Array { .. } => "an array".to_owned(),
        Type::Enum { name } => format_line!("a {name} value"),
        Type::Union { variants } => describe_union(variants),
    }
}

fn describe_union(variants: &[Type]) -> String {
    let parts: Vec<String> = variants.iter().map(describe).collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format_line!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => "a value".to_owned(),
    }
}

/// Whether serialising a value of this type goes through `_rt.plain`: lists (they are
/// invariant, so a `list[str]` is not a `JsonValue` for mypy) and objects or any-values, so the
/// envelope is a copy the caller's later mutations cannot reach.
fn needs_copy(ty: &Type) -> bool {
    match ty {
        Type::Array { .. } | Type::Object | Type::Any | Type::Map { .. } | Type::Ref { .. } => true,
        Type::Union { variants } => variants.iter().any(needs_copy),
        _ => false,
    }
}

/// Where each enum is used first in the source, for diagnostics (enums carry a line, not a span).
fn enum_spans(model: &Model) -> crate::NameMap<&str, Span> {
    let groups = model.groups.iter().flat_map(|g| g.properties.iter());
    let events = model.events.iter().flat_map(|e| e.properties.iter());
    let objects = model.objects.iter().flat_map(|o| o.properties.iter());
    crate::lang::earliest_enum_uses(
        groups
            .chain(events)
            .chain(objects)
            .chain(model.envelope.iter()),
    )
}

/// Whether an event lists a group's rows unchanged (type, optionality, values). Otherwise the
/// event's rows win (the model's rule), and the event cannot reuse the group's class.
fn same_rows(ev: &Event, g: &Group) -> bool {
    g.properties.iter().all(|gp| {
        ev.properties
            .iter()
            .find(|p| p.name == gp.name)
            .is_some_and(|p| p.ty == gp.ty && p.optional == gp.optional && p.values == gp.values)
    })
}

/// A group view's field idents by wire name, and whether the group has required properties.
struct GroupInfo {
    class: String,
    fields: BTreeMap<String, String>,
    required: bool,
    title: String,
    description: String,
}

/// Builds every view. Problems (names) go to `d`.
pub(super) fn build(model: &Model, cx: &Context, d: &mut Diagnostics) -> Package {
    let spec = &model.spec.name;
    // The distribution name (`onlive-tracker`, or the user's) and its import package.
    let project_name = cx
        .package_name
        .clone()
        .unwrap_or_else(|| format_line!("{spec}-tracker"));
    if !valid_project_name(&project_name) {
        file_error(
            d,
            "python-package-name",
            format_line!(
                "`{project_name}` is not a valid Python distribution name (letters, digits, `.`, \
                 `_`, `-`, starting and ending with a letter or digit)"
            ),
        );
    }
    let dir = ident(&names::FIELDS, &project_name, Case::Snake)
        .map_or_else(|| "tracker".to_owned(), |(i, _)| i);
    let header = line_comment(&cx.header()).join("\n");

    let mut module = Scope::new();
    let union_name = ident(
        &names::MODULE,
        &format_line!("{spec} event"),
        Case::UpperCamel,
    )
    .map_or_else(|| "Event".to_owned(), |(i, _)| i);
    module.reserve(&union_name);

    let mut b = Builder {
        model,
        enums: crate::NameMap::default(),
        objects: crate::NameMap::default(),
        checks: Checks::default(),
    };
    let mut all: BTreeSet<String> = [
        "EVENT_NAMES",
        "ErrorKind",
        "JsonValue",
        "NoopSink",
        "ParseError",
        "RecordingSink",
        "Sink",
        "Tracker",
        "parse_envelope",
        "to_envelope",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    all.insert(union_name.clone());

    // Enums.
    let mut enums = Vec::new();
    let enum_spans = enum_spans(model);
    for e in &model.enums {
        let at = enum_spans.get(e.name.as_str()).copied().unwrap_or_default();
        let alias = module.claim(&names::MODULE, &e.name, Case::UpperCamel, at, "enum", d);
        let values_name = module.claim(
            &names::MODULE,
            &format_line!("{} values", e.name),
            Case::ShoutySnake,
            at,
            "enum",
            d,
        );
        if e.values.is_empty() && !e.open {
            d.error(
                "python-empty-enum",
                at,
                format_line!(
                    "enum `{}` has no values; Python's `Literal[]` needs at least one",
                    e.name
                ),
            );
        }
        let lits: Vec<String> = e.values.iter().map(|v| string_literal(v)).collect();
        let (alias_line, alias_doc) = if !e.open {
            (
                layout::literal_alias(&alias, &lits),
                format_line!("The values of ``{}``.", e.name),
            )
        } else if lits.is_empty() {
            (
                format_line!("{alias}: TypeAlias = str"),
                format_line!("The values of ``{}``: any string (an open enum).", e.name),
            )
        } else {
            (
                layout::open_literal_alias(&alias, &lits),
                format_line!(
                    "The values of ``{}``: the known ones, or any other string (an open enum).",
                    e.name
                ),
            )
        };
        enums.push(EnumView {
            alias: alias_line,
            alias_doc: docstring(&doc_lines(&alias_doc), 0),
            values: layout::values_tuple(&values_name, &alias, &lits),
            values_doc: docstring(
                &[format_line!(
                    "Every {}value of ``{alias}``, in spec order.",
                    if e.open { "known " } else { "" }
                )],
                0,
            ),
        });
        all.insert(alias.clone());
        all.insert(values_name.clone());
        b.enums.insert(e.name.clone(), (alias, values_name));
    }

    // Object types: every class name first (objects refer to each other), then the classes.
    for o in &model.objects {
        let class = module.claim(
            &names::MODULE,
            &o.id,
            Case::UpperCamel,
            o.span,
            "object type",
            d,
        );
        all.insert(class.clone());
        b.objects.insert(o.id.clone(), class);
    }
    let mut objects = Vec::new();
    for o in &model.objects {
        let class = b.objects.get(&o.id).cloned().unwrap_or_default();
        let mut scope = FieldScope::new(&names::FIELDS, names::PRIVATE_RESERVED);
        let members: Vec<Member<'_>> = o
            .properties
            .iter()
            .enumerate()
            .map(|(i, p)| Member::Own {
                index: i,
                prop: p,
                ident: scope.claim(&p.name, p.span, "property", d),
            })
            .collect();
        let mut doc = doc_lines(&format_line!("{} (object type ``{}``).", o.title, o.id));
        let desc = doc_lines(&o.description);
        if !desc.is_empty() {
            doc.push(String::new());
            doc.extend(desc);
        }
        objects.push(b.record(
            &class,
            doc,
            None,
            &o.properties,
            &members,
            &BTreeMap::new(),
            o.additional.as_ref(),
            &format_line!("Parses a ``{}`` object strictly (raises ParseError).", o.id),
        ));
    }

    // Data groups.
    let mut groups = Vec::new();
    let mut infos: crate::NameMap<String, GroupInfo> = crate::NameMap::default();
    for g in &model.groups {
        let class = module.claim(
            &names::MODULE,
            &format_line!("{} group", g.id),
            Case::UpperCamel,
            g.span,
            "data group",
            d,
        );
        let mut scope = FieldScope::new(&names::FIELDS, names::PRIVATE_RESERVED);
        let mut fields = BTreeMap::new();
        let mut members = Vec::new();
        for (i, p) in g.properties.iter().enumerate() {
            let id = scope.claim(&p.name, p.span, "property", d);
            fields.insert(p.name.clone(), id.clone());
            members.push(Member::Own {
                index: i,
                prop: p,
                ident: id,
            });
        }
        let mut doc = doc_lines(&format_line!("{} (data group ``{}``).", g.title, g.id));
        let desc = doc_lines(&g.description);
        if !desc.is_empty() {
            doc.push(String::new());
            doc.extend(desc);
        }
        groups.push(b.record(
            &class,
            doc,
            None,
            &g.properties,
            &members,
            &BTreeMap::new(),
            None,
            "Parses the group's properties object strictly (raises ParseError).",
        ));
        all.insert(class.clone());
        infos.insert(
            g.id.clone(),
            GroupInfo {
                class,
                fields,
                required: g.properties.iter().any(|p| !p.optional),
                title: g.title.clone(),
                description: g.description.clone(),
            },
        );
    }

    // Events.
    let mut events = Vec::new();
    let mut classes = Vec::new();
    let mut methods_scope = Scope::new();
    let mut methods = Vec::new();
    let mut name_events = Vec::new();
    let mut version_events = Vec::new();
    let mut parsers = Vec::new();
    for ev in &model.events {
        let class = module.claim(
            &names::MODULE,
            &ev.id,
            Case::UpperCamel,
            ev.span,
            "event",
            d,
        );
        let method = methods_scope.claim(&names::METHODS, &ev.id, Case::Snake, ev.span, "event", d);
        let mut scope = FieldScope::new(&names::FIELDS, names::PRIVATE_RESERVED);
        // Groups whose class the event can reuse, by id.
        let mut reused: BTreeMap<&str, &GroupInfo> = BTreeMap::new();
        for id in &ev.groups {
            let Some((g, info)) = model.group(id).zip(infos.get(id)) else {
                continue;
            };
            if same_rows(ev, g) {
                reused.insert(id.as_str(), info);
            } else {
                d.note(
                    "python-group-inlined",
                    ev.span,
                    format_line!(
                        "event `{}` changes rows of data group `{id}`, so in Python its {} \
                         properties are fields of the event instead of a `{}` field",
                        ev.id,
                        id,
                        info.class
                    ),
                );
            }
        }
        let mut members = Vec::new();
        let mut group_fields: BTreeMap<String, String> = BTreeMap::new();
        for (i, p) in ev.properties.iter().enumerate() {
            let from = match &p.origin {
                crate::model::Origin::Group(id) => reused.get(id.as_str()).map(|info| (id, info)),
                crate::model::Origin::Own => None,
            };
            match from {
                Some((id, info)) => {
                    if !group_fields.contains_key(id) {
                        let field = scope.claim(id, p.span, "data group", d);
                        group_fields.insert(id.clone(), field.clone());
                        members.push(Member::Group {
                            id: id.clone(),
                            field,
                            class: info.class.clone(),
                            required: info.required,
                        });
                    }
                }
                None => {
                    let id = scope.claim(&p.name, p.span, "property", d);
                    members.push(Member::Own {
                        index: i,
                        prop: p,
                        ident: id,
                    });
                }
            }
        }
        let mut doc = doc_lines(&format_line!("{} (event ``{}``).", ev.title, ev.name));
        let desc = doc_lines(&ev.description);
        if !desc.is_empty() {
            doc.push(String::new());
            doc.extend(desc);
        }
        let name_lit = string_literal(&ev.name);
        let group_views: BTreeMap<String, GroupRef> = group_fields
            .keys()
            .filter_map(|id| {
                infos.get(id).map(|info| {
                    (
                        id.clone(),
                        GroupRef {
                            fields: info.fields.clone(),
                            title: info.title.clone(),
                            description: info.description.clone(),
                        },
                    )
                })
            })
            .collect();
        events.push(b.record(
            &class,
            doc,
            Some(&name_lit),
            &ev.properties,
            &members,
            &group_views,
            ev.additional.as_ref(),
            "Parses the event's properties object strictly (raises ParseError).",
        ));
        all.insert(class.clone());
        classes.push(class.clone());
        parsers.push(format_line!("{name_lit}: {class}._from_wire"));
        let plain_string = |wire: &str| {
            ev.properties
                .iter()
                .any(|p| p.name == wire && p.ty == Type::String { format: None })
        };
        if plain_string("tracker_name") {
            name_events.push(name_lit.clone());
        }
        if plain_string("tracker_version") {
            version_events.push(name_lit.clone());
        }
        let mut mdoc = doc_lines(&format_line!("Tracks ``{}``.", ev.name));
        let first = ev.description.lines().find(|l| !l.trim().is_empty());
        if let Some(first) = first {
            mdoc.push(String::new());
            mdoc.extend(doc_lines(first));
        }
        let mut params = vec!["self".to_owned(), format_line!("event: {class}")];
        let call = if model.envelope.is_empty() {
            "        self.track(event)".to_owned()
        } else {
            params.push("*".to_owned());
            params.push("envelope: EnvelopeFields | None = None".to_owned());
            mdoc.push(String::new());
            mdoc.push(
                "``envelope`` replaces the tracker's envelope fields for this call.".to_owned(),
            );
            "        self.track(event, envelope=envelope)".to_owned()
        };
        methods.push(MethodView {
            def: layout::call(4, &format_line!("def {method}("), &params, ") -> None:"),
            doc: docstring(&mdoc, 8),
            call,
        });
    }

    // The envelope's own fields.
    let envelope = if model.envelope.is_empty() {
        None
    } else {
        let mut scope = FieldScope::new(&names::FIELDS, names::PRIVATE_RESERVED);
        let members: Vec<Member<'_>> = model
            .envelope
            .iter()
            .enumerate()
            .map(|(i, p)| Member::Own {
                index: i,
                prop: p,
                ident: scope.claim(&p.name, p.span, "envelope field", d),
            })
            .collect();
        all.insert("EnvelopeFields".to_owned());
        all.insert("ParsedEnvelope".to_owned());
        let doc = vec![
            "The envelope's fields besides ``event`` and ``properties``.".to_owned(),
            String::new(),
            "The tracker writes them into every envelope; ``parse_envelope`` returns them with the"
                .to_owned(),
            "event.".to_owned(),
        ];
        let mut record = b.record(
            "EnvelopeFields",
            doc,
            None,
            &model.envelope,
            &members,
            &BTreeMap::new(),
            None,
            "Reads the fields of an envelope (``event`` and ``properties`` are ignored).",
        );
        record.reject = Some(layout::call(
            8,
            "_rt.reject_unknown(",
            &[
                "obj".to_owned(),
                "(*cls._WIRE_KEYS, \"event\", \"properties\")".to_owned(),
                "at".to_owned(),
            ],
            ")",
        ));
        Some(record)
    };

    // Lifecycles.
    let mut lifecycles = Vec::new();
    for l in &model.lifecycles {
        let view = lifecycle(l, &mut module, d);
        all.insert(view.class.clone());
        if let Some((alias, _)) = view.alias.split_once(':') {
            all.insert(alias.to_owned());
        }
        lifecycles.push(view);
    }
    if !lifecycles.is_empty() {
        all.insert("LifecycleError".to_owned());
    }

    let event_lits: Vec<String> = model
        .events
        .iter()
        .map(|e| string_literal(&e.name))
        .collect();
    let records = || {
        events
            .iter()
            .chain(groups.iter())
            .chain(objects.iter())
            .chain(envelope.iter())
    };
    let needs_field =
        records().any(|r| r.fields.iter().any(|f| f.decl.contains("default_factory")));
    let has_records = records().next().is_some();

    let mut typing = Vec::new();
    if has_records || !lifecycles.is_empty() {
        typing.push("ClassVar");
    }
    if !enums.is_empty() || !lifecycles.is_empty() {
        typing.push("Literal");
    }
    if model.events.is_empty() {
        typing.push("NoReturn");
    }
    typing.push("TypeAlias");
    let mut std_imports = Vec::new();
    if !lifecycles.is_empty() {
        std_imports.push("from collections.abc import Mapping".to_owned());
    }
    if has_records {
        let dc = if needs_field {
            "dataclass, field"
        } else {
            "dataclass"
        };
        std_imports.push(format_line!("from dataclasses import {dc}"));
    }
    std_imports.push(format_line!("from typing import {}", typing.join(", ")));
    let mut runtime_names: Vec<String> = [
        "ErrorKind",
        "JsonValue",
        "NoopSink",
        "ParseError",
        "RecordingSink",
        "Sink",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain((!lifecycles.is_empty()).then(|| "LifecycleError".to_owned()))
    .collect();
    runtime_names.sort();

    let tuple_of = |name: &str, items: &[String]| {
        layout::tuple(0, &format_line!("{name}: tuple[str, ...] = "), items)
    };
    let tracker = TrackerView {
        default_name: layout::assign(
            0,
            "_NAME",
            &string_literal(&format_line!("{spec}-tracker-python")),
        ),
        default_version: layout::assign(0, "_VERSION", &string_literal(&cx.package_version)),
        name_events: (!name_events.is_empty())
            .then(|| tuple_of("_TRACKER_NAME_EVENTS", &name_events)),
        version_events: (!version_events.is_empty())
            .then(|| tuple_of("_TRACKER_VERSION_EVENTS", &version_events)),
        methods,
        has_envelope: !model.envelope.is_empty(),
        envelope_required: model.envelope.iter().any(|p| !p.optional),
        track_def: layout::call(
            4,
            "def track(",
            &[
                "self".to_owned(),
                format_line!("event: {union_name}"),
                "*".to_owned(),
                "envelope: EnvelopeFields | None = None".to_owned(),
            ],
            ") -> None:",
        ),
    };

    let mut mod_doc = doc_lines(&format_line!(
        "Typed tracker for {}, generated from ``{}``.",
        model.spec.title,
        cx.spec_path
    ));
    let desc = doc_lines(&model.spec.description);
    if !desc.is_empty() {
        mod_doc.push(String::new());
        mod_doc.extend(desc);
    }

    let mut all: Vec<String> = all.into_iter().collect();
    // Cached: the key allocates, and a plan of thousands of events has tens of thousands of names.
    all.sort_by_cached_key(|a| dunder_all_key(a));
    let all_items: Vec<String> = all.iter().map(|n| string_literal(n)).collect();
    let module = ModuleView {
        header: header.clone(),
        docstring: docstring(&mod_doc, 0),
        std_imports: std_imports.join("\n"),
        runtime_imports: layout::exploded(0, "from ._runtime import (", &runtime_names, ")"),
        all: layout::exploded(0, "__all__ = [", &all_items, "]"),
        enums,
        checks: b.checks.statements,
        objects,
        late_checks: b.checks.late,
        groups,
        events,
        union: layout::union_alias(&union_name, &classes),
        union_name: union_name.clone(),
        event_names: tuple_of("EVENT_NAMES", &event_lits),
        parsers: layout::exploded(
            0,
            &format_line!("_PARSERS: dict[str, _rt.Check[{union_name}]] = {{"),
            &parsers,
            "}",
        ),
        has_events: !model.events.is_empty(),
        envelope,
        parsed_event: layout::field("event", &union_name, &Default::Required),
        to_envelope_def: layout::call(
            0,
            "def to_envelope(",
            &[
                format_line!("event: {union_name}"),
                "fields: EnvelopeFields".to_owned(),
            ],
            ") -> dict[str, JsonValue]:",
        ),
        lifecycles,
        tracker,
    };
    let project = ProjectView {
        header: line_comment(&cx.header()).join("\n"),
        name: toml_string(&project_name),
        version: toml_string(&cx.package_version),
        description: toml_string(&format_line!(
            "Typed tracker for {} (generated by trackgen)",
            model.spec.title.lines().next().unwrap_or_default()
        )),
        dir: dir.clone(),
        dir_literal: toml_string(&dir),
    };
    Package {
        dir,
        header,
        project,
        module,
    }
}

/// The views of a lifecycle: a `Literal` alias of its states and a class that follows them.
fn lifecycle(l: &Lifecycle, module: &mut Scope, d: &mut Diagnostics) -> LifecycleView {
    // Lifecycles carry a line, not a span: name it in the message instead.
    let what = format_line!("lifecycle (line {})", l.line);
    let at = Span::default();
    let class = module.claim(
        &names::MODULE,
        &format_line!("{} lifecycle", l.id),
        Case::UpperCamel,
        at,
        &what,
        d,
    );
    let state = module.claim(
        &names::MODULE,
        &format_line!("{} state", l.id),
        Case::UpperCamel,
        at,
        &what,
        d,
    );
    if l.states.is_empty() {
        file_error(
            d,
            "python-empty-lifecycle",
            format_line!(
                "lifecycle `{}` (line {}) has no states; Python's `Literal[]` needs at least one",
                l.id,
                l.line
            ),
        );
    }
    let lits =
        |states: &[String]| -> Vec<String> { states.iter().map(|s| string_literal(s)).collect() };
    let states = Ann::sub("tuple", vec![Ann::name(&state), Ann::name("...")]);
    let constant = |name: &str, ann: &Ann, rhs: Rhs, doc: &str| {
        format_line!(
            "{}\n{}",
            layout::class_constant(4, name, ann, &rhs),
            docstring(&doc_lines(doc), 4)
        )
    };
    let transitions: Vec<String> = l
        .states
        .iter()
        .map(|from| {
            let to: Vec<String> = l
                .transitions
                .iter()
                .filter(|(f, _)| f == from)
                .map(|(_, t)| string_literal(t))
                .collect();
            layout::inline_tuple(8, &format_line!("{}: ", string_literal(from)), &to)
        })
        .collect();
    let sequences: Vec<String> = l
        .sequences
        .iter()
        .map(|s| layout::inline_tuple(8, "", &lits(s)))
        .collect();
    let constants = vec![
        constant(
            "STATES",
            &states,
            Rhs::Tuple(lits(&l.states)),
            "Every state, in order of first mention.",
        ),
        constant(
            "INITIAL",
            &states,
            Rhs::Tuple(lits(&l.initial)),
            "The states a sequence may start in.",
        ),
        constant(
            "TERMINAL",
            &states,
            Rhs::Tuple(lits(&l.terminal)),
            "The states a sequence may end in.",
        ),
        constant(
            "TRANSITIONS",
            &Ann::sub("Mapping", vec![Ann::name(&state), states.clone()]),
            Rhs::Dict(transitions),
            "The states allowed after each state (every state is a key).",
        ),
        constant(
            "SEQUENCES",
            &Ann::sub("tuple", vec![states.clone(), Ann::name("...")]),
            Rhs::Tuple(sequences),
            "The documented sequences (each is allowed from start to end).",
        ),
    ];
    let mut doc = doc_lines(&format_line!("{} (lifecycle ``{}``).", l.title, l.id));
    let desc = doc_lines(&l.description);
    if !desc.is_empty() {
        doc.push(String::new());
        doc.extend(desc);
    }
    if !l.sequences.is_empty() {
        doc.push(String::new());
        doc.push("Documented sequences:".to_owned());
        doc.push(String::new());
        for s in &l.sequences {
            doc.extend(doc_lines(&format_line!("- {}", s.join(" -> "))));
        }
    }
    doc.push(String::new());
    doc.push(
        "A new instance is before the first state: ``advance`` accepts an initial state".to_owned(),
    );
    doc.push("first, then only the allowed transitions.".to_owned());
    let self_only = ["self".to_owned()];
    LifecycleView {
        alias: layout::literal_alias(&state, &lits(&l.states)),
        alias_doc: docstring(
            &doc_lines(&format_line!("The states of the ``{}`` lifecycle.", l.id)),
            0,
        ),
        class,
        doc: docstring(&doc, 4),
        constants,
        state_field: layout::field(
            "_state",
            &format_line!("{state} | None"),
            &Default::Required,
        ),
        state_def: layout::call(
            4,
            "def state(",
            &self_only,
            &format_line!(") -> {state} | None:"),
        ),
        allowed_def: layout::call(
            4,
            "def allowed(",
            &self_only,
            &format_line!(") -> tuple[{state}, ...]:"),
        ),
        advance_def: layout::call(
            4,
            "def advance(",
            &["self".to_owned(), format_line!("state: {state}")],
            ") -> None:",
        ),
    }
}

/// One member of a record, in table order.
enum Member<'a> {
    /// A property declared as a field of this record.
    Own {
        /// Index in the record's property list.
        index: usize,
        prop: &'a Property,
        ident: String,
    },
    /// A data group reused as a field (events only).
    Group {
        id: String,
        field: String,
        class: String,
        required: bool,
    },
}

/// What an event needs of a reused group.
struct GroupRef {
    fields: BTreeMap<String, String>,
    title: String,
    description: String,
}

impl Builder<'_> {
    /// Builds a group or event class. `props` are the wire properties in table order; `members`
    /// the fields (own properties and reused groups) in table order.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        class: &str,
        doc: Vec<String>,
        event_name: Option<&str>,
        props: &[Property],
        members: &[Member<'_>],
        groups: &BTreeMap<String, GroupRef>,
        additional: Option<&Type>,
        from_dict_doc: &str,
    ) -> RecordView {
        let mut class_vars = Vec::new();
        if let Some(lit) = event_name {
            let decl = layout::assign(4, "EVENT_NAME: ClassVar[str]", lit);
            class_vars.push(format_line!(
                "{decl}\n{}",
                docstring(&["The event's name on the wire.".to_owned()], 4)
            ));
        }
        let keys: Vec<String> = props.iter().map(|p| string_literal(&p.name)).collect();
        class_vars.push(layout::tuple(
            4,
            "_WIRE_KEYS: ClassVar[tuple[str, ...]] = ",
            &keys,
        ));

        // Where each wire property lives: `self.x` or `self.group.x`.
        let mut access: BTreeMap<&str, String> = BTreeMap::new();
        let mut required = Vec::new();
        let mut optional = Vec::new();
        for m in members {
            match m {
                Member::Own { prop, ident, .. } => {
                    access.insert(prop.name.as_str(), format_line!("self.{ident}"));
                    let ty = self.py_type(&prop.ty);
                    let doc = docstring(&self.property_doc(prop, ident), 4);
                    if prop.optional {
                        optional.push(FieldView {
                            decl: layout::field(
                                ident,
                                &format_line!("{ty} | None"),
                                &Default::None,
                            ),
                            doc,
                        });
                    } else {
                        required.push(FieldView {
                            decl: layout::field(ident, &ty, &Default::Required),
                            doc,
                        });
                    }
                }
                Member::Group {
                    id,
                    field,
                    class: gclass,
                    required: req,
                } => {
                    if let Some(g) = groups.get(id) {
                        for (wire, f) in &g.fields {
                            access.insert(wire.as_str(), format_line!("self.{field}.{f}"));
                        }
                        let mut lines =
                            doc_lines(&format_line!("{} (data group ``{id}``).", g.title));
                        let desc = doc_lines(&g.description);
                        if !desc.is_empty() {
                            lines.push(String::new());
                            lines.extend(desc);
                        }
                        let doc = docstring(&lines, 4);
                        if *req {
                            required.push(FieldView {
                                decl: layout::field(field, gclass, &Default::Required),
                                doc,
                            });
                        } else {
                            optional.push(FieldView {
                                decl: layout::field(
                                    field,
                                    gclass,
                                    &Default::Factory(gclass.clone()),
                                ),
                                doc,
                            });
                        }
                    }
                }
            }
        }
        if let Some(t) = additional {
            let lines = vec![
                "The keys the table does not list (its ``*`` row), as sent.".to_owned(),
                String::new(),
                match t {
                    Type::Any => "Any JSON value but null; ``to_dict`` writes them after the \
                                  table's keys."
                        .to_owned(),
                    _ => format_line!(
                        "Each value must be {}; ``to_dict`` writes them after the table's keys.",
                        describe(t)
                    ),
                },
            ];
            optional.push(FieldView {
                decl: layout::field(
                    "additional",
                    "dict[str, JsonValue]",
                    &Default::Factory("dict".to_owned()),
                ),
                doc: docstring(&lines, 4),
            });
        }
        let mut fields = required;
        fields.extend(optional);

        let mut to_dict = Vec::new();
        let mut parse = Vec::new();
        for (i, p) in props.iter().enumerate() {
            let lit = string_literal(&p.name);
            let path = access.get(p.name.as_str()).cloned().unwrap_or_default();
            let value = if needs_copy(&p.ty) {
                Expr::Call {
                    head: "_rt.plain(".to_owned(),
                    args: vec![Expr::Atom(path)],
                    tail: ")".to_owned(),
                }
            } else {
                Expr::Atom(path)
            };
            to_dict.push(layout::call_expr(
                8,
                "_rt.put(",
                vec![Expr::atom("out"), Expr::Atom(lit.clone()), value],
                ")",
            ));
            let check = self.check(&p.ty);
            let how = if p.optional { "optional" } else { "required" };
            parse.push(layout::call(
                8,
                &format_line!("v{i} = _rt.{how}("),
                &["obj".to_owned(), lit, "at".to_owned(), check],
                ")",
            ));
        }

        let mut reject = Some("        _rt.reject_unknown(obj, cls._WIRE_KEYS, at)".to_owned());
        if let Some(t) = additional {
            let check = self.check(t);
            to_dict.push(layout::call(
                8,
                "_rt.put_additional(",
                &[
                    "out".to_owned(),
                    "self.additional".to_owned(),
                    "self._WIRE_KEYS".to_owned(),
                    check.clone(),
                ],
                ")",
            ));
            parse.push(layout::call(
                8,
                &format_line!("v{} = _rt.additional(", props.len()),
                &[
                    "obj".to_owned(),
                    "cls._WIRE_KEYS".to_owned(),
                    "at".to_owned(),
                    check,
                ],
                ")",
            ));
            reject = None;
        }
        let mut args = Vec::new();
        for m in members {
            match m {
                Member::Own { index, ident, .. } => args.push(format_line!("{ident}=v{index}")),
                Member::Group {
                    id, field, class, ..
                } => {
                    let inner: Vec<String> = groups
                        .get(id)
                        .map(|g| {
                            props
                                .iter()
                                .enumerate()
                                .filter_map(|(i, p)| {
                                    g.fields.get(&p.name).map(|f| format_line!("{f}=v{i}"))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    args.push(layout::exploded(
                        0,
                        &format_line!("{field}={class}("),
                        &inner,
                        ")",
                    ));
                }
            }
        }
        if additional.is_some() {
            args.push(format_line!("additional=v{}", props.len()));
        }
        let construct = if args.is_empty() {
            "        return cls()".to_owned()
        } else {
            layout::exploded(8, "return cls(", &args, ")")
        };
        RecordView {
            name: class.to_owned(),
            doc: docstring(&doc, 4),
            class_vars,
            fields,
            to_dict,
            from_dict_doc: from_dict_doc.to_owned(),
            from_dict_def: method_def("from_dict", "cls, data: object", class),
            from_wire_def: method_def("_from_wire", "cls, data: object, at: str", class),
            parse,
            reject,
            construct,
        }
    }
}

/// A method definition at indent 4 returning `ret`, on one line when it fits in 88 columns, else
/// with the parameters on their own line (what ruff format does when the return annotation is
/// long).
fn method_def(name: &str, params: &str, ret: &str) -> String {
    let one = format_line!("    def {name}({params}) -> {ret}:");
    if one.chars().count() <= 88 {
        return one;
    }
    format_line!("    def {name}(\n        {params}\n    ) -> {ret}:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names() {
        for ok in ["onlive-tracker", "a", "A.b_c-9", "x1"] {
            assert!(valid_project_name(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "my tracker", "é", "a!", "_a"] {
            assert!(!valid_project_name(bad), "{bad}");
        }
    }

    #[test]
    fn dunder_all_order_matches_ruff() {
        // The order `ruff check --fix` (RUF022) produced for these names.
        let want = [
            "A1B", "AB", "A_B", "B2", "B10", "B_C", "B__C", "TRACKER_", "X1", "Y_", "ZZ", "A_b",
            "Ab", "Item9", "Item10", "ItemA", "Item_b", "Itema", "N9Lives", "Tracker_", "X",
            "item_b", "n9Lives", "x9", "x10", "éa",
        ];
        let mut got: Vec<&str> = want.iter().rev().copied().collect();
        got.sort_by_key(|a| dunder_all_key(a));
        assert_eq!(got, want);
    }
}
