//! Every askama template of the Python backend, in one place to audit: each has
//! `escape = "none"` and a path with the target's extension.

use askama::Template;

use super::view::{ModuleView, ProjectView};

/// `onlive_tracker/__init__.py`.
#[derive(Template)]
#[template(path = "python/package.py", escape = "none")]
pub(super) struct PackageTemplate<'a> {
    pub m: &'a ModuleView,
}

/// `onlive_tracker/_runtime.py`: the header, then `templates/python/runtime.py` verbatim.
#[derive(Template)]
#[template(path = "python/runtime_module.py", escape = "none")]
pub(super) struct RuntimeTemplate<'a> {
    pub header: &'a str,
    pub runtime: &'a str,
}

/// `onlive_tracker/py.typed` (PEP 561 marker; holds only the header).
#[derive(Template)]
#[template(path = "python/py.typed", escape = "none")]
pub(super) struct PyTypedTemplate<'a> {
    pub header: &'a str,
}

/// `pyproject.toml`.
#[derive(Template)]
#[template(path = "python/pyproject.toml", escape = "none")]
pub(super) struct ProjectTemplate<'a> {
    pub p: &'a ProjectView,
}
