//! `trackgen lint`: everything trackgen can say about a spec without writing anything.
//!
//! - every diagnostic of reading and lowering (unknown types, malformed tables, duplicate rows,
//!   duplicate enum values, rows that differ from their data group's, examples that do not parse
//!   or contradict their tables, duplicate keys, look-alike letters...);
//! - every diagnostic of each backend, tagged with the language: identifiers that collide after
//!   case conversion, names with nothing to make an identifier from, reserved words renamed;
//! - checks across the whole spec: the same property name with different types in two places,
//!   empty enum values.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Severity, SourceFile};
use crate::lang::{self, Language};
use crate::model::{Model, Property};
use crate::{Error, spec};

/// Lints the spec at `path`. `Err` only when the file cannot be read; problems in the spec are in
/// the returned diagnostics (errors included).
pub fn lint(path: &Path) -> Result<Diagnostics, Error> {
    let display = path.to_string_lossy().replace('\\', "/");
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: display.clone(),
        source,
    })?;
    let Ok(text) = String::from_utf8(bytes) else {
        return match crate::load(path) {
            Err(Error::Spec(d)) => Ok(*d),
            Err(e) => Err(e),
            Ok(l) => Ok(l.diagnostics),
        };
    };
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(lint_str(&display, &name, &text))
}

/// Lints spec text (see [`lint`]).
pub fn lint_str(path: &str, name: &str, text: &str) -> Diagnostics {
    let file = Arc::new(SourceFile::new(path, text));
    let mut d = Diagnostics::new(file.clone());
    let doc = spec::read(&mut d);
    let model = crate::model::lower(&doc, name, path, &mut d);
    consistency(&model, &mut d);
    if d.has_errors() {
        // Backends need a valid model; the spec's own errors come first.
        return d;
    }
    let cx = lang::Context::new(path, file.text());
    for lang in Language::ALL {
        let mut ld = Diagnostics::new(file.clone());
        let _ = lang::generate(&model, &cx, &[lang], &mut ld);
        for mut item in ld.items().iter().cloned() {
            item.message = format!("{lang}: {}", item.message);
            d.push(item);
        }
    }
    d
}

/// The same property name with different types in different tables (outside data-group copies,
/// which `group-row-mismatch` covers), and empty enum values.
fn consistency(model: &Model, d: &mut Diagnostics) {
    let mut first: BTreeMap<&str, (&Property, String)> = BTreeMap::new();
    let owned = model
        .groups
        .iter()
        .map(|g| (format!("data group `{}`", g.id), &g.properties))
        .chain(
            model
                .events
                .iter()
                .map(|e| (format!("event `{}`", e.id), &e.properties)),
        )
        .chain(
            model
                .objects
                .iter()
                .map(|o| (format!("object `{}`", o.id), &o.properties)),
        );
    for (owner, props) in owned {
        for p in props
            .iter()
            .filter(|p| p.origin == crate::model::Origin::Own)
        {
            match first.get(p.name.as_str()) {
                Some((q, other)) if q.ty != p.ty => d.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "inconsistent-property",
                        p.span,
                        format!(
                            "`{}` has a different type in {owner} than in {other}",
                            p.name
                        ),
                    )
                    .with_label(q.span, "the other definition"),
                ),
                Some(_) => {}
                None => {
                    first.insert(&p.name, (p, owner.clone()));
                }
            }
        }
    }
    // The first property of each enum type, found in one pass (not one pass per enum).
    let mut first_use: crate::NameMap<&str, crate::diag::Span> = crate::NameMap::default();
    for p in model
        .events
        .iter()
        .flat_map(|ev| &ev.properties)
        .chain(model.groups.iter().flat_map(|g| &g.properties))
        .chain(model.objects.iter().flat_map(|o| &o.properties))
    {
        if let crate::model::Type::Enum { name } = &p.ty {
            first_use.entry(name.as_str()).or_insert(p.span);
        }
    }
    for e in &model.enums {
        if e.values.iter().any(String::is_empty) {
            let at = first_use.get(e.name.as_str()).copied().unwrap_or_default();
            d.warning(
                "empty-enum-value",
                at,
                format!("enum `{}` has an empty value `\"\"`", e.name),
            );
        }
    }
}

/// One diagnostic as a JSON record (`trackgen lint --format json`).
#[derive(Debug, serde::Serialize)]
pub struct Record {
    /// The spec path.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based line where the span ends.
    pub end_line: usize,
    /// 1-based column where the span ends.
    pub end_column: usize,
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// Stable kebab-case code.
    pub code: &'static str,
    /// The message.
    pub message: String,
    /// A suggestion, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// The diagnostics as records, sorted by position.
pub fn records(d: &Diagnostics) -> Vec<Record> {
    let mut items: Vec<&Diagnostic> = d.items().iter().collect();
    items.sort_by_key(|x| x.span.map_or(0, |s| s.start));
    items
        .into_iter()
        .map(|x| {
            let (line, column) = d.location(x);
            let (end_line, end_column) =
                x.span.map_or((line, column), |s| d.file().line_col(s.end));
            Record {
                file: d.file().path().to_owned(),
                line,
                column,
                end_line,
                end_column,
                severity: x.severity,
                code: x.code,
                message: x.message.clone(),
                help: x.help.clone(),
            }
        })
        .collect()
}
