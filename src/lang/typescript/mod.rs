//! TypeScript backend: an ESM package `{spec}-tracker` with `src/index.ts` (types, parsers,
//! tracker, and the static runtime from `templates/typescript/runtime.ts`), `package.json` and a
//! strict `tsconfig.json`.
//!
//! Layout: `names.rs` (identifiers), `text.rs` (escaping), `layout.rs` (width-dependent shapes,
//! Prettier's), `view.rs` (everything the templates print), `templates.rs` (askama structs).
//! The output passes `tsc` with every strict flag and is a fixed point of Prettier 3.

mod layout;
pub mod names;
mod templates;
pub mod text;
mod view;

use askama::Template;

use super::{Backend, Context, GeneratedFile};
use crate::diag::{Diagnostics, Span};
use crate::model::Model;

use templates::{IndexTemplate, PackageTemplate, TsconfigTemplate};
use text::json_string;

/// TypeScript version the generated package builds with; the same pin as
/// `tests/toolchains/typescript/package.json` (a test checks it).
pub const TYPESCRIPT_VERSION: &str = "5.9.3";

/// The TypeScript backend.
#[derive(Debug, Clone, Copy)]
pub struct TypeScript;

impl Backend for TypeScript {
    fn generate(&self, model: &Model, cx: &Context, d: &mut Diagnostics) -> Vec<GeneratedFile> {
        let index = view::index(model, cx, d);
        let package = PackageTemplate {
            header: json_string(&cx.header()),
            name: json_string(&format!("{}-tracker", model.spec.name)),
            version: json_string(&cx.package_version),
            description: json_string(&format!(
                "Typed tracker and payload parser for the tracking plan {}",
                model.spec.source
            )),
            typescript: json_string(TYPESCRIPT_VERSION),
        };
        let tsconfig = TsconfigTemplate {
            header: text::line_comment(&cx.header(), 0).join("\n"),
        };
        let mut files = Vec::new();
        for (path, rendered) in [
            ("package.json", package.render()),
            ("src/index.ts", IndexTemplate { v: &index }.render()),
            ("tsconfig.json", tsconfig.render()),
        ] {
            match rendered {
                Ok(mut contents) => {
                    if !contents.ends_with('\n') {
                        contents.push('\n');
                    }
                    files.push(GeneratedFile::new(path, contents));
                }
                Err(e) => d.error(
                    "render-failed",
                    Span::default(),
                    format!("typescript/{path}: {e}"),
                ),
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}
