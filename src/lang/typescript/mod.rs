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
mod tracker;
mod types;
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
            name: json_string(
                &cx.package_name
                    .clone()
                    .unwrap_or_else(|| format!("{}-tracker", model.spec.name)),
            ),
            version: json_string(&cx.package_version),
            description: json_string(&format!(
                "Typed tracker and payload parser for the tracking plan {}",
                cx.spec_path
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::files;

    #[test]
    fn files_header_invariants_and_manifest() {
        let loaded = crate::load("tests/cases/all-types/spec.md").unwrap();
        let text = std::fs::read_to_string("tests/cases/all-types/spec.md").unwrap();
        let cx = Context::new("tests/cases/all-types/spec.md", &text);
        let mut d = loaded.diagnostics.clone();
        let out = TypeScript.generate(&loaded.model, &cx, &mut d);
        assert!(!d.has_errors(), "{}", d.render());
        let paths: Vec<&str> = out.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, vec!["package.json", "src/index.ts", "tsconfig.json"]);
        for f in &out {
            files::check_invariants(f).unwrap();
            assert!(f.contents.contains(&cx.header()), "{}", f.path);
        }
        for f in out.iter().filter(|f| f.path != "package.json") {
            assert!(
                f.contents.starts_with(&format!("// {}\n", cx.header())),
                "{}",
                f.path
            );
        }
        let manifest: serde_json::Value = serde_json::from_str(&out[0].contents).unwrap();
        assert_eq!(manifest["//"], cx.header().as_str());
        assert_eq!(manifest["name"], "spec-tracker");
        assert_eq!(manifest["version"], "0.1.0");
        assert_eq!(manifest["type"], "module");
        assert_eq!(manifest["main"], "dist/index.js");
        assert_eq!(manifest["types"], "dist/index.d.ts");
        assert_eq!(manifest["files"], serde_json::json!(["dist", "src"]));
        assert_eq!(manifest["scripts"]["build"], "tsc");
        assert_eq!(
            manifest["devDependencies"]["typescript"],
            TYPESCRIPT_VERSION
        );
    }

    #[test]
    fn hostile_text_stays_in_comments_and_literals() {
        let loaded = crate::load("tests/cases/hostile/spec.md").unwrap();
        let cx = Context::new("tests/cases/hostile/spec.md", "");
        let mut d = loaded.diagnostics.clone();
        let out = TypeScript.generate(&loaded.model, &cx, &mut d);
        let index = &out[1].contents;
        // Every `*/` is the end of a comment we opened: the line starts a comment or is inside one.
        let mut in_block = false;
        for line in index.lines() {
            let t = line.trim_start();
            if t.starts_with("/**") {
                in_block = true;
            }
            if in_block {
                assert!(t.starts_with("/**") || t.starts_with('*'), "{line}");
                assert!(
                    !t.trim_end_matches("*/").contains("*/"),
                    "early close: {line}"
                );
            }
            if t.ends_with("*/") {
                in_block = false;
            }
        }
        assert!(
            !index.contains('\u{2028}') && !index.contains('\0') && !index.contains('\u{202e}')
        );
        assert!(index.contains("\"back\\\\slash\""));
        assert!(index.contains("'say \"hi\"'"));
    }
}
