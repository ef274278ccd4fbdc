//! Data groups in events: explicit inclusion (`Includes: session, origin` in the event's text) and
//! recovery from the event's table (each group all of whose rows appear in it). Also the check that
//! object types do not refer to themselves.

use std::collections::{BTreeMap, BTreeSet};

use crate::NameMap;

use super::{Event, Group, Object, Origin, Type};
use crate::diag::{Diagnostic, Diagnostics, Severity, Span};
use crate::spec::Item;

/// Whether a description line is an `Includes:` directive.
pub(super) fn is_includes_line(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    l.starts_with("includes:") || l.starts_with("data groups:")
}

/// The group ids an item's `Includes:` line names, with their spans.
pub(super) fn includes(item: &Item) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for line in item.lines.iter().filter(|l| is_includes_line(&l.text)) {
        let Some(colon) = line.text.find(':') else {
            continue;
        };
        let list = line.text.get(colon + 1..).unwrap_or("");
        let mut offset = line.span.start + colon + 1;
        for piece in list.split(',') {
            let lead = piece.len() - piece.trim_start().len();
            let name = piece.trim().trim_matches('`').trim();
            if !name.is_empty() {
                let start = offset + lead + usize::from(piece.trim_start().starts_with('`'));
                out.push((name.to_owned(), Span::new(start, start + name.len())));
            }
            offset += piece.len() + 1;
        }
    }
    out
}

/// Adds the rows of explicitly included groups that the event's table does not repeat, before the
/// event's own rows.
pub(super) fn apply_includes(
    ev: &mut Event,
    explicit: &[(String, Span)],
    groups: &[Group],
    d: &mut Diagnostics,
) {
    let mut added = Vec::new();
    for (name, span) in explicit {
        let Some(g) = groups.iter().find(|g| &g.id == name) else {
            d.error(
                "unknown-group",
                *span,
                format!(
                    "event `{}` includes `{name}`, which is not a data group",
                    ev.id
                ),
            );
            continue;
        };
        if g.properties.is_empty() {
            d.warning(
                "empty-group",
                *span,
                format!("data group `{name}` has no properties"),
            );
        }
        for p in &g.properties {
            let dup = ev.properties.iter().any(|q| q.name == p.name)
                || added.iter().any(|q: &super::Property| q.name == p.name);
            if !dup {
                let mut p = p.clone();
                p.origin = Origin::Group(g.id.clone());
                added.push(p);
            }
        }
    }
    if !added.is_empty() {
        added.append(&mut ev.properties);
        ev.properties = added;
    }
}

/// For each row name, the positions of the (non-empty) groups whose first row it is, in group
/// order: [`recover`] looks only at the groups whose first row the event has, instead of at every
/// group for every event (quadratic when both grow).
pub(super) fn by_first_row(groups: &[Group]) -> NameMap<&str, Vec<usize>> {
    let mut out: NameMap<&str, Vec<usize>> = NameMap::default();
    for (i, g) in groups.iter().enumerate() {
        if let Some(first) = g.properties.first() {
            out.entry(first.name.as_str()).or_default().push(i);
        }
    }
    out
}

/// Recovers which groups `ev` includes and marks each property's origin. `by_first` is
/// [`by_first_row`] of `groups`.
pub(super) fn recover(
    ev: &mut Event,
    groups: &[Group],
    by_first: &NameMap<&str, Vec<usize>>,
    d: &mut Diagnostics,
) {
    let index: BTreeMap<&str, usize> = ev
        .properties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    // Groups all of whose rows the event has include its first row: only those are candidates,
    // taken in group order as a scan of `groups` would.
    let mut candidates: Vec<usize> = index
        .keys()
        .filter_map(|name| by_first.get(name))
        .flatten()
        .copied()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut included: Vec<(usize, &Group)> = candidates
        .into_iter()
        .filter_map(|i| groups.get(i))
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

/// Object types that contain themselves (directly or through others, outside arrays and maps
/// too) cannot be generated as plain value types; they are reported.
pub(super) fn check_object_cycles(objects: &[Object], d: &mut Diagnostics) {
    let refs: BTreeMap<&str, BTreeSet<String>> = objects
        .iter()
        .map(|o| {
            let mut set = BTreeSet::new();
            for p in &o.properties {
                collect_refs(&p.ty, &mut set);
            }
            (o.id.as_str(), set)
        })
        .collect();
    for o in objects {
        let mut stack: Vec<String> = refs
            .get(o.id.as_str())
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        let mut seen = BTreeSet::new();
        while let Some(r) = stack.pop() {
            if r == o.id {
                d.push(Diagnostic::new(
                    Severity::Error,
                    "recursive-object",
                    o.span,
                    format!(
                        "object type `{}` contains itself; recursive types are not supported",
                        o.id
                    ),
                ));
                break;
            }
            if seen.insert(r.clone()) {
                stack.extend(refs.get(r.as_str()).into_iter().flatten().cloned());
            }
        }
    }
}

fn collect_refs(t: &Type, out: &mut BTreeSet<String>) {
    match t {
        Type::Ref { name } => {
            out.insert(name.clone());
        }
        Type::Array { items } => collect_refs(items, out),
        Type::Map { values } => collect_refs(values, out),
        Type::Union { variants } => variants.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
