//! Breaking-change report between two versions of a spec (`trackgen diff`).
//!
//! Every change to events, data groups, object types, properties, types, optionality, enums,
//! envelope fields and lifecycles is classified for two audiences:
//! - **producers**, code that sends events (a new required property breaks them: their calls no
//!   longer compile or validate; a narrowed type too);
//! - **consumers**, code that reads the data (a removed property, a property that became optional
//!   or a widened type breaks them: they receive what they did not expect).
//!
//! The bump the generated packages need follows: `major` when anything breaks either audience,
//! `minor` when something was added, `patch` for documentation-only changes, `none` otherwise.
//!
//! Renames are a removal plus an addition, unless the new spec marks them: a description containing
//! ``renamed from `old` `` (any case) on an event, group, object or property.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{EnumDef, Lifecycle, Model, Property, Type};

/// How a change affects one audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Nothing this audience does stops working.
    Compatible,
    /// Code or data of this audience stops working.
    Breaking,
}

/// The semver bump a set of changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Documentation only.
    Patch,
    /// Additions that break nobody.
    Minor,
    /// Something breaks producers or consumers.
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor`, `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// Applies the bump to a `MAJOR.MINOR.PATCH` version (pre-release and build suffixes are
    /// dropped); `None` when `version` is not of that form.
    pub fn apply(self, version: &str) -> Option<String> {
        let core = version.split(['-', '+']).next()?;
        let mut it = core.split('.').map(|p| p.parse::<u64>().ok());
        let (Some(Some(ma)), Some(Some(mi)), Some(Some(pa)), None) =
            (it.next(), it.next(), it.next(), it.next())
        else {
            return None;
        };
        Some(match self {
            Bump::None => format!("{ma}.{mi}.{pa}"),
            Bump::Patch => format!("{ma}.{mi}.{}", pa + 1),
            Bump::Minor => format!("{ma}.{}.0", mi + 1),
            Bump::Major => format!("{}.0.0", ma + 1),
        })
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// A stable code: `event_added`, `property_removed`, `type_narrowed`... (see the README).
    pub kind: &'static str,
    /// Where: `event element_click`, `event element_click / property form_name`, `enum
    /// element_type`...
    pub path: String,
    /// What changed, in words.
    pub detail: String,
    /// Impact on code that sends events.
    pub producers: Impact,
    /// Impact on code that reads the data.
    pub consumers: Impact,
    /// The bump this change alone needs.
    pub bump: Bump,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The old spec (as given).
    pub old: String,
    /// The new spec (as given).
    pub new: String,
    /// Every change, in the new spec's order (removals where the old spec had them).
    pub changes: Vec<Change>,
    /// Whether any change breaks producers or consumers.
    pub breaking: bool,
    /// The bump the generated packages need.
    pub bump: Bump,
}

use Impact::{Breaking as B, Compatible as C};

fn change(
    kind: &'static str,
    path: String,
    detail: String,
    producers: Impact,
    consumers: Impact,
) -> Change {
    let bump = if producers == B || consumers == B {
        Bump::Major
    } else if kind.ends_with("_added") || kind.ends_with("_widened") {
        Bump::Minor
    } else {
        Bump::Patch
    };
    Change {
        kind,
        path,
        detail,
        producers,
        consumers,
        bump,
    }
}

/// Compares two models.
pub fn diff(old_name: &str, old: &Model, new_name: &str, new: &Model) -> Report {
    let mut out = Vec::new();
    // Events, by id, with marked renames.
    for ev in &new.events {
        let renamed = renamed_from(&ev.description);
        let before = old
            .event(&ev.id)
            .or_else(|| renamed.as_deref().and_then(|r| old.event(r)));
        let path = format!("event {}", ev.id);
        match before {
            None => out.push(change(
                "event_added",
                path.clone(),
                format!("new event `{}`", ev.name),
                C,
                C,
            )),
            Some(o) => {
                if o.id != ev.id {
                    out.push(change(
                        "event_renamed",
                        path.clone(),
                        format!("renamed from `{}`", o.id),
                        B,
                        B,
                    ));
                } else if o.name != ev.name {
                    out.push(change(
                        "event_name_changed",
                        path.clone(),
                        format!("wire name `{}` → `{}`", o.name, ev.name),
                        B,
                        B,
                    ));
                }
                if o.description != ev.description && renamed.is_none() {
                    out.push(change(
                        "description_changed",
                        path.clone(),
                        "description".into(),
                        C,
                        C,
                    ));
                }
                properties(&path, old, &o.properties, new, &ev.properties, &mut out);
                additional(&path, &o.additional, &ev.additional, &mut out);
            }
        }
    }
    for o in &old.events {
        let still = new.event(&o.id).is_some()
            || new
                .events
                .iter()
                .any(|e| renamed_from(&e.description).as_deref() == Some(o.id.as_str()));
        if !still {
            out.push(change(
                "event_removed",
                format!("event {}", o.id),
                format!("event `{}` removed", o.name),
                B,
                B,
            ));
        }
    }
    // Object types.
    for ob in &new.objects {
        let path = format!("object {}", ob.id);
        match old.object(&ob.id) {
            None => out.push(change("object_added", path, "new object type".into(), C, C)),
            Some(o) => {
                properties(&path, old, &o.properties, new, &ob.properties, &mut out);
                additional(&path, &o.additional, &ob.additional, &mut out);
            }
        }
    }
    for o in &old.objects {
        if new.object(&o.id).is_none() {
            out.push(change(
                "object_removed",
                format!("object {}", o.id),
                "object type removed".into(),
                B,
                B,
            ));
        }
    }
    // Data groups: shape the generated types (events already report their wire changes).
    for g in &new.groups {
        if old.group(&g.id).is_none() {
            out.push(change(
                "group_added",
                format!("group {}", g.id),
                "new data group".into(),
                C,
                C,
            ));
        }
    }
    for g in &old.groups {
        if new.group(&g.id).is_none() {
            // The generated type disappears: code naming it breaks on both sides.
            out.push(change(
                "group_removed",
                format!("group {}", g.id),
                "data group removed (its generated type goes away)".into(),
                B,
                B,
            ));
        }
    }
    for ev in &new.events {
        if let Some(o) = old.event(&ev.id) {
            let (a, b): (BTreeSet<&String>, BTreeSet<&String>) =
                (o.groups.iter().collect(), ev.groups.iter().collect());
            if a != b {
                out.push(change(
                    "groups_changed",
                    format!("event {}", ev.id),
                    format!(
                        "included groups {:?} → {:?} (the event's generated type changes shape)",
                        o.groups, ev.groups
                    ),
                    B,
                    B,
                ));
            }
        }
    }
    // Enums (as shared definitions).
    for e in &new.enums {
        match old.enum_def(&e.name) {
            None => {}
            Some(o) => enum_values(o, e, &mut out),
        }
    }
    // Envelope fields.
    properties("envelope", old, &old.envelope, new, &new.envelope, &mut out);
    // Lifecycles.
    for l in &new.lifecycles {
        match old.lifecycles.iter().find(|o| o.id == l.id) {
            None => out.push(change(
                "lifecycle_added",
                format!("lifecycle {}", l.id),
                "new lifecycle".into(),
                C,
                C,
            )),
            Some(o) => lifecycle(o, l, &mut out),
        }
    }
    for o in &old.lifecycles {
        if !new.lifecycles.iter().any(|l| l.id == o.id) {
            out.push(change(
                "lifecycle_removed",
                format!("lifecycle {}", o.id),
                "lifecycle removed".into(),
                B,
                B,
            ));
        }
    }
    let breaking = out.iter().any(|c| c.producers == B || c.consumers == B);
    let bump = out.iter().map(|c| c.bump).max().unwrap_or(Bump::None);
    Report {
        old: old_name.to_owned(),
        new: new_name.to_owned(),
        changes: out,
        breaking,
        bump,
    }
}

/// `renamed from `x`` in a description.
fn renamed_from(description: &str) -> Option<String> {
    let lower = description.to_lowercase();
    let at = lower.find("renamed from `")? + "renamed from `".len();
    let rest = description.get(at..)?;
    let end = rest.find('`')?;
    Some(rest.get(..end)?.to_owned())
}

fn additional(path: &str, old: &Option<Type>, new: &Option<Type>, out: &mut Vec<Change>) {
    match (old, new) {
        (None, Some(_)) => out.push(change(
            "additional_allowed",
            path.to_owned(),
            "other keys are now accepted (`*` row added)".into(),
            C,
            B,
        )),
        (Some(_), None) => out.push(change(
            "additional_forbidden",
            path.to_owned(),
            "other keys are no longer accepted (`*` row removed)".into(),
            B,
            C,
        )),
        _ => {}
    }
}

fn properties(
    path: &str,
    old_model: &Model,
    old: &[Property],
    new_model: &Model,
    new: &[Property],
    out: &mut Vec<Change>,
) {
    for p in new {
        let renamed = renamed_from(&p.description);
        let before = old.iter().find(|q| q.name == p.name).or_else(|| {
            renamed
                .as_deref()
                .and_then(|r| old.iter().find(|q| q.name == r))
        });
        let here = format!("{path} / property {}", p.name);
        let Some(o) = before else {
            if p.optional {
                out.push(change(
                    "property_added",
                    here,
                    "new optional property".into(),
                    C,
                    C,
                ));
            } else {
                out.push(change(
                    "required_property_added",
                    here,
                    "new required property: senders must set it".into(),
                    B,
                    C,
                ));
            }
            continue;
        };
        if o.name != p.name {
            out.push(change(
                "property_renamed",
                here.clone(),
                format!("renamed from `{}`", o.name),
                B,
                B,
            ));
        }
        match (o.optional, p.optional) {
            (true, false) => out.push(change(
                "property_now_required",
                here.clone(),
                "optional → required".into(),
                B,
                C,
            )),
            (false, true) => out.push(change(
                "property_now_optional",
                here.clone(),
                "required → optional: readers may no longer find it".into(),
                C,
                B,
            )),
            _ => {}
        }
        match compare(old_model, &o.ty, new_model, &p.ty) {
            Cmp::Same => {}
            Cmp::Wider => out.push(change(
                "type_widened",
                here.clone(),
                format!("{} → {} (accepts more)", spell(&o.ty), spell(&p.ty)),
                C,
                B,
            )),
            Cmp::Narrower => out.push(change(
                "type_narrowed",
                here.clone(),
                format!("{} → {} (accepts less)", spell(&o.ty), spell(&p.ty)),
                B,
                C,
            )),
            Cmp::Incompatible => out.push(change(
                "type_changed",
                here.clone(),
                format!("{} → {}", spell(&o.ty), spell(&p.ty)),
                B,
                B,
            )),
        }
        if o.description != p.description && renamed.is_none() {
            out.push(change(
                "description_changed",
                here,
                "description".into(),
                C,
                C,
            ));
        }
    }
    for o in old {
        let kept = new.iter().any(|p| {
            p.name == o.name || renamed_from(&p.description).as_deref() == Some(o.name.as_str())
        });
        if !kept {
            out.push(change(
                "property_removed",
                format!("{path} / property {}", o.name),
                "property removed".into(),
                B,
                B,
            ));
        }
    }
}

fn enum_values(old: &EnumDef, new: &EnumDef, out: &mut Vec<Change>) {
    let path = format!("enum {}", new.name);
    let added: Vec<&String> = new
        .values
        .iter()
        .filter(|v| !old.values.contains(v))
        .collect();
    let removed: Vec<&String> = old
        .values
        .iter()
        .filter(|v| !new.values.contains(v))
        .collect();
    if !added.is_empty() {
        out.push(change(
            "enum_widened",
            path.clone(),
            format!("values added: {}", quoted(&added)),
            C,
            if new.open { C } else { B },
        ));
    }
    if !removed.is_empty() {
        out.push(change(
            "enum_narrowed",
            path.clone(),
            format!("values removed: {}", quoted(&removed)),
            if new.open { C } else { B },
            C,
        ));
    }
    match (old.open, new.open) {
        (false, true) => out.push(change("enum_opened", path, "now an open enum".into(), C, B)),
        (true, false) => out.push(change(
            "enum_closed",
            path,
            "now a closed enum".into(),
            B,
            C,
        )),
        _ => {}
    }
}

fn lifecycle(old: &Lifecycle, new: &Lifecycle, out: &mut Vec<Change>) {
    let path = format!("lifecycle {}", new.id);
    let fmt = |t: &(String, String)| format!("{} -> {}", t.0, t.1);
    let added: Vec<String> = new
        .transitions
        .iter()
        .filter(|t| !old.transitions.contains(t))
        .map(fmt)
        .collect();
    let removed: Vec<String> = old
        .transitions
        .iter()
        .filter(|t| !new.transitions.contains(t))
        .map(fmt)
        .collect();
    if !added.is_empty() {
        out.push(change(
            "transition_added",
            path.clone(),
            format!("transitions added: {}", added.join(", ")),
            C,
            B,
        ));
    }
    if !removed.is_empty() {
        out.push(change(
            "transition_removed",
            path.clone(),
            format!("transitions removed: {}", removed.join(", ")),
            B,
            C,
        ));
    }
    for (what, a, b) in [
        ("initial", &old.initial, &new.initial),
        ("terminal", &old.terminal, &new.terminal),
        ("states", &old.states, &new.states),
    ] {
        let (sa, sb): (BTreeSet<&String>, BTreeSet<&String>) =
            (a.iter().collect(), b.iter().collect());
        if sa != sb {
            let (p, c) = if sa.is_subset(&sb) {
                (C, B)
            } else if sb.is_subset(&sa) {
                (B, C)
            } else {
                (B, B)
            };
            out.push(change(
                "lifecycle_changed",
                path.clone(),
                format!("{what}: {a:?} → {b:?}"),
                p,
                c,
            ));
        }
    }
}

fn quoted(v: &[&String]) -> String {
    v.iter()
        .map(|s| serde_json::Value::String((*s).clone()).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a new type relates to the old one, as sets of accepted values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Same,
    Wider,
    Narrower,
    Incompatible,
}

fn flip(c: Cmp) -> Cmp {
    match c {
        Cmp::Wider => Cmp::Narrower,
        Cmp::Narrower => Cmp::Wider,
        other => other,
    }
}

fn compare(om: &Model, old: &Type, nm: &Model, new: &Type) -> Cmp {
    use Type as T;
    match (old, new) {
        (T::Enum { name: a }, T::Enum { name: b }) => {
            match (om.enum_def(a), nm.enum_def(b)) {
                (Some(x), Some(y)) => {
                    let (sa, sb): (BTreeSet<&String>, BTreeSet<&String>) =
                        (x.values.iter().collect(), y.values.iter().collect());
                    // Value changes of a shared enum are reported on the enum; a property
                    // switching to another enum is compared here.
                    if a == b {
                        return Cmp::Same;
                    }
                    match (x.open, y.open) {
                        (false, true) => Cmp::Wider,
                        (true, false) => Cmp::Narrower,
                        _ if sa == sb => Cmp::Same,
                        _ if sa.is_subset(&sb) => Cmp::Wider,
                        _ if sb.is_subset(&sa) => Cmp::Narrower,
                        _ => Cmp::Incompatible,
                    }
                }
                _ => Cmp::Incompatible,
            }
        }
        _ if old == new => Cmp::Same,
        (_, T::Any) => Cmp::Wider,
        (T::Any, _) => Cmp::Narrower,
        (T::Integer { .. }, T::Integer { .. }) => Cmp::Same,
        (T::Integer { .. }, T::Number) => Cmp::Wider,
        (T::Number, T::Integer { .. }) => Cmp::Narrower,
        (T::String { format: Some(_) }, T::String { format: None }) => Cmp::Wider,
        (T::String { format: None }, T::String { format: Some(_) }) => Cmp::Narrower,
        (T::Enum { .. }, T::String { format: None }) => Cmp::Wider,
        (T::String { format: None }, T::Enum { .. }) => Cmp::Narrower,
        (T::Ref { .. } | T::Map { .. }, T::Object) => Cmp::Wider,
        (T::Object, T::Ref { .. } | T::Map { .. }) => Cmp::Narrower,
        (T::Array { items: a }, T::Array { items: b }) => compare(om, a, nm, b),
        (T::Map { values: a }, T::Map { values: b }) => compare(om, a, nm, b),
        (T::Union { variants: a }, T::Union { variants: b }) => {
            let covered = |xs: &[Type], xm: &Model, ys: &[Type], ym: &Model| {
                xs.iter().all(|x| {
                    ys.iter()
                        .any(|y| matches!(compare(xm, x, ym, y), Cmp::Same | Cmp::Wider))
                })
            };
            match (covered(a, om, b, nm), covered(b, nm, a, om)) {
                (true, true) => Cmp::Same,
                (true, false) => Cmp::Wider,
                (false, true) => Cmp::Narrower,
                (false, false) => Cmp::Incompatible,
            }
        }
        (x, T::Union { variants }) => {
            if variants
                .iter()
                .any(|v| matches!(compare(om, x, nm, v), Cmp::Same | Cmp::Wider))
            {
                Cmp::Wider
            } else {
                Cmp::Incompatible
            }
        }
        (T::Union { .. }, _) => flip(compare(nm, new, om, old)),
        _ => Cmp::Incompatible,
    }
}

/// A type as the spec would write it.
pub fn spell(t: &Type) -> String {
    match t {
        Type::String { format: None } => "string".into(),
        Type::String { format: Some(f) } => format!("string ({})", f.as_str()),
        Type::Number => "number".into(),
        Type::Integer { unit: None } => "integer".into(),
        Type::Integer { unit: Some(u) } => format!("integer ({})", u.describe()),
        Type::Boolean => "boolean".into(),
        Type::Object => "object".into(),
        Type::Any => "any".into(),
        Type::Array { items } => format!("{}[]", spell(items)),
        Type::Map { values } => format!("map of {}", spell(values)),
        Type::Enum { name } => format!("enum {name}"),
        Type::Ref { name } => name.clone(),
        Type::Union { variants } => variants.iter().map(spell).collect::<Vec<_>>().join(" / "),
    }
}

impl Report {
    /// Plain text: one line per change, then the verdict.
    pub fn text(&self) -> String {
        let mut s = format!("{} → {}\n", self.old, self.new);
        for c in &self.changes {
            s.push_str(&format!(
                "{:<5} {}: {} [producers: {}, consumers: {}]\n",
                c.bump.as_str(),
                c.path,
                c.detail,
                impact(c.producers),
                impact(c.consumers)
            ));
        }
        s.push_str(&self.verdict());
        s.push('\n');
        s
    }

    /// Markdown fit for a pull-request comment.
    pub fn markdown(&self) -> String {
        let mut s = format!(
            "### Tracking plan changes: `{}` → `{}`\n\n**{}**\n\n",
            self.old,
            self.new,
            self.verdict()
        );
        if self.changes.is_empty() {
            s.push_str("No changes.\n");
            return s;
        }
        s.push_str("| | Where | Change | Producers | Consumers |\n|---|---|---|---|---|\n");
        for c in &self.changes {
            let icon = if c.producers == B || c.consumers == B {
                "💥"
            } else {
                "✅"
            };
            s.push_str(&format!(
                "| {icon} | {} | {} | {} | {} |\n",
                md_cell(&c.path),
                md_cell(&c.detail),
                impact(c.producers),
                impact(c.consumers)
            ));
        }
        s
    }

    /// The last line: breaking or not, and the bump.
    pub fn verdict(&self) -> String {
        let n_break = self
            .changes
            .iter()
            .filter(|c| c.producers == B || c.consumers == B)
            .count();
        if self.breaking {
            format!(
                "{n_break} breaking change{} of {}; the SDK packages need a {} version",
                if n_break == 1 { "" } else { "s" },
                self.changes.len(),
                self.bump.as_str()
            )
        } else if self.changes.is_empty() {
            "no changes; no new version needed".to_owned()
        } else {
            format!(
                "{} change{}, none breaking; the SDK packages need a {} version",
                self.changes.len(),
                if self.changes.len() == 1 { "" } else { "s" },
                self.bump.as_str()
            )
        }
    }
}

fn impact(i: Impact) -> &'static str {
    match i {
        C => "compatible",
        B => "BREAKING",
    }
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
