//! Every askama template of the Rust backend, in one place to audit: each has `escape = "none"`
//! and a path with the extension of what it renders.

use askama::Template;

use super::view::{CrateView, ItemsView, ManifestView};

/// `Cargo.toml`.
#[derive(Template)]
#[template(path = "rust/manifest.toml", escape = "none")]
pub(super) struct ManifestTemplate<'a> {
    pub header: &'a str,
    pub name: &'a str,
    pub version: &'a str,
    pub description: &'a str,
}

impl<'a> ManifestTemplate<'a> {
    pub(super) fn new(v: &'a ManifestView) -> Self {
        ManifestTemplate {
            header: &v.header,
            name: &v.name,
            version: &v.version,
            description: &v.description,
        }
    }
}

/// `src/lib.rs`: crate docs and attributes, then the items.
#[derive(Template)]
#[template(path = "rust/lib.rs", escape = "none")]
pub(super) struct LibTemplate<'a> {
    pub header: &'a str,
    pub docs: &'a str,
    pub items: &'a ItemsView,
}

impl<'a> LibTemplate<'a> {
    pub(super) fn new(v: &'a CrateView) -> Self {
        LibTemplate {
            header: &v.header,
            docs: &v.docs,
            items: &v.items,
        }
    }
}

/// The items alone, for `include!` from a build script's `OUT_DIR`.
#[derive(Template)]
#[template(path = "rust/include.rs", escape = "none")]
pub(super) struct IncludeTemplate<'a> {
    pub header: &'a str,
    pub items: &'a ItemsView,
}
