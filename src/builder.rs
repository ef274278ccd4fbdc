//! The library API for build scripts, in the shape prost-build made familiar.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), trackgen::Error> {
//!     trackgen::Builder::new()
//!         .spec("tracking/onlive.md")
//!         .compile() // writes $OUT_DIR/onlive.rs, prints cargo:rerun-if-changed=tracking/onlive.md
//! }
//! // src/lib.rs:
//! // pub mod tracking { include!(concat!(env!("OUT_DIR"), "/onlive.rs")); }
//! ```
//!
//! Three levels: [`Builder::load`] (parse and check the specs), [`Builder::generate`] (the files,
//! in memory, no writing) and [`Builder::compile`] (both, then write what changed).
//!
//! `cargo:rerun-if-changed` is printed for every spec read, and never for anything written: a
//! generated file declared as an input would make cargo rerun the build script on every build
//! (prost-build had to revert exactly that). Note that once a build script prints any such line,
//! cargo stops rerunning it when other files of the package change; if your build script has other
//! inputs, print them too, or turn the lines off with
//! [`emit_rerun_if_changed(false)`](Builder::emit_rerun_if_changed).

use std::path::{Path, PathBuf};

use crate::lang::{self, Language, Package};
use crate::{Error, GeneratedFile, Loaded};

/// Configures and runs code generation from a build script.
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    languages: Vec<Language>,
    out_dir: Option<PathBuf>,
    emit_rerun_if_changed: bool,
    version: Option<String>,
    packages: std::collections::BTreeMap<Language, Package>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// A builder generating Rust (only) into `$OUT_DIR`.
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            languages: Vec::new(),
            out_dir: None,
            emit_rerun_if_changed: true,
            version: None,
            packages: std::collections::BTreeMap::new(),
        }
    }

    /// Adds a spec file.
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds several spec files.
    pub fn specs(mut self, paths: impl IntoIterator<Item = impl AsRef<Path>>) -> Self {
        self.specs
            .extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// Adds a language. Default: Rust only. Rust output is one include!-able file
    /// `<out>/<spec name>.rs`; other languages get their whole package under
    /// `<out>/<spec name>/<language>/`.
    pub fn language(mut self, lang: Language) -> Self {
        if !self.languages.contains(&lang) {
            self.languages.push(lang);
        }
        self
    }

    /// The output folder. Default: the `OUT_DIR` cargo gives build scripts.
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Whether to print `cargo:rerun-if-changed=<spec>` for every spec read (default `true`).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.emit_rerun_if_changed = on;
        self
    }

    /// Version of the generated packages (non-Rust languages; default `0.1.0`).
    pub fn package_version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    fn langs(&self) -> Vec<Language> {
        if self.languages.is_empty() {
            vec![Language::Rust]
        } else {
            let mut v = self.languages.clone();
            v.sort();
            v
        }
    }

    /// Reads and checks every spec (printing `cargo:rerun-if-changed` lines first, so that a
    /// build that fails on a bad spec reruns once the spec is fixed).
    pub fn load(&self) -> Result<Vec<Loaded>, Error> {
        if self.specs.is_empty() {
            return Err(Error::Other(
                "trackgen::Builder: no spec given; call .spec(\"path/to/spec.md\")".to_owned(),
            ));
        }
        if self.emit_rerun_if_changed {
            for s in &self.specs {
                println!("cargo:rerun-if-changed={}", s.display());
            }
        }
        self.specs.iter().map(crate::load).collect()
    }

    /// The files to write, relative to the output folder. Reads the specs; writes nothing.
    pub fn generate(&self) -> Result<Vec<GeneratedFile>, Error> {
        let mut out = Vec::new();
        for (loaded, path) in self.load()?.into_iter().zip(&self.specs) {
            let mut d = loaded.diagnostics;
            let model = loaded.model;
            let shown = path.to_string_lossy().replace('\\', "/");
            let mut cx = lang::Context::new(&shown, d.file().text());
            if let Some(v) = &self.version {
                cx.package_version.clone_from(v);
            }
            cx.packages.clone_from(&self.packages);
            for lang in self.langs() {
                if lang == Language::Rust {
                    let lcx = cx.for_language(lang, &model.spec.name);
                    let items = lang::rust::render_items(&model, &lcx, &mut d);
                    out.push(GeneratedFile::new(format!("{}.rs", model.spec.name), items));
                } else {
                    let files = lang::generate(&model, &cx, &[lang], &mut d)
                        .ok_or_else(|| Error::Spec(Box::new(d.clone())))?;
                    out.extend(files);
                }
            }
            if d.has_errors() {
                return Err(Error::Spec(Box::new(d)));
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Generates and writes every file whose contents changed into the output folder.
    pub fn compile(&self) -> Result<(), Error> {
        let out = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Other(
                        "OUT_DIR is not set: run from a build script, or call .out_dir(...)"
                            .to_owned(),
                    )
                })?,
        };
        let files = self.generate()?;
        crate::write::write_if_changed(&out, &files)?;
        Ok(())
    }
}

/// Generates Rust for one spec into `$OUT_DIR/<spec name>.rs`: the common case of
/// `Builder::new().spec(path).compile()`.
pub fn compile(spec: impl AsRef<Path>) -> Result<(), Error> {
    Builder::new().spec(spec).compile()
}
