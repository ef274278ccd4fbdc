//! JsonSchema backend (work in progress: being written).

use super::{Backend, Context, GeneratedFile};
use crate::diag::Diagnostics;
use crate::model::Model;

/// The JsonSchema backend.
#[derive(Debug, Clone, Copy)]
pub struct JsonSchema;

impl Backend for JsonSchema {
    fn generate(&self, _model: &Model, _cx: &Context, _d: &mut Diagnostics) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
