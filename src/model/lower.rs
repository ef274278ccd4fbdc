//! Lowering: [`SpecDoc`] (syntax) → [`Model`] (meaning).
//!
//! - property tables: columns by header (with aliases and look-alike letters folded), names with the
//!   `?` marker, the type grammar, enum values, examples;
//! - enums: every `string (enum)` row defines or reuses a named enum, named after the property;
//!   a second definition with other values gets the owner's id as prefix and a warning;
//! - data-group inclusion: an event includes each group all of whose rows appear in its table
//!   (ordered by first appearance); the remaining rows are the event's own. A row that differs from
//!   its group's row is reported with both locations;
//! - examples: JSON, else JSON5; what still fails is a warning, the raw text is always kept.
//!
//! Lowering never stops at the first problem: it reports everything it finds and returns the best
//! model it can. Callers must not generate anything when the diagnostics contain an error.

use std::collections::BTreeMap;

use heck::ToSnakeCase;

use super::{EnumDef, Event, Example, Group, Model, Origin, Property, SpecInfo, Type};
use crate::diag::{Diagnostic, Diagnostics, Severity, Span};
use crate::spec::typeexpr::{self, TypeExpr};
use crate::spec::values::{self, parse_json5};
use crate::spec::{Item, SectionKind, SpecDoc, Table};

/// Builds the model of `doc`. `name` is the spec's name (file stem), `source` its path.
pub fn lower(doc: &SpecDoc, name: &str, source: &str, d: &mut Diagnostics) -> Model {
    let mut cx = Lowering {
        d,
        enums: Vec::new(),
    };
    let mut events = Vec::new();
    let mut groups = Vec::new();
    let mut seen: BTreeMap<(bool, String), Span> = BTreeMap::new();
    for item in &doc.items {
        let (id, id_span, explicit) = match &item.id {
            Some(id) => (id.text.clone(), id.span, true),
            None => (item.title.text.to_snake_case(), item.title.span, false),
        };
        if id.is_empty() {
            cx.d.error(
                "empty-name",
                item.title.span,
                "this heading has no name to derive an id from",
            );
            continue;
        }
        let is_event = item.section == SectionKind::Events;
        if let Some(first) = seen.get(&(is_event, id.clone())) {
            let what = if is_event { "event" } else { "data group" };
            cx.d.push(
                Diagnostic::new(
                    Severity::Error,
                    "duplicate-definition",
                    id_span,
                    format!("{what} `{id}` is defined twice"),
                )
                .with_label(*first, "first defined here"),
            );
            continue;
        }
        seen.insert((is_event, id.clone()), id_span);
        let properties = cx.table(item, &id);
        let line = cx.d.file().line_col(item.title.span.start).0;
        if is_event {
            let example = cx.example(item);
            events.push(Event {
                name: if explicit {
                    id.clone()
                } else {
                    item.title.text.clone()
                },
                id,
                title: item.title.text.clone(),
                description: item.description.clone(),
                groups: Vec::new(),
                properties,
                example,
                line,
                span: item.title.span,
            });
        } else {
            for b in &item.code_blocks {
                cx.d.warning(
                    "ignored-example",
                    b.span,
                    "examples of data groups are not used; put examples under events",
                );
            }
            groups.push(Group {
                id,
                title: item.title.text.clone(),
                description: item.description.clone(),
                properties,
                line,
                span: item.title.span,
            });
        }
    }
    for ev in &mut events {
        recover_groups(ev, &groups, cx.d);
    }
    Model {
        spec: SpecInfo {
            name: name.to_owned(),
            title: doc
                .title
                .as_ref()
                .map_or_else(|| name.to_owned(), |t| t.text.clone()),
            description: doc.description.clone(),
            source: source.replace('\\', "/"),
        },
        events,
        groups,
        enums: cx.enums.into_iter().map(|(def, _)| def).collect(),
    }
}

struct Lowering<'a> {
    d: &'a mut Diagnostics,
    enums: Vec<(EnumDef, Span)>,
}

/// Which column of a property table a header cell names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Name,
    Type,
    Values,
    Description,
    Other,
}

fn column_of(header: &str) -> Column {
    match header.trim().to_lowercase().as_str() {
        "property" | "name" | "field" | "property name" => Column::Name,
        "data type" | "type" => Column::Type,
        "possible values" | "values" | "allowed values" | "example" | "examples" => Column::Values,
        "description" => Column::Description,
        _ => Column::Other,
    }
}

/// Replaces letters from other alphabets that look like Latin ones (OCR and copy-paste artefacts,
/// such as the Cyrillic `Туре`). Returns `None` when nothing was replaced.
pub fn fold_homoglyphs(s: &str) -> Option<String> {
    let mut changed = false;
    let out: String = s
        .chars()
        .map(|c| {
            let r = match c {
                'а' => 'a',
                'в' => 'b',
                'е' => 'e',
                'к' => 'k',
                'м' => 'm',
                'н' => 'h',
                'о' => 'o',
                'р' => 'p',
                'с' => 'c',
                'т' => 't',
                'у' => 'y',
                'х' => 'x',
                'і' => 'i',
                'ј' => 'j',
                'ѕ' => 's',
                'А' => 'A',
                'В' => 'B',
                'Е' => 'E',
                'К' => 'K',
                'М' => 'M',
                'Н' => 'H',
                'О' => 'O',
                'Р' => 'P',
                'С' => 'C',
                'Т' => 'T',
                'У' => 'Y',
                'Х' => 'X',
                'І' => 'I',
                'Ј' => 'J',
                'Ѕ' => 'S',
                'α' => 'a',
                'ο' => 'o',
                'Α' => 'A',
                'Β' => 'B',
                'Ε' => 'E',
                'Ο' => 'O',
                'Ρ' => 'P',
                'Τ' => 'T',
                other => other,
            };
            changed |= r != c;
            r
        })
        .collect();
    changed.then_some(out)
}

impl Lowering<'_> {
    fn table(&mut self, item: &Item, owner: &str) -> Vec<Property> {
        let mut props: Vec<Property> = Vec::new();
        let mut names: BTreeMap<String, Span> = BTreeMap::new();
        for (n, table) in item.tables.iter().enumerate() {
            if n > 0 {
                self.d.warning(
                    "extra-table",
                    table.span,
                    "only one property table per event or group is read; this one is appended",
                );
            }
            let Some(cols) = self.columns(table) else {
                continue;
            };
            for row in &table.rows {
                if row.cells.len() != table.header.len() {
                    self.d.push(
                        Diagnostic::new(
                            Severity::Error,
                            "row-cells",
                            row.span,
                            format!(
                                "this row has {} cells but the table header has {}",
                                row.cells.len(),
                                table.header.len()
                            ),
                        )
                        .with_help("a `|` inside a cell must be written `\\|`"),
                    );
                    continue;
                }
                let cell = |c: Column| {
                    cols.iter()
                        .position(|&k| k == c)
                        .and_then(|i| row.cells.get(i))
                };
                let Some(name_cell) = cell(Column::Name) else {
                    continue;
                };
                let raw_name = name_cell.text.trim();
                let raw_name = raw_name
                    .strip_prefix('`')
                    .and_then(|s| s.strip_suffix('`'))
                    .unwrap_or(raw_name);
                let (name, optional) = match raw_name.strip_suffix('?') {
                    Some(n) => (n.trim_end().trim_matches('`'), true),
                    None => (raw_name, false),
                };
                if name.is_empty() {
                    self.d.error(
                        "empty-name",
                        name_cell.span,
                        "this row has an empty property name",
                    );
                    continue;
                }
                if let Some(first) = names.get(name) {
                    self.d.push(
                        Diagnostic::new(
                            Severity::Error,
                            "duplicate-property",
                            name_cell.span,
                            format!("property `{name}` is listed twice in `{owner}`"),
                        )
                        .with_label(*first, "first listed here"),
                    );
                    continue;
                }
                names.insert(name.to_owned(), name_cell.span);
                let description = cell(Column::Description)
                    .map(|c| c.text.clone())
                    .unwrap_or_default();
                let Some(type_cell) = cell(Column::Type) else {
                    continue;
                };
                let expr = match typeexpr::parse(&type_cell.text) {
                    Ok(t) => t,
                    Err(msg) => {
                        self.d.push(
                            Diagnostic::new(Severity::Error, "unknown-type", type_cell.span, msg)
                                .with_help(
                                    "known types: string, number, integer, boolean, object, \
                                     array, string (UUID|enum|date-time|date|email|URL), \
                                     integer (timestamp|milliseconds|seconds), T[], A / B",
                                ),
                        );
                        continue;
                    }
                };
                let literals = cell(Column::Values)
                    .map(|c| (values::parse_cell(&c.text), c.span))
                    .unwrap_or((Vec::new(), type_cell.span));
                let (mut allowed, mut examples) = (Vec::new(), Vec::new());
                let ty = if contains_enum(&expr) {
                    for lit in &literals.0 {
                        match &lit.value {
                            serde_json::Value::String(s) if lit.well_formed => {
                                if allowed.contains(s) {
                                    self.d.warning(
                                        "duplicate-enum-value",
                                        literals.1,
                                        format!("enum value `{s}` is listed twice"),
                                    );
                                } else {
                                    allowed.push(s.clone());
                                }
                            }
                            other => self.d.error(
                                "bad-enum-value",
                                literals.1,
                                format!("enum values must be quoted strings, found `{other}`"),
                            ),
                        }
                    }
                    if allowed.is_empty() {
                        self.d.error(
                            "empty-enum",
                            type_cell.span,
                            format!("`{name}` is an enum but lists no values"),
                        );
                        continue;
                    }
                    let enum_name = self.enum_for(name, owner, &allowed, name_cell.span);
                    to_type(&expr, &enum_name)
                } else {
                    examples = literals.0.into_iter().map(|l| l.value).collect();
                    to_type(&expr, "")
                };
                let (line, column) = self.d.file().line_col(name_cell.span.start);
                props.push(Property {
                    name: name.to_owned(),
                    ty,
                    optional,
                    values: std::mem::take(&mut allowed),
                    examples,
                    description,
                    origin: Origin::Own,
                    line,
                    column,
                    span: name_cell.span,
                });
            }
        }
        props
    }

    /// Maps header cells to columns; `None` (with an error) when the name or type column is missing.
    fn columns(&mut self, table: &Table) -> Option<Vec<Column>> {
        let mut cols = Vec::new();
        for h in &table.header {
            let text = match fold_homoglyphs(&h.text) {
                Some(folded) => {
                    self.d.warning(
                        "homoglyph",
                        h.span,
                        format!(
                            "header `{}` contains letters from another alphabet; read as `{folded}`",
                            h.text
                        ),
                    );
                    folded
                }
                None => h.text.clone(),
            };
            let col = column_of(&text);
            if col == Column::Other && !text.trim().is_empty() {
                self.d.warning(
                    "unknown-column",
                    h.span,
                    format!(
                        "column `{}` is not one trackgen reads; it is ignored",
                        h.text
                    ),
                );
            }
            cols.push(col);
        }
        for (need, label) in [(Column::Name, "Property"), (Column::Type, "Data Type")] {
            if !cols.contains(&need) {
                self.d.error(
                    "missing-column",
                    table.header.first().map_or(table.span, |h| h.span),
                    format!("this table has no `{label}` column"),
                );
                return None;
            }
        }
        Some(cols)
    }

    fn enum_for(&mut self, prop: &str, owner: &str, allowed: &[String], at: Span) -> String {
        if let Some((def, _)) = self.enums.iter().find(|(e, _)| e.name == prop)
            && def.values == allowed
        {
            return prop.to_owned();
        }
        let clash = self
            .enums
            .iter()
            .find(|(e, _)| e.name == prop)
            .map(|(_, s)| *s);
        let name = match clash {
            None => prop.to_owned(),
            Some(first) => {
                let name = format!("{owner}_{prop}");
                self.d.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "enum-conflict",
                        at,
                        format!(
                            "enum `{prop}` is defined here with other values than before; \
                             this one is named `{name}`"
                        ),
                    )
                    .with_label(first, "first defined here"),
                );
                if let Some((def, _)) = self.enums.iter().find(|(e, _)| e.name == name)
                    && def.values == allowed
                {
                    return name;
                }
                name
            }
        };
        let line = self.d.file().line_col(at.start).0;
        self.enums.push((
            EnumDef {
                name: name.clone(),
                values: allowed.to_vec(),
                line,
            },
            at,
        ));
        name
    }

    fn example(&mut self, item: &Item) -> Option<Example> {
        let block = item.code_blocks.first()?;
        for extra in item.code_blocks.iter().skip(1) {
            self.d.warning(
                "extra-example",
                extra.span,
                "only the first code block of an event is its example",
            );
        }
        let parsed = match parse_json5(&block.text) {
            Ok(v) => Some(v),
            Err(failure) => {
                let at = failure
                    .at
                    .and_then(|(line, col)| offset_of(&block.text, line, col))
                    .map_or(block.span, |off| {
                        Span::new(block.span.start + off, block.span.start + off)
                    });
                self.d.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "example-parse",
                        at,
                        format!(
                            "the example is not valid JSON or JSON5: {}",
                            failure.message
                        ),
                    )
                    .with_help(
                        "the raw text is kept; the example is not checked against the table",
                    ),
                );
                None
            }
        };
        Some(Example {
            raw: block.text.clone(),
            parsed,
            line: self.d.file().line_col(block.span.start).0,
        })
    }
}

/// Byte offset of 0-based (line, char column) in `text`.
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let line_start = if line == 0 {
        0
    } else {
        text.match_indices('\n').nth(line - 1)?.0 + 1
    };
    let rest = text.get(line_start..)?;
    let off = rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i);
    Some(line_start + off)
}

fn contains_enum(t: &TypeExpr) -> bool {
    match t {
        TypeExpr::Enum => true,
        TypeExpr::Array(inner) => contains_enum(inner),
        TypeExpr::Union(v) => v.iter().any(contains_enum),
        _ => false,
    }
}

fn to_type(t: &TypeExpr, enum_name: &str) -> Type {
    match t {
        TypeExpr::String(format) => Type::String { format: *format },
        TypeExpr::Enum => Type::Enum {
            name: enum_name.to_owned(),
        },
        TypeExpr::Number => Type::Number,
        TypeExpr::Integer(unit) => Type::Integer { unit: *unit },
        TypeExpr::Boolean => Type::Boolean,
        TypeExpr::Object => Type::Object,
        TypeExpr::Any => Type::Any,
        TypeExpr::Array(inner) => Type::Array {
            items: Box::new(to_type(inner, enum_name)),
        },
        TypeExpr::Union(v) => Type::Union {
            variants: v.iter().map(|x| to_type(x, enum_name)).collect(),
        },
    }
}

/// Recovers which groups `ev` includes and marks each property's origin.
fn recover_groups(ev: &mut Event, groups: &[Group], d: &mut Diagnostics) {
    let index: BTreeMap<&str, usize> = ev
        .properties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    let mut included: Vec<(usize, &Group)> = groups
        .iter()
        .filter(|g| !g.properties.is_empty())
        .filter(|g| {
            g.properties
                .iter()
                .all(|p| index.contains_key(p.name.as_str()))
        })
        .filter_map(|g| {
            let first = g
                .properties
                .iter()
                .filter_map(|p| index.get(p.name.as_str()).copied())
                .min()?;
            Some((first, g))
        })
        .collect();
    included.sort_by_key(|(first, _)| *first);
    let mut mismatches = Vec::new();
    for prop in &mut ev.properties {
        let Some(g) = included
            .iter()
            .map(|(_, g)| *g)
            .find(|g| g.properties.iter().any(|p| p.name == prop.name))
        else {
            continue;
        };
        prop.origin = Origin::Group(g.id.clone());
        if let Some(gp) = g.properties.iter().find(|p| p.name == prop.name) {
            let what = [
                (prop.ty != gp.ty, "type"),
                (prop.optional != gp.optional, "optionality"),
                (prop.values != gp.values, "allowed values"),
                (prop.examples != gp.examples, "example values"),
                (prop.description != gp.description, "description"),
            ]
            .iter()
            .filter(|(differs, _)| *differs)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>();
            if !what.is_empty() {
                mismatches.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "group-row-mismatch",
                        prop.span,
                        format!(
                            "`{}` in event `{}` differs from its data group `{}` in {}; the \
                             event's row is used",
                            prop.name,
                            ev.id,
                            g.id,
                            what.join(", ")
                        ),
                    )
                    .with_label(gp.span, "the group's row"),
                );
            }
        }
    }
    for m in mismatches {
        d.push(m);
    }
    ev.groups = included.into_iter().map(|(_, g)| g.id.clone()).collect();
}
