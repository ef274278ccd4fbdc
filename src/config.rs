//! `trackgen.yaml`: what `trackgen generate` and `trackgen check` do when run without arguments.
//! CLI only (feature `cli`); serde_yaml is confined to this module and `trackgen ir`.
//!
//! Unknown keys are errors reported with their line and column, like spec errors.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use crate::Error;
use crate::diag::{Diagnostics, SourceFile, Span};
use crate::lang::Language;

/// The default config file name, looked up in the current directory.
pub const FILE: &str = "trackgen.yaml";

/// A parsed `trackgen.yaml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Spec files; empty means every `spec/*.md` except `spec/README.md`.
    #[serde(default)]
    pub specs: Vec<PathBuf>,
    /// Output root (default `generated`).
    #[serde(default)]
    pub out: Option<PathBuf>,
    /// Languages to generate (default: all).
    #[serde(default)]
    pub languages: Vec<Language>,
    /// Version of every generated package unless a language sets its own (default `0.1.0`).
    #[serde(default)]
    pub version: Option<String>,
    /// A git revision (tag, branch, commit) where `version` was released. When set, each spec is
    /// compared with its version at that revision (`trackgen diff`) and the packages get
    /// `version` bumped as the changes require: major for a breaking change, minor for additions,
    /// patch for documentation only.
    #[serde(default)]
    pub baseline: Option<String>,
    /// Per-language options.
    #[serde(default)]
    pub rust: PackageOptions,
    /// Per-language options.
    #[serde(default)]
    pub typescript: PackageOptions,
    /// Per-language options.
    #[serde(default)]
    pub python: PackageOptions,
    /// Per-language options.
    #[serde(default)]
    pub jsonschema: PackageOptions,
}

/// Options of one language's packages.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PackageOptions {
    /// Package name; `{spec}` is replaced by the spec's name (`{spec}-tracker` gives
    /// `onlive-tracker`).
    pub package: Option<String>,
    /// Package version (overrides the top-level `version`).
    pub version: Option<String>,
}

impl Config {
    /// Parses config text; errors carry the file, line and column.
    pub fn parse(path: &str, text: &str) -> Result<Config, Error> {
        let file = Arc::new(SourceFile::new(path, text));
        if file.text().trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = match serde_yaml::from_str(file.text()) {
            Ok(c) => c,
            Err(e) => {
                let span = e.location().map_or(Span::new(0, 0), |l| {
                    let at = file.offset(l.line(), l.column());
                    Span::new(at, at)
                });
                let msg = e.to_string();
                // serde_yaml appends " at line L column C"; the diagnostic says where already.
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
                let mut d = Diagnostics::new(file);
                d.error("config", span, msg);
                return Err(Error::Spec(Box::new(d)));
            }
        };
        for (lang, opts) in config.packages() {
            for v in [&opts.version, &config.version].into_iter().flatten() {
                if !is_semver(v) {
                    let mut d = Diagnostics::new(file.clone());
                    let at = file.text().find(v.as_str()).unwrap_or(0);
                    d.error(
                        "config",
                        Span::new(at, at + v.len()),
                        format!("version `{v}` of {lang} packages is not MAJOR.MINOR.PATCH"),
                    );
                    return Err(Error::Spec(Box::new(d)));
                }
            }
        }
        Ok(config)
    }

    /// Reads `path`; `Ok(None)` when it does not exist.
    pub fn read(path: &std::path::Path) -> Result<Option<Config>, Error> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&path.to_string_lossy(), &text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(Error::Io {
                path: path.to_string_lossy().into_owned(),
                source,
            }),
        }
    }

    /// Every language's options.
    pub fn packages(&self) -> BTreeMap<Language, &PackageOptions> {
        BTreeMap::from([
            (Language::Rust, &self.rust),
            (Language::TypeScript, &self.typescript),
            (Language::Python, &self.python),
            (Language::JsonSchema, &self.jsonschema),
        ])
    }
}

fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// The commented starter file `trackgen init` writes.
pub const STARTER: &str = r#"# trackgen configuration: `trackgen generate` and `trackgen check` read this file when they
# are run without arguments. Every key is optional; unknown keys are errors.

# Spec files to read. Default: every spec/*.md except spec/README.md.
specs:
  - spec/onlive.md

# Output root: each spec goes to <out>/<spec name>/<language>/.
out: generated

# Languages to generate. Default: all of rust, typescript, python, jsonschema.
languages: [rust, typescript, python, jsonschema]

# Version of every generated package (MAJOR.MINOR.PATCH), unless a language sets its own.
version: 0.1.0

# A git revision where `version` was released. With it, each spec is compared with its version
# there and the packages get `version` bumped as the changes require (breaking: major, additions:
# minor, documentation: patch).
# baseline: v0.1.0

# Per-language package names; {spec} is replaced by the spec's name.
rust:
  package: "{spec}-tracker"
typescript:
  package: "{spec}-tracker"
python:
  package: "{spec}-tracker"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        let c = Config::parse("trackgen.yaml", STARTER).unwrap();
        assert_eq!(c.specs, [PathBuf::from("spec/onlive.md")]);
        assert_eq!(c.languages.len(), 4);
        assert_eq!(c.rust.package.as_deref(), Some("{spec}-tracker"));
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let err = Config::parse("trackgen.yaml", "out: gen\nrust:\n  pakage: x\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("trackgen.yaml:3:3: error[config]: rust: unknown field `pakage`"),
            "{text}"
        );
        let err = Config::parse("trackgen.yaml", "specs: []\nlangs: [rust]\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("trackgen.yaml:2:1: error[config]: unknown field `langs`"),
            "{err}"
        );
        let err = Config::parse("trackgen.yaml", "languages: [kotlin]\n").unwrap_err();
        assert!(
            err.to_string().contains("unknown variant `kotlin`"),
            "{err}"
        );
        let err = Config::parse("trackgen.yaml", "version: one\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("trackgen.yaml:1:10: error[config]: version `one`"),
            "{err}"
        );
    }
}
