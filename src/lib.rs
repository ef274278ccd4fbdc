//! trackgen reads an analytics tracking plan written in Markdown (an event per heading, a table of
//! its properties, reusable data groups) into one intermediate [`Model`], and generates typed
//! tracker SDKs (Rust, TypeScript, Python) and JSON Schema from it.
//!
//! # Pipeline
//!
//! ```text
//! file ─► spec::read ─► SpecDoc ─► model::lower ─► Model ─► backends ─► files
//! ```
//!
//! Every stage reports problems as [`Diagnostic`]s with file, line and column; nothing is written
//! when any of them is an error.
//!
//! # Loading a spec
//!
//! ```no_run
//! let loaded = trackgen::load("spec/onlive.md")?;
//! for event in &loaded.model.events {
//!     println!("{} has {} properties", event.id, event.properties.len());
//! }
//! # Ok::<(), trackgen::Error>(())
//! ```

pub mod builder;
pub mod diag;
pub mod diff;
pub mod lang;
pub mod lint;
pub mod model;
pub mod payload;
pub mod spec;
pub mod write;

mod lookup;
pub(crate) use lookup::{NameMap, NameSet};

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use builder::{Builder, compile};
pub use diag::{Diagnostic, Diagnostics, Severity, SourceFile, Span};
pub use lang::{GeneratedFile, Language};
pub use model::Model;

/// A spec read and lowered, with every diagnostic found on the way (warnings included).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The model.
    pub model: Model,
    /// Warnings and notes (never errors: a spec with errors is an [`Error::Spec`]).
    pub diagnostics: Diagnostics,
}

/// What can go wrong.
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The path involved.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The spec has errors; the diagnostics (warnings too) say where.
    Spec(Box<Diagnostics>),
    /// Anything else, e.g. a bad option.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{path}: {source}"),
            Error::Spec(d) => {
                f.write_str(&d.render())?;
                let n = d.error_count();
                write!(
                    f,
                    "{}: {n} error{} in the spec; nothing was generated",
                    d.file().path(),
                    if n == 1 { "" } else { "s" }
                )
            }
            Error::Other(msg) => f.write_str(msg),
        }
    }
}

// `main() -> Result<(), Error>` prints `Debug`: make it the readable text.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

/// Reads and lowers the spec at `path` (Markdown for `.md`, the plain-text export form otherwise).
pub fn load(path: impl AsRef<Path>) -> Result<Loaded, Error> {
    let path = path.as_ref();
    let display = path.to_string_lossy().replace('\\', "/");
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: display.clone(),
        source,
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let file = Arc::new(SourceFile::new(display.clone(), ""));
            let mut d = Diagnostics::new(file);
            d.error(
                "not-utf8",
                Span::new(0, 0),
                format!(
                    "the file is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            );
            return Err(Error::Spec(Box::new(d)));
        }
    };
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    load_str(&display, &name, &text)
}

/// Reads and lowers spec text. `path` is used in diagnostics and picks the dialect; `name` names
/// the spec (the file stem, e.g. `onlive`).
pub fn load_str(path: &str, name: &str, text: &str) -> Result<Loaded, Error> {
    let file = Arc::new(SourceFile::new(path, text));
    let mut d = Diagnostics::new(file);
    let doc = spec::read(&mut d);
    let model = model::lower(&doc, name, path, &mut d);
    if d.has_errors() {
        return Err(Error::Spec(Box::new(d)));
    }
    Ok(Loaded {
        model,
        diagnostics: d,
    })
}

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod config;

/// What to generate: languages (empty: all), the default package version, per-language packages.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Languages; empty means all.
    pub languages: Vec<Language>,
    /// Version of every package unless `packages` says otherwise (default `0.1.0`).
    pub version: Option<String>,
    /// Per-language package name and version.
    pub packages: std::collections::BTreeMap<Language, lang::Package>,
    /// Per spec (by name): the version to use instead of `version` (set by `baseline` stamping).
    pub spec_versions: std::collections::BTreeMap<String, String>,
}

impl Options {
    /// All languages, default packages.
    pub fn all() -> Self {
        Options::default()
    }

    /// Only these languages.
    pub fn languages(langs: &[Language]) -> Self {
        Options {
            languages: langs.to_vec(),
            ..Options::default()
        }
    }
}

/// Loads every spec and generates `langs` for each, in memory. Paths in the result are relative to
/// the output root (`onlive/rust/src/lib.rs`). `on_warnings` sees each spec's warnings and notes.
/// Nothing is returned (and nothing should be written) when any spec or backend reports an error.
pub fn generate_files(
    specs: &[impl AsRef<Path>],
    options: &Options,
    mut on_warnings: impl FnMut(&Diagnostics),
) -> Result<Vec<GeneratedFile>, Error> {
    let langs = if options.languages.is_empty() {
        Language::ALL.to_vec()
    } else {
        options.languages.clone()
    };
    let mut out = Vec::new();
    let mut names: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for spec in specs {
        let loaded = load(spec.as_ref())?;
        let mut d = loaded.diagnostics;
        let model = loaded.model;
        let shown = header_path(spec.as_ref());
        if let Some(other) = names.insert(model.spec.name.clone(), shown.clone()) {
            return Err(Error::Other(format!(
                "{shown} and {other} would both generate into `{}/`; rename one of them",
                model.spec.name
            )));
        }
        let mut cx = lang::Context::new(&shown, d.file().text());
        if let Some(v) = options
            .spec_versions
            .get(&model.spec.name)
            .or(options.version.as_ref())
        {
            cx.package_version.clone_from(v);
        }
        cx.packages.clone_from(&options.packages);
        let files = lang::generate(&model, &cx, &langs, &mut d);
        match files {
            Some(files) => {
                on_warnings(&d);
                out.extend(files);
            }
            None => return Err(Error::Spec(Box::new(d))),
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The spec path as it appears in generated headers: relative to the current directory when it
/// is below it, `/`-separated, never absolute (headers must not depend on the machine).
fn header_path(p: &Path) -> String {
    let rel = if p.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| p.file_name().map(PathBuf::from).unwrap_or_default())
    } else {
        p.to_path_buf()
    };
    rel.to_string_lossy()
        .replace('\\', "/")
        .trim_start_matches("./")
        .to_owned()
}
