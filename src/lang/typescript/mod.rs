//! TypeScript backend (work in progress: being written).

use super::{Backend, Context, GeneratedFile};
use crate::diag::Diagnostics;
use crate::model::Model;

/// The TypeScript backend.
#[derive(Debug, Clone, Copy)]
pub struct TypeScript;

impl Backend for TypeScript {
    fn generate(&self, _model: &Model, _cx: &Context, _d: &mut Diagnostics) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
