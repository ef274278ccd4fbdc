//! Python backend: a typed package (frozen dataclasses, `Literal` enums, a strict parser, a
//! tracker with pluggable sinks) that passes `mypy --strict`, `ruff check` and
//! `ruff format --check` as generated.
//!
//! Output, relative to `generated/NAME/python/`:
//!
//! ```text
//! pyproject.toml              setuptools project `NAME-tracker`
//! NAME_tracker/__init__.py    the plan's types, parser and Tracker
//! NAME_tracker/_runtime.py    templates/python/runtime.py verbatim (checks, errors, sinks)
//! NAME_tracker/py.typed       PEP 561 marker
//! ```
//!
//! The extensions of the contract (`src/lang/README.md`, last section), in Python:
//!
//! - Object types: a frozen dataclass `UpperCamel(id)` like a data group's, with `to_dict`,
//!   `from_dict` and pointers nested into the object; a `map of T` is a `dict[str, T]`. Checkers
//!   that name an object class (`_rt.map_of(User._from_wire)`) are defined after the object
//!   classes, since object types refer to each other in any order.
//! - Open enums: `Name: TypeAlias = Literal[...] | str`, the known values still in `NAME_VALUES`;
//!   any string parses.
//! - `*` rows: a field `additional: dict[str, JsonValue]` (default empty; the field name is
//!   reserved in every class, so a property `additional` is always `additional_`) holding the keys
//!   the table does not list, each checked against the row's type; `to_dict` writes them after the
//!   table's keys and raises ValueError for a key of the table or a value the row refuses.
//! - Field names: a wire name that starts with `_` keeps one leading underscore (`_id`, `__v` →
//!   `_v`), so `_id` and `id` stay two fields (`_id`, `id_`).
//! - Envelope fields: a dataclass `EnvelopeFields`; `parse_envelope` checks them in the contract's
//!   order and returns a `ParsedEnvelope(event, fields)` (`.to_envelope()` gives the JSON back);
//!   `to_envelope(event, fields)`; `Tracker(sink, envelope=EnvelopeFields(...))` (required when a
//!   field is required) writes them first into every envelope, and every track method takes an
//!   optional `envelope=` for one call. Plans without envelope fields keep the plain API
//!   (`parse_envelope` returns the event).
//! - Lifecycles: `IdState: TypeAlias = Literal[states]` and a class `IdLifecycle` with class
//!   constants `STATES`, `INITIAL`, `TERMINAL`, `TRANSITIONS` (every state a key), `SEQUENCES`, a
//!   `state` property (None before the first state), `allowed()`, `is_terminal()` and
//!   `advance(state)`, which raises `LifecycleError` (`from_state`, `to_state`, `allowed`) naming
//!   the refused transition.
//! - `since` (the `Introduced / Updated` column) is shown in the field's docstring.

mod layout;
mod names;
mod templates;
#[cfg(test)]
mod tests;
mod text;
mod view;

use askama::Template;

use super::{Backend, Context, GeneratedFile};
use crate::diag::Diagnostics;
use crate::model::Model;

/// The runtime module's source, copied verbatim.
const RUNTIME: &str = include_str!("../../../templates/python/runtime.py");

/// The Python backend.
#[derive(Debug, Clone, Copy)]
pub struct Python;

impl Backend for Python {
    fn generate(&self, model: &Model, cx: &Context, d: &mut Diagnostics) -> Vec<GeneratedFile> {
        let errors = d.error_count();
        let pkg = view::build(model, cx, d);
        if d.error_count() > errors {
            return Vec::new();
        }
        let rendered = [
            (
                "pyproject.toml".to_owned(),
                templates::ProjectTemplate { p: &pkg.project }.render(),
            ),
            (
                format_line!("{}/__init__.py", pkg.dir),
                crate::lang::render_sized(
                    &templates::PackageTemplate { m: &pkg.module },
                    crate::lang::size_estimate(model, 32 << 10, 420),
                ),
            ),
            (
                format_line!("{}/_runtime.py", pkg.dir),
                templates::RuntimeTemplate {
                    header: &pkg.header,
                    runtime: RUNTIME,
                }
                .render(),
            ),
            (
                format_line!("{}/py.typed", pkg.dir),
                templates::PyTypedTemplate {
                    header: &pkg.header,
                }
                .render(),
            ),
        ];
        let mut files = Vec::new();
        for (path, result) in rendered {
            match result {
                Ok(mut contents) => {
                    if !contents.ends_with('\n') {
                        contents.push('\n');
                    }
                    files.push(GeneratedFile::new(path, contents));
                }
                Err(e) => view::file_error(
                    d,
                    "python-template",
                    format_line!("rendering {path} failed: {e}"),
                ),
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}
