//! BACKENDS: one module per target language, all reading the same [`Model`].
//!
//! A backend is a pure function `Model → Vec<GeneratedFile>`: no filesystem, no environment, no
//! clock. `trackgen generate`, `trackgen check`, build scripts and tests all call [`generate`] and
//! differ only in what they do with the files (see `write`).
//!
//! Adding a language: a `Language` variant, a module here, a template folder, a toolchain test.
//! The exhaustive `match`es below are the checklist the compiler enforces.

/// `format!` for the pieces of generated text, through [`format_line`].
macro_rules! format_line {
    ($($arg:tt)*) => {
        $crate::lang::format_line(format_args!($($arg)*))
    };
}

thread_local! {
    /// The buffer [`format_line`] formats into.
    static SCRATCH: std::cell::RefCell<String> = std::cell::RefCell::default();
}

/// Formats `args` into a reused buffer, then copies the text into a string of exactly its size.
/// `format!` starts with an empty string when the literal part is short and grows it argument by
/// argument; for the many small strings of the layout code those reallocations were a tenth of
/// generation's instructions (`benches/README.md`).
pub(crate) fn format_line(args: std::fmt::Arguments<'_>) -> String {
    use std::fmt::Write as _;
    if let Some(s) = args.as_str() {
        return s.to_owned();
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            let _ = buf.write_fmt(args);
            String::from(buf.as_str())
        }
        // An argument whose `Display` itself calls `format_line`.
        Err(_) => std::fmt::format(args),
    })
}

pub mod files;
pub mod jsonschema;
pub mod naming;
pub mod python;
pub mod rust;
pub mod typescript;

use std::collections::BTreeMap;

use crate::NameMap;
use crate::diag::{Diagnostics, Span};
use crate::model::{Model, Property, Type};

pub use files::GeneratedFile;

/// Renders `t` into a string of `capacity` bytes reserved up front. Askama starts from a small
/// hint and grows the string by doubling, which for a large spec copies the output several times
/// and touches up to three times its size in fresh pages (10,000 events: a 124 MB `lib.rs`).
/// Reserving more than is written costs only address space.
pub(crate) fn render_sized(t: &impl askama::Template, capacity: usize) -> askama::Result<String> {
    let mut out = String::with_capacity(capacity);
    t.render_into(&mut out)?;
    Ok(out)
}

/// A generous estimate of the size of a backend's main file: `base` bytes plus `per_property`
/// for every property of every event, data group and object type. Measured per property: Rust
/// 400–480 bytes, Python 315, TypeScript 134–137, JSON Schema 81–110 (onlive, synth_1k).
pub(crate) fn size_estimate(model: &Model, base: usize, per_property: usize) -> usize {
    let properties: usize = model
        .events
        .iter()
        .map(|e| e.properties.len())
        .sum::<usize>()
        + model
            .groups
            .iter()
            .map(|g| g.properties.len())
            .sum::<usize>()
        + model
            .objects
            .iter()
            .map(|o| o.properties.len())
            .sum::<usize>();
    base.saturating_add(properties.saturating_mul(per_property))
}

/// Whether every byte of `s` is printable ASCII (space to `~`). Such text holds no control,
/// invisible or bidi character and no line terminator, so the per-language escapers can skip their
/// per-character paths (only quotes and backslashes remain to check). Most spec text is.
pub(crate) fn printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Test input for text escaping: `base`, then every concatenation of three of `pieces`.
#[cfg(test)]
pub(crate) fn three_piece_cases(base: &[&str], pieces: &[&str]) -> Vec<String> {
    let mut cases: Vec<String> = base.iter().map(|s| (*s).to_owned()).collect();
    for a in pieces {
        for b in pieces {
            for c in pieces {
                cases.push(format!("{a}{b}{c}"));
            }
        }
    }
    cases
}

/// A target language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum Language {
    /// A Rust crate (`NAME-tracker`).
    Rust,
    /// A TypeScript ESM package.
    #[cfg_attr(feature = "cli", value(name = "typescript", alias = "ts"))]
    TypeScript,
    /// A typed Python package.
    #[cfg_attr(feature = "cli", value(alias = "py"))]
    Python,
    /// A JSON Schema (draft 2020-12) document.
    #[cfg_attr(feature = "cli", value(name = "jsonschema", alias = "json-schema"))]
    JsonSchema,
}

impl Language {
    /// Every language, in output order.
    pub const ALL: [Language; 4] = [
        Language::Rust,
        Language::TypeScript,
        Language::Python,
        Language::JsonSchema,
    ];

    /// How long the backend takes relative to the others (instructions on `spec/onlive.md`,
    /// callgrind: Python 9.4 M, Rust 9.3 M, TypeScript 4.4 M, JSON Schema 1.9 M). Only the order
    /// matters: [`generate`] starts the most expensive first.
    fn relative_cost(self) -> u8 {
        match self {
            Language::Python => 4,
            Language::Rust => 3,
            Language::TypeScript => 2,
            Language::JsonSchema => 1,
        }
    }

    /// The folder name under `generated/NAME/` and the CLI value.
    pub fn dir(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::TypeScript => "typescript",
            Language::Python => "python",
            Language::JsonSchema => "jsonschema",
        }
    }

    /// The backend that generates this language.
    pub fn backend(self) -> &'static dyn Backend {
        match self {
            Language::Rust => &rust::Rust,
            Language::TypeScript => &typescript::TypeScript,
            Language::Python => &python::Python,
            Language::JsonSchema => &jsonschema::JsonSchema,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.dir())
    }
}

/// What a backend needs besides the model.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Context {
    /// The spec path as it should appear in headers (`spec/onlive.md`), `/`-separated.
    pub spec_path: String,
    /// First 16 hex digits of the SHA-256 of the spec's normalised text.
    pub spec_hash: String,
    /// Version of the generated package (`0.1.0`).
    pub package_version: String,
    /// Package name chosen by the user (config `package`, `{spec}` already replaced); `None`
    /// means the backend's default (`{spec}-tracker`).
    pub package_name: Option<String>,
    /// Per-language overrides, applied by [`generate`] before calling each backend.
    pub packages: BTreeMap<Language, Package>,
}

/// User choices for one language's package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Package {
    /// Package name; `{spec}` is replaced by the spec's name.
    pub name: Option<String>,
    /// Package version.
    pub version: Option<String>,
}

impl Package {
    /// A package setting.
    pub fn new(name: Option<String>, version: Option<String>) -> Self {
        Package { name, version }
    }
}

impl Context {
    /// A context for the spec at `spec_path` with normalised text `text`.
    pub fn new(spec_path: &str, text: &str) -> Self {
        Context {
            spec_path: spec_path.replace('\\', "/"),
            spec_hash: files::short_hash(text),
            package_version: "0.1.0".to_owned(),
            package_name: None,
            packages: BTreeMap::new(),
        }
    }

    /// The context one backend sees: `packages[lang]` applied to the name and version.
    pub fn for_language(&self, lang: Language, spec_name: &str) -> Context {
        let mut cx = self.clone();
        if let Some(p) = self.packages.get(&lang) {
            if let Some(v) = &p.version {
                cx.package_version.clone_from(v);
            }
            cx.package_name = p.name.as_ref().map(|n| n.replace("{spec}", spec_name));
        }
        cx
    }

    /// The "generated, do not edit" sentence, without comment markers.
    pub fn header(&self) -> String {
        format!(
            "@generated by trackgen from {} (sha256 {}). Do not edit; run `trackgen generate`.",
            self.spec_path, self.spec_hash
        )
    }
}

/// A target language's generator.
pub trait Backend: Sync {
    /// Generates the package's files. Paths are relative to the language's output folder
    /// (`generated/NAME/<lang>/`), use `/`, and come back sorted. Problems the target cannot
    /// express (identifier collisions, names that cannot become identifiers) go to `d`.
    fn generate(&self, model: &Model, cx: &Context, d: &mut Diagnostics) -> Vec<GeneratedFile>;
}

/// Generates `langs` for one model. Output paths are `NAME/<lang>/...` (relative to the output
/// root), sorted. Returns `None` when a backend reported an error (then `d` says which).
pub fn generate(
    model: &Model,
    cx: &Context,
    langs: &[Language],
    d: &mut Diagnostics,
) -> Option<Vec<GeneratedFile>> {
    let mut langs = langs.to_vec();
    langs.sort();
    langs.dedup();
    let file = std::sync::Arc::clone(d.file());
    let run = |lang: Language| {
        let mut ld = Diagnostics::new(std::sync::Arc::clone(&file));
        let lcx = cx.for_language(lang, &model.spec.name);
        let files = lang.backend().generate(model, &lcx, &mut ld);
        naming::forget_cased();
        (files, ld)
    };
    // Backends are independent, each with a diagnostics bag of its own; files and diagnostics are
    // then taken in language order, so the result is the same as one after the other. They run on
    // one worker per core (this thread and `cores - 1` more), each taking the next backend from a
    // list ordered by cost, most expensive first: a thread per backend on 2 cores left the Python
    // backend waiting for TypeScript to finish (`benches/README.md`, "Onlive process").
    // (position in `langs`, language), most expensive first.
    let mut jobs: Vec<(usize, Language)> = langs.iter().copied().enumerate().collect();
    jobs.sort_by_key(|&(_, l)| std::cmp::Reverse(l.relative_cost()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(i, lang)) = jobs.get(k) else {
                return done;
            };
            done.push((i, run(lang)));
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut slots: Vec<Option<(Vec<GeneratedFile>, Diagnostics)>> =
        std::iter::repeat_with(|| None).take(langs.len()).collect();
    std::thread::scope(|s| {
        let work = &work;
        // A worker that cannot start is simply not there: the others take its share.
        let helpers: Vec<_> = (1..cores.min(langs.len()))
            .filter_map(|n| {
                std::thread::Builder::new()
                    .name(format!("trackgen-{n}"))
                    .spawn_scoped(s, work)
                    .ok()
            })
            .collect();
        let mut all = work();
        for h in helpers {
            match h.join() {
                Ok(done) => all.extend(done),
                // A backend that panicked panics here, as it would have without threads.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        for (i, r) in all {
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(r);
            }
        }
    });
    let mut out = Vec::new();
    // Every slot is filled: the workers take jobs until none is left.
    for (lang, (files, ld)) in langs.iter().zip(slots).filter_map(|(l, r)| Some((l, r?))) {
        d.append(ld);
        for f in files {
            out.push(GeneratedFile {
                path: format!("{}/{}/{}", model.spec.name, lang.dir(), f.path),
                contents: f.contents,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    (!d.has_errors()).then_some(out)
}

/// Calls `f` with the name of every enum `ty` uses (through arrays, maps and unions).
fn each_enum<'a>(ty: &'a Type, f: &mut impl FnMut(&'a str)) {
    match ty {
        Type::Enum { name } => f(name),
        Type::Array { items } => each_enum(items, f),
        Type::Map { values } => each_enum(values, f),
        Type::Union { variants } => variants.iter().for_each(|v| each_enum(v, f)),
        Type::String { .. }
        | Type::Number
        | Type::Integer { .. }
        | Type::Boolean
        | Type::Object
        | Type::Any
        | Type::Ref { .. } => {}
    }
}

/// For each enum, the span of the first of `props` (in iteration order) whose type uses it: what
/// `props.find(|p| uses(&p.ty, name))` gives for each name, in one pass instead of one per enum
/// (which made generation quadratic in the number of events; see `benches/README.md`).
pub(crate) fn first_enum_uses<'a>(
    props: impl IntoIterator<Item = &'a Property>,
) -> NameMap<&'a str, Span> {
    let mut out = NameMap::default();
    for p in props {
        each_enum(&p.ty, &mut |name| {
            out.entry(name).or_insert(p.span);
        });
    }
    out
}

/// For each enum, the span of the property using it that starts earliest in the source (on a
/// tie, the first in iteration order): `min_by_key(|p| p.span.start)` over the users, per name.
pub(crate) fn earliest_enum_uses<'a>(
    props: impl IntoIterator<Item = &'a Property>,
) -> NameMap<&'a str, Span> {
    let mut out: NameMap<&str, Span> = NameMap::default();
    for p in props {
        each_enum(&p.ty, &mut |name| {
            out.entry(name)
                .and_modify(|s| {
                    if p.span.start < s.start {
                        *s = p.span;
                    }
                })
                .or_insert(p.span);
        });
    }
    out
}
