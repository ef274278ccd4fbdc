//! Rust backend (work in progress: being written).

use super::{Backend, Context, GeneratedFile};
use crate::diag::Diagnostics;
use crate::model::Model;

/// The Rust backend.
#[derive(Debug, Clone, Copy)]
pub struct Rust;

impl Backend for Rust {
    fn generate(&self, _model: &Model, _cx: &Context, _d: &mut Diagnostics) -> Vec<GeneratedFile> {
        Vec::new()
    }
}

/// The items of the Rust output without crate-level attributes or docs, for `include!`.
pub fn render_items(_model: &Model, _cx: &Context, _d: &mut Diagnostics) -> String {
    String::new()
}
