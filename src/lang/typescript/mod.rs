//! TypeScript backend: an ESM package `{spec}-tracker` with `src/index.ts` (types, parsers,
//! tracker, and the static runtime from `templates/typescript/runtime.ts`), `package.json` and a
//! strict `tsconfig.json`.
//!
//! Layout: `names.rs` (identifiers), `text.rs` (escaping), `layout.rs` (width-dependent shapes,
//! Prettier's), `view.rs` (everything the templates print), `types.rs` (property types),
//! `tracker.rs` (the `Tracker`), `templates.rs` (askama structs). The output passes `tsc` with
//! every strict flag and is a fixed point of Prettier 3.
//!
//! The extensions of the contract, and the choices made for them:
//!
//! - Object types: `export interface Contact` and `parseContact(value)` per object (pointers
//!   relative to the object); a `ref` field is the interface, checked by the object's table (a
//!   thunk in the table data, so tables may refer to each other in any order).
//! - `map of T`: `{ [key: string]: T }`, every value checked (`/.../<escaped key>`).
//! - Open enums: `"a" | "b" | (string & {})` (the known values stay visible to editors) and the
//!   `X_VALUES` array of the known values; the parser accepts any string.
//! - `*` rows: an index signature on the interface. TypeScript requires every member's type to be
//!   assignable to it, so its type is the `*` row's type joined with the type of every member it
//!   does not already admit (for an `any` row, only members that are not JSON-shaped, such as an
//!   interface without an index signature). Reading an unlisted key so gives a type at least as
//!   wide as what the parser accepts there; writing one is checked against that union, which can
//!   be wider than the `*` row's type when the table lists other types (the parser then refuses
//!   the value). The alternative, a separate `additional` field, would change the flat wire
//!   object's shape in memory; the contract keeps it flat.
//! - Envelope fields: `EnvelopeFields` (the table), `Envelope extends EnvelopeFields` (what a sink
//!   receives), `{Spec}Envelope = EnvelopeFields & {Spec}Event` (what `parseEnvelope` returns,
//!   checked in the contract's order). The tracker takes them once, as the `envelope` option
//!   (required when a field is), and writes them into every envelope; `track` and the typed
//!   methods take the event only (`{Spec}Event`, unchanged).
//! - Lifecycles: `{Id}State` (string-literal union) and `class {Id}Lifecycle` with `STATES`,
//!   `INITIAL`, `TERMINAL`, `TRANSITIONS`, `state`, `allowed()`, `isTerminal()` and `advance()`,
//!   which throws a `LifecycleError` (`kind`, `lifecycle`, `from`, `to`, `allowed`). The error and
//!   the checks are in `templates/typescript/runtime-lifecycle.ts`, included only when the plan
//!   has lifecycles (every helper of the module is used: `noUnusedLocals`).
//! - A plan without events (only object types) is still a whole package: `{Spec}Event` is
//!   `never`, `parseEnvelope` knows no event and `Tracker.track` takes `never`, so the package has
//!   the same shape as any other and compiles under the strict flags.
//! - `since` (the version that introduced a property) is stated in its doc comment.

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
                    .unwrap_or_else(|| format_line!("{}-tracker", model.spec.name)),
            ),
            version: json_string(&cx.package_version),
            description: json_string(&format_line!(
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
            (
                "src/index.ts",
                crate::lang::render_sized(
                    &IndexTemplate { v: &index },
                    crate::lang::size_estimate(model, 32 << 10, 200),
                ),
            ),
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
                    format_line!("typescript/{path}: {e}"),
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
                f.contents
                    .starts_with(&format_line!("// {}\n", cx.header())),
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
