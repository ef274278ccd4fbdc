//! Lowering: [`SpecDoc`] (syntax) → [`Model`] (meaning).
//!
//! - property tables ([`super::table`]): columns, the `?` marker, types, enums, examples;
//! - enums: every `string (enum)` row (or a `string` whose description lists its values) defines
//!   or reuses a named enum, named after the property; a second definition with other values gets
//!   the owner's id as prefix and a warning;
//! - object types (`## Objects`): named, referred to by name from `Data Type` cells;
//! - data-group inclusion ([`super::groups`]): explicit (`Includes: a, b`) or recovered from the
//!   event's table;
//! - lifecycles ([`super::lifecycle`]) and the envelope's extra fields;
//! - examples: JSON, else JSON5; what still fails is a warning, the raw text is always kept; a
//!   parsed example is checked against its table ([`super::check`]).
//!
//! Lowering never stops at the first problem: it reports everything it finds and returns the best
//! model it can. Callers must not generate anything when the diagnostics contain an error.

use std::collections::BTreeMap;

use heck::ToSnakeCase;

use super::{EnumDef, Event, Example, Group, Model, Object, SpecInfo};
use crate::NameMap;
use crate::diag::{Diagnostic, Diagnostics, Severity, Span};
use crate::spec::values::parse_json5;
use crate::spec::{Item, SectionKind, SpecDoc};

/// Builds the model of `doc`. `name` is the spec's name (file stem), `source` its path.
pub fn lower(doc: &SpecDoc, name: &str, source: &str, d: &mut Diagnostics) -> Model {
    let mut cx = Lowering {
        d,
        enums: Vec::new(),
        enum_index: NameMap::default(),
        object_ids: BTreeMap::new(),
    };
    // Object names first: any table may refer to any object type, wherever it is declared.
    for item in doc
        .items
        .iter()
        .filter(|i| i.section == SectionKind::Objects)
    {
        let id = item_id(item);
        let title = item.title.text.to_lowercase();
        for key in [
            id.clone(),
            title.clone(),
            title.trim_end_matches(" object").to_owned(),
            title.trim_end_matches(" object").to_snake_case(),
        ] {
            cx.object_ids.entry(key).or_insert_with(|| id.clone());
        }
    }
    let mut events = Vec::new();
    let mut groups = Vec::new();
    let mut objects = Vec::new();
    let mut lifecycles = Vec::new();
    let mut envelope = Vec::new();
    // Looked up by name once per item: hashed, so 10,000 items cost 10 times 1,000.
    let mut includes: NameMap<String, Vec<(String, Span)>> = NameMap::default();
    let mut seen: NameMap<(u8, String), Span> = NameMap::default();
    for item in &doc.items {
        let explicit = item.id.is_some();
        let id = item_id(item);
        let id_span = item.id.as_ref().map_or(item.title.span, |t| t.span);
        if id.is_empty() {
            cx.d.error(
                "empty-name",
                item.title.span,
                "this heading has no name to derive an id from",
            );
            continue;
        }
        let ns = match item.section {
            SectionKind::Events => 0,
            SectionKind::Groups => 1,
            SectionKind::Objects => 2,
            SectionKind::Lifecycles => 3,
            SectionKind::Envelope => 4,
        };
        if let Some(first) = seen.get(&(ns, id.clone())) {
            cx.d.push(
                Diagnostic::new(
                    Severity::Error,
                    "duplicate-definition",
                    id_span,
                    format!("`{id}` is defined twice in this section"),
                )
                .with_label(*first, "first defined here"),
            );
            continue;
        }
        seen.insert((ns, id.clone()), id_span);
        let line = cx.d.file().line_col(item.title.span.start).0;
        match item.section {
            SectionKind::Events => {
                let (properties, additional) = cx.table(item, &id);
                let example = cx.example(item);
                includes.insert(id.clone(), super::groups::includes(item));
                events.push(Event {
                    name: if explicit {
                        id.clone()
                    } else {
                        item.title.text.clone()
                    },
                    id,
                    title: item.title.text.clone(),
                    description: description(item),
                    groups: Vec::new(),
                    properties,
                    additional,
                    example,
                    line,
                    span: item.title.span,
                });
            }
            SectionKind::Groups => {
                let (properties, additional) = cx.table(item, &id);
                if let Some(t) = additional {
                    let _ = t;
                    cx.d.warning(
                        "ignored-additional",
                        item.title.span,
                        "a `*` row in a data group is ignored; put it in the events that allow \
                         additional properties",
                    );
                }
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
                    description: description(item),
                    properties,
                    line,
                    span: item.title.span,
                });
            }
            SectionKind::Objects => {
                let (properties, additional) = cx.table(item, &id);
                let example = cx.example(item);
                objects.push(Object {
                    id,
                    title: item.title.text.clone(),
                    description: description(item),
                    properties,
                    additional,
                    example,
                    line,
                    span: item.title.span,
                });
            }
            SectionKind::Lifecycles => {
                if let Some(l) = super::lifecycle::lower(item, id, line, cx.d) {
                    lifecycles.push(l);
                }
            }
            SectionKind::Envelope => {
                envelope = cx
                    .table(item, "envelope")
                    .0
                    .into_iter()
                    .filter(|p| p.name != "event" && p.name != "properties")
                    .collect();
            }
        }
    }
    super::groups::check_object_cycles(&objects, cx.d);
    let by_first = super::groups::by_first_row(&groups);
    for ev in &mut events {
        let explicit = includes.remove(&ev.id).unwrap_or_default();
        super::groups::apply_includes(ev, &explicit, &groups, cx.d);
        super::groups::recover(ev, &groups, &by_first, cx.d);
    }
    let mut model = Model {
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
        objects,
        envelope,
        lifecycles,
        index: super::Index::default(),
    };
    model.reindex();
    super::check::examples(&mut model, cx.d);
    model
}

/// An item's id: the backticked one, or the title snake-cased.
fn item_id(item: &Item) -> String {
    match &item.id {
        Some(id) => id.text.clone(),
        None => item.title.text.to_snake_case(),
    }
}

/// The description without directive lines (`Includes: ...`).
fn description(item: &Item) -> String {
    if !item
        .lines
        .iter()
        .any(|l| super::groups::is_includes_line(&l.text))
    {
        return item.description.clone();
    }
    item.description
        .split("\n\n")
        .filter(|p| !super::groups::is_includes_line(p.trim()))
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub(super) struct Lowering<'a> {
    pub(super) d: &'a mut Diagnostics,
    pub(super) enums: Vec<(EnumDef, Span)>,
    /// Name → index of the first enum of that name in `enums` (one lookup per enum row, not a
    /// scan: plans with thousands of enums stay linear).
    pub(super) enum_index: NameMap<String, usize>,
    /// Lower-cased object ids, titles and titles without " object" → object id.
    object_ids: BTreeMap<String, String>,
}

impl Lowering<'_> {
    pub(super) fn resolve_object(&self, name: &str) -> Option<String> {
        let lower = name.trim().to_lowercase();
        self.object_ids
            .get(&lower)
            .or_else(|| self.object_ids.get(lower.trim_end_matches(" object")))
            .or_else(|| self.object_ids.get(&lower.to_snake_case()))
            .cloned()
    }

    pub(super) fn object_names(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.object_ids.values().cloned().collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub(super) fn example(&mut self, item: &Item) -> Option<Example> {
        let block = item.code_blocks.first()?;
        for extra in item.code_blocks.iter().skip(1) {
            self.d.warning(
                "extra-example",
                extra.span,
                "only the first code block of an event is its example",
            );
        }
        for (key, off) in crate::spec::values::duplicate_keys(&block.text) {
            let at = block.span.start + off;
            self.d.warning(
                "duplicate-key",
                Span::new(at, at + key.len() + 2),
                format!(
                    "key `{key}` appears twice in one object of the example; the last one wins"
                ),
            );
        }
        let mut repaired = None;
        let parsed = match parse_json5(&block.text) {
            Ok(v) => Some(v),
            Err(failure) => {
                match crate::spec::values::parse_lenient(&block.text) {
                    Ok((v, commas)) => {
                        for off in commas {
                            let at = block.span.start + off;
                            self.d.push(
                                Diagnostic::new(
                                    Severity::Warning,
                                    "example-parse",
                                    Span::new(at, at),
                                    "the example is not valid JSON or JSON5: a comma is missing here",
                                )
                                .with_help(
                                    "the raw text is kept and `parsed` stays empty; the example \
                                     is checked against its table as if the comma were there",
                                ),
                            );
                        }
                        repaired = Some(v);
                    }
                    Err(_) => {
                        let at = failure
                            .at
                            .and_then(|(line, col)| {
                                crate::spec::values::offset_of(&block.text, line, col)
                            })
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
                    }
                }
                None
            }
        };
        Some(Example {
            raw: block.text.clone(),
            parsed,
            repaired,
            line: self.d.file().line_col(block.span.start).0,
        })
    }
}
