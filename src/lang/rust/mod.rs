//! The Rust backend: a crate `{spec}-tracker` (`Cargo.toml`, `src/lib.rs`) with one struct per
//! event and data group, an enum per set of allowed values, the union of all events, a parser
//! that follows the contract of `src/lang/README.md`, and a `Tracker` over a `Sink`.
//!
//! Choices worth knowing:
//! - `number` is `serde_json::Number`, so `2` stays `2` through a round trip; `integer` is `i64`
//!   (`3.0` is accepted and becomes `3`; an integer beyond `i64` is reported as `wrong_type`).
//! - A union property (`string / number`) is a `serde_json::Value`, checked when parsing: its
//!   variants can overlap (`integer / number`), so a Rust enum would guess.
//! - Serialisation is written out (`to_properties` / `from_properties`), and the serde impls
//!   delegate to it: `#[serde(flatten)]` cannot deny unknown keys.
//! - The items render once (`templates/rust/items.rs`): `src/lib.rs` wraps them with crate docs
//!   and attributes, [`render_items`] alone for `include!`.

mod layout;
mod names;
mod templates;
mod text;
mod view;

use askama::Template;

use super::{Backend, Context, GeneratedFile};
use crate::diag::{Diagnostics, Span};
use crate::model::Model;
use templates::{IncludeTemplate, LibTemplate, ManifestTemplate};

/// The Rust backend.
#[derive(Debug, Clone, Copy)]
pub struct Rust;

impl Backend for Rust {
    fn generate(&self, model: &Model, cx: &Context, d: &mut Diagnostics) -> Vec<GeneratedFile> {
        if !has_events(model, d) {
            return Vec::new();
        }
        let manifest = view::manifest(model, cx, d);
        let krate = view::krate(model, cx, d);
        let mut files = vec![
            GeneratedFile::new("Cargo.toml", render(&ManifestTemplate::new(&manifest), d)),
            GeneratedFile::new("src/lib.rs", render(&LibTemplate::new(&krate), d)),
        ];
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// The items of the Rust output without crate-level attributes or docs, for `include!`: what a
/// build script writes to `$OUT_DIR/<spec>.rs`.
pub fn render_items(model: &Model, cx: &Context, d: &mut Diagnostics) -> String {
    if !has_events(model, d) {
        return String::new();
    }
    let items = view::items(model, cx, d);
    let header = view::header(cx);
    render(
        &IncludeTemplate {
            header: &header,
            items: &items,
        },
        d,
    )
}

fn has_events(model: &Model, d: &mut Diagnostics) -> bool {
    if model.events.is_empty() {
        d.error(
            "no-events",
            Span::default(),
            "the spec defines no events, so there is no tracker to generate",
        );
        return false;
    }
    true
}

/// Renders a template, with the one trailing newline askama drops from template files.
fn render(t: &impl Template, d: &mut Diagnostics) -> String {
    match t.render() {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(e) => {
            d.error(
                "render",
                Span::default(),
                format!("rendering the Rust output failed: {e}"),
            );
            String::new()
        }
    }
}
