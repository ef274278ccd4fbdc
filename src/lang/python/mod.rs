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
                format!("{}/__init__.py", pkg.dir),
                templates::PackageTemplate { m: &pkg.module }.render(),
            ),
            (
                format!("{}/_runtime.py", pkg.dir),
                templates::RuntimeTemplate {
                    header: &pkg.header,
                    runtime: RUNTIME,
                }
                .render(),
            ),
            (
                format!("{}/py.typed", pkg.dir),
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
                    format!("rendering {path} failed: {e}"),
                ),
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}
