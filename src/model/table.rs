//! Property tables → [`Property`] lists: columns by header (aliases, look-alike letters folded),
//! names with the `?` marker, the type grammar with references to object types resolved, enum
//! values from the values column or from prose in the description, examples.

use std::collections::BTreeMap;

use super::lower::Lowering;
use super::{EnumDef, Origin, Property, Type};
use crate::diag::{Diagnostic, Severity, Span};
use crate::spec::typeexpr::{self, TypeExpr};
use crate::spec::values;
use crate::spec::{Item, Table};

/// Which column of a property table a header cell names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Name,
    Type,
    Values,
    Description,
    Since,
    Other,
}

fn column_of(header: &str) -> Column {
    match header.trim().to_lowercase().as_str() {
        "property" | "name" | "field" | "property name" => Column::Name,
        "data type" | "type" => Column::Type,
        "possible values" | "values" | "allowed values" | "example" | "examples" => Column::Values,
        "description" => Column::Description,
        "introduced / updated" | "introduced" | "since" | "added in" => Column::Since,
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
    /// The rows of an item's tables, and the type of additional properties when a `*` row
    /// allows them.
    pub(super) fn table(&mut self, item: &Item, owner: &str) -> (Vec<Property>, Option<Type>) {
        let mut props: Vec<Property> = Vec::new();
        let mut additional: Option<Type> = None;
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
                let values_cell = cell(Column::Values).filter(|c| !c.text.trim().is_empty());
                if let Some(c) = values_cell {
                    for (key, off) in values::duplicate_keys(&c.text) {
                        let at = c.span.start + off;
                        self.d.warning(
                            "duplicate-key",
                            Span::new(at, at + key.len() + 2),
                            format!("key `{key}` appears twice in this example object; the last one wins"),
                        );
                    }
                    for lit in values::parse_cell(&c.text)
                        .iter()
                        .filter(|l| !l.well_formed)
                    {
                        if let serde_json::Value::String(raw) = &lit.value
                            && raw.starts_with('"')
                        {
                            let at = c.span.start + lit.offset;
                            self.d.warning(
                                "malformed-value",
                                Span::new(at, at + raw.len()),
                                format!("`{raw}` has an opening quote but no closing one"),
                            );
                        }
                    }
                }
                let literals = values_cell
                    .map(|c| (values::parse_cell(&c.text), c.span))
                    .unwrap_or((Vec::new(), type_cell.span));
                let open = contains(&expr, &|t| matches!(t, TypeExpr::OpenEnum));
                // A plain `string` whose description lists its values ("Can be one of the
                // following values: “chat” “cbn”") is an enum stated in prose.
                let prose = (values_cell.is_none()
                    && matches!(
                        expr,
                        TypeExpr::String(None) | TypeExpr::Enum | TypeExpr::OpenEnum
                    ))
                .then(|| values::prose_enum(&description))
                .flatten();
                let expr = match (&expr, &prose) {
                    (TypeExpr::String(None), Some(_)) => {
                        self.d.note(
                            "prose-enum",
                            type_cell.span,
                            format!(
                                "`{name}` is read as an enum: its description lists its values"
                            ),
                        );
                        TypeExpr::Enum
                    }
                    _ => expr,
                };
                let (mut allowed, mut examples) = (Vec::new(), Vec::new());
                let ty = if contains(&expr, &|t| matches!(t, TypeExpr::Enum | TypeExpr::OpenEnum)) {
                    let from_cell: Vec<(serde_json::Value, bool)> = match &prose {
                        Some(p) if literals.0.is_empty() => p
                            .iter()
                            .map(|v| (serde_json::Value::String(v.clone()), true))
                            .collect(),
                        _ => literals
                            .0
                            .iter()
                            .map(|l| (l.value.clone(), l.well_formed))
                            .collect(),
                    };
                    for (value, well_formed) in &from_cell {
                        match value {
                            serde_json::Value::String(s) if *well_formed => {
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
                    let enum_name = self.enum_for(name, owner, &allowed, open, name_cell.span);
                    self.lower_type(&expr, &enum_name, type_cell.span)
                } else {
                    examples = literals.0.into_iter().map(|l| l.value).collect();
                    self.lower_type(&expr, "", type_cell.span)
                };
                let Some(ty) = ty else { continue };
                let since = cell(Column::Since)
                    .map(|c| c.text.trim().to_owned())
                    .filter(|s| !s.is_empty());
                if name == "*" {
                    additional = Some(ty);
                    continue;
                }
                let (line, column) = self.d.file().line_col(name_cell.span.start);
                props.push(Property {
                    name: name.to_owned(),
                    ty,
                    optional,
                    values: std::mem::take(&mut allowed),
                    examples,
                    description,
                    since,
                    origin: Origin::Own,
                    line,
                    column,
                    span: name_cell.span,
                });
            }
        }
        (props, additional)
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

    /// The first enum called `name`.
    fn find_enum(&self, name: &str) -> Option<&(EnumDef, Span)> {
        self.enum_index.get(name).and_then(|&i| self.enums.get(i))
    }

    fn enum_for(
        &mut self,
        prop: &str,
        owner: &str,
        allowed: &[String],
        open: bool,
        at: Span,
    ) -> String {
        if let Some((def, _)) = self.find_enum(prop)
            && def.values == allowed
            && def.open == open
        {
            return prop.to_owned();
        }
        let clash = self.find_enum(prop).map(|(_, s)| *s);
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
                if let Some((def, _)) = self.find_enum(&name)
                    && def.values == allowed
                    && def.open == open
                {
                    return name;
                }
                name
            }
        };
        let line = self.d.file().line_col(at.start).0;
        self.enum_index
            .entry(name.clone())
            .or_insert(self.enums.len());
        self.enums.push((
            EnumDef {
                name: name.clone(),
                values: allowed.to_vec(),
                open,
                line,
            },
            at,
        ));
        name
    }
}

fn contains(t: &TypeExpr, pred: &dyn Fn(&TypeExpr) -> bool) -> bool {
    pred(t)
        || match t {
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => contains(inner, pred),
            TypeExpr::Union(v) => v.iter().any(|x| contains(x, pred)),
            _ => false,
        }
}

impl Lowering<'_> {
    /// The model type of a type expression; references to object types are resolved, and an
    /// unknown name is an `unknown-type` error (then `None`).
    fn lower_type(&mut self, t: &TypeExpr, enum_name: &str, at: Span) -> Option<Type> {
        Some(match t {
            TypeExpr::String(format) => Type::String { format: *format },
            TypeExpr::Enum | TypeExpr::OpenEnum => Type::Enum {
                name: enum_name.to_owned(),
            },
            TypeExpr::Number => Type::Number,
            TypeExpr::Integer(unit) => Type::Integer { unit: *unit },
            TypeExpr::Boolean => Type::Boolean,
            TypeExpr::Object => Type::Object,
            TypeExpr::Any => Type::Any,
            TypeExpr::Array(inner) => Type::Array {
                items: Box::new(self.lower_type(inner, enum_name, at)?),
            },
            TypeExpr::Map(inner) => Type::Map {
                values: Box::new(self.lower_type(inner, enum_name, at)?),
            },
            TypeExpr::Named(n) => match self.resolve_object(n) {
                Some(id) => Type::Ref { name: id },
                None => {
                    let known = self.object_names();
                    let mut diag = Diagnostic::new(
                        Severity::Error,
                        "unknown-type",
                        at,
                        format!("unknown type `{n}`"),
                    );
                    diag = diag.with_help(if known.is_empty() {
                        "known types: string, number, integer, boolean, object, array, string \
                         (UUID|enum|open enum|date-time|date|email|URL), integer \
                         (timestamp|milliseconds|seconds), T[], map of T, A / B, or the name of \
                         an object type declared under `## Objects`"
                            .to_owned()
                    } else {
                        format!(
                            "not a built-in type nor one of the object types: {}",
                            known.join(", ")
                        )
                    });
                    self.d.push(diag);
                    return None;
                }
            },
            TypeExpr::Union(v) => {
                let mut variants = Vec::new();
                for x in v {
                    variants.push(self.lower_type(x, enum_name, at)?);
                }
                Type::Union { variants }
            }
        })
    }
}
