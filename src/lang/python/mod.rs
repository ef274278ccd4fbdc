//! Python backend (work in progress: being written).

use super::{Backend, Context, GeneratedFile};
use crate::diag::Diagnostics;
use crate::model::Model;

/// The Python backend.
#[derive(Debug, Clone, Copy)]
pub struct Python;

impl Backend for Python {
    fn generate(&self, _model: &Model, _cx: &Context, _d: &mut Diagnostics) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
