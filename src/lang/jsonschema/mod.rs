//! JSON Schema (draft 2020-12) backend: one file, `<spec>.schema.json`, whose root validates an
//! envelope exactly as src/lang/README.md defines a valid one (verdicts; error kinds and pointers
//! are each validator's own).
//!
//! Built from typed serde structs (`schema.rs`) filled by `view.rs` and printed by serde_json
//! (`text.rs`), not from a text template (STYLE.md §16): invalid JSON and broken escaping cannot
//! happen. `names.rs` makes `$defs` keys and `$ref`s; `check.rs` decides, with the reference
//! validator (`crate::payload`), which spec examples are valid enough for `examples`.

mod check;
mod names;
mod schema;
mod text;
mod view;

use super::{Backend, Context, GeneratedFile};
use crate::diag::{Diagnostics, Span};
use crate::model::Model;

/// The JSON Schema backend.
#[derive(Debug, Clone, Copy)]
pub struct JsonSchema;

impl Backend for JsonSchema {
    fn generate(&self, model: &Model, cx: &Context, d: &mut Diagnostics) -> Vec<GeneratedFile> {
        names::check_collisions(model, d);
        let doc = view::document(model, cx, d);
        match text::render(&doc, crate::lang::size_estimate(model, 16 << 10, 160)) {
            Ok(contents) => vec![GeneratedFile::new(
                names::file_name(&model.spec.name),
                contents,
            )],
            Err(e) => {
                d.error(
                    "internal",
                    Span::default(),
                    format!("could not serialise the JSON Schema: {e}"),
                );
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests;
