//! The Rust backend: a crate `{spec}-tracker` (`Cargo.toml`, `src/lib.rs`) with one struct per
//! event, data group and object type, an enum per set of allowed values, the union of all events,
//! a parser that follows the contract of `src/lang/README.md`, a `Tracker` over a `Sink`, and a
//! state machine per lifecycle.
//!
//! Choices worth knowing:
//! - `number` is `serde_json::Number`, so `2` stays `2` through a round trip; `integer` is `i64`
//!   (`3.0` is accepted and becomes `3`; an integer beyond `i64` is reported as `wrong_type`).
//! - A union property (`string / number`) is a `serde_json::Value`, checked when parsing: its
//!   variants can overlap (`integer / number`), so a Rust enum would guess.
//! - Serialisation is written out (`to_properties` / `from_properties`), and the serde impls
//!   delegate to it: `#[serde(flatten)]` cannot deny unknown keys.
//! - Object types (`ref`) are structs like events, with `from_properties` (pointers relative to
//!   the object), `from_properties_at` (under a pointer) and a `TYPE` constant that
//!   `WireType::Ref` checks through, so a union or a map can hold them. `map of T` is
//!   `BTreeMap<String, T>`.
//! - An open enum has an `Other(String)` variant; `parse` never puts a known value in it.
//! - A `*` row is a field `additional: BTreeMap<String, Value>` (the name is reserved; a property
//!   called `additional` becomes `additional_`), checked against the row's type, written back
//!   after the table's properties.
//! - A field whose wire name starts with `_` keeps one underscore (`_id`, `__v` → `_v`), so `_id`
//!   and `id` stay two fields (as in the Python output).
//! - Envelope fields (Segment's `userId`) are a struct `EnvelopeFields`: `Tracker::new(sink,
//!   fields)` writes them into every envelope and `parse_envelope` returns an `Envelope { fields,
//!   event }` (the union then has no envelope methods of its own).
//! - A plan without events (only object types) is a crate of those types: no tracker, no sinks.
//! - Lifecycles are `{Id}Lifecycle` (`new`, `advance`, `state`, `is_terminal`, `allowed`,
//!   `STATES`/`INITIAL`/`TERMINAL`/`TRANSITIONS`) over an enum `{Id}State`; a refused state is a
//!   `LifecycleError` naming the transition and the states allowed instead.
//! - `since` (the `Introduced / Updated` column) is shown in the field's docs.
//! - The runtime is copied verbatim in parts (`templates/rust/runtime.rs`, `fields.rs`,
//!   `envelope.rs`, `lifecycle_error.rs`), each only when something uses it, so no crate has dead
//!   code.
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
            GeneratedFile::new(
                "Cargo.toml",
                render(&ManifestTemplate::new(&manifest), 0, d),
            ),
            GeneratedFile::new(
                "src/lib.rs",
                render(
                    &LibTemplate::new(&krate),
                    crate::lang::size_estimate(model, 64 << 10, 640),
                    d,
                ),
            ),
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
        crate::lang::size_estimate(model, 32 << 10, 640),
        d,
    )
}

/// Whether there is anything to generate: events (a tracker) or object types (their parsers).
fn has_events(model: &Model, d: &mut Diagnostics) -> bool {
    if model.events.is_empty() && model.objects.is_empty() {
        d.error(
            "no-events",
            Span::default(),
            "the spec defines no events and no object types, so there is nothing to generate",
        );
        return false;
    }
    true
}

/// Renders a template (into `capacity` bytes reserved up front, or askama's own size hint), with
/// the one trailing newline askama drops from template files.
fn render<T: Template>(t: &T, capacity: usize, d: &mut Diagnostics) -> String {
    match crate::lang::render_sized(t, capacity.max(T::SIZE_HINT + 1)) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(e) => {
            d.error(
                "render",
                Span::default(),
                format_line!("rendering the Rust output failed: {e}"),
            );
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::files::check_invariants;

    fn generate(path: &str) -> (Vec<GeneratedFile>, String, Diagnostics) {
        let loaded = crate::load(path).unwrap();
        let cx = Context::new(path, loaded.diagnostics.file().text());
        let mut d = loaded.diagnostics.clone();
        let files = Rust.generate(&loaded.model, &cx, &mut d);
        let items = render_items(&loaded.model, &cx, &mut d);
        (files, items, d)
    }

    #[test]
    fn every_file_keeps_the_invariants_and_is_deterministic() {
        for path in [
            "spec/onlive.md",
            "spec/segment-live-chat.md",
            "spec/enghouse-contact.md",
            "spec/genesys-webchat.md",
            "tests/cases/all-types/spec.md",
            "tests/cases/hostile/spec.md",
        ] {
            let (files, items, d) = generate(path);
            assert!(!d.has_errors(), "{}", d.render());
            let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
            assert_eq!(paths, ["Cargo.toml", "src/lib.rs"]);
            for f in &files {
                check_invariants(f).unwrap();
                assert!(
                    f.contents
                        .lines()
                        .next()
                        .unwrap()
                        .contains("@generated by trackgen from")
                );
            }
            check_invariants(&GeneratedFile::new("items.rs", items.clone())).unwrap();
            let again = generate(path);
            assert_eq!(files, again.0, "{path}: not deterministic");
            assert_eq!(items, again.1);
        }
    }

    #[test]
    fn the_include_form_is_the_items_of_lib_rs() {
        let (files, items, _) = generate("tests/cases/hostile/spec.md");
        let lib = &files[1].contents;
        assert!(items.starts_with("// @generated by trackgen from tests/cases/hostile/spec.md"));
        assert!(!items.contains("#!["));
        assert!(!items.lines().any(|l| l.starts_with("//!")));
        let body = items.split_once("\n\n").unwrap().1;
        assert!(lib.ends_with(body), "lib.rs ends with the same items");
        assert!(lib.contains("#![forbid(unsafe_code)]"));
    }

    #[test]
    fn the_include_form_of_the_extensions_has_no_inner_attributes() {
        for path in [
            "spec/segment-live-chat.md",
            "spec/enghouse-contact.md",
            "spec/genesys-webchat.md",
        ] {
            let (files, items, d) = generate(path);
            assert!(!d.has_errors(), "{}", d.render());
            assert!(!items.contains("#!["), "{path}");
            assert!(!items.lines().any(|l| l.starts_with("//!")), "{path}");
            let body = items.split_once("\n\n").unwrap().1;
            assert!(files[1].contents.ends_with(body), "{path}");
        }
    }

    #[test]
    fn runtime_parts_only_where_used() {
        let (onlive, _, _) = generate("spec/onlive.md");
        let (enghouse, _, _) = generate("spec/enghouse-contact.md");
        let (genesys, _, _) = generate("spec/genesys-webchat.md");
        let has = |f: &[GeneratedFile], s: &str| f[1].contents.contains(s);
        assert!(has(&onlive, "fn open_envelope") && !has(&onlive, "LifecycleError"));
        assert!(!has(&enghouse, "fn open_envelope") && !has(&enghouse, "pub struct Tracker"));
        assert!(has(&enghouse, "fn take<T: Slot>") && has(&enghouse, "pub struct Contact {"));
        assert!(has(&genesys, "pub struct LifecycleError<S>"));
    }

    #[test]
    fn a_spec_without_events_is_an_error() {
        // Nothing but a lifecycle: no events, no object types.
        let spec = "# T\n\nNothing here.\n\n## Lifecycle\n\n### L `l`\n\n- a -> b\n";
        let loaded = crate::load_str("t.md", "t", spec).unwrap();
        let cx = Context::new("t.md", "x");
        let mut d = loaded.diagnostics.clone();
        assert!(Rust.generate(&loaded.model, &cx, &mut d).is_empty());
        assert!(d.render().contains("no-events"), "{}", d.render());
    }
}
