//! Generated files and the invariants every one of them keeps.

use sha2::{Digest, Sha256};

/// One output file: a relative `/`-separated path and its full contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path, `/`-separated.
    pub path: String,
    /// Contents (UTF-8, LF line endings, exactly one trailing newline).
    pub contents: String,
}

impl GeneratedFile {
    /// A file at `path`.
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// First 16 hex digits of the SHA-256 of `text`.
pub fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Checks the output invariants: LF only, exactly one trailing newline, no trailing whitespace,
/// no tabs. Returns a description of the first violation. Used by tests on every generated file.
pub fn check_invariants(f: &GeneratedFile) -> Result<(), String> {
    let c = &f.contents;
    if c.contains('\r') {
        return Err(format!("{}: contains a carriage return", f.path));
    }
    if !c.ends_with('\n') || c.ends_with("\n\n") {
        return Err(format!("{}: must end with exactly one newline", f.path));
    }
    for (i, line) in c.lines().enumerate() {
        if line.ends_with(' ') {
            return Err(format!("{}:{}: trailing whitespace", f.path, i + 1));
        }
        if line.contains('\t') {
            return Err(format!("{}:{}: tab character", f.path, i + 1));
        }
    }
    Ok(())
}
