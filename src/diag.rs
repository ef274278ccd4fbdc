//! Source files, spans and diagnostics.
//!
//! Every stage of the pipeline (spec reading, lowering to the model, the backends) reports problems
//! as [`Diagnostic`]s collected in a [`Diagnostics`] bag that belongs to one [`SourceFile`]. A span is a
//! byte range into the file's *normalised* text (BOM stripped, CRLF turned into LF), so line and
//! column numbers are computed on that text. Columns count characters (Unicode scalar values), not
//! bytes, starting at 1.
//!
//! Rendering: the first line is always `path:line:col: severity[code]: message`, which editors and CI
//! annotators parse; a source snippet rendered by `annotate-snippets` follows.

use std::fmt;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// A spec file as read from disk, normalised once at the door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    path: String,
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps `raw` text read from `path`: strips a UTF-8 byte order mark and turns CRLF (and lone
    /// CR) line endings into LF. All spans refer to the normalised text.
    pub fn new(path: impl Into<String>, raw: &str) -> Self {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let text = if raw.contains('\r') {
            raw.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            raw.to_owned()
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The path as given by the caller (used verbatim in diagnostics).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line_idx).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line_idx + 1, col + 1)
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = self.text.get(start..).unwrap_or("");
        let rest = rest.split('\n').next().unwrap_or("");
        start
            + rest
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }

    /// The text of a span, or "" when the span does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// A byte range in a [`SourceFile`]'s normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information, e.g. a reserved word that was renamed.
    Note,
    /// Something probably wrong that does not stop generation.
    Warning,
    /// The spec cannot be used; nothing is generated.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `unknown-type`.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where; `None` for problems of the whole file (then line 1, column 1 is reported).
    pub span: Option<Span>,
    /// Secondary locations with a label each.
    pub labels: Vec<(Span, String)>,
    /// A suggestion.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new diagnostic at `span`.
    pub fn new(
        severity: Severity,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            span: Some(span),
            labels: Vec::new(),
            help: None,
        }
    }

    /// Adds a secondary location.
    pub fn with_label(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push((span, label.into()));
        self
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The diagnostics of one source file.
#[derive(Debug, Clone)]
pub struct Diagnostics {
    file: Arc<SourceFile>,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty bag for `file`.
    pub fn new(file: Arc<SourceFile>) -> Self {
        Diagnostics {
            file,
            items: Vec::new(),
        }
    }

    /// The file these diagnostics are about.
    pub fn file(&self) -> &Arc<SourceFile> {
        &self.file
    }

    /// Adds a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds every diagnostic of `other` (about the same file), in order.
    pub(crate) fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Adds an error.
    pub fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Error, code, span, message));
    }

    /// Adds a warning.
    pub fn warning(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Warning, code, span, message));
    }

    /// Adds a note.
    pub fn note(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Note, code, span, message));
    }

    /// All diagnostics, in the order they were reported.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Line and column of a diagnostic's primary location.
    pub fn location(&self, d: &Diagnostic) -> (usize, usize) {
        d.span.map_or((1, 1), |s| self.file.line_col(s.start))
    }

    /// Renders every diagnostic, sorted by position (stable for equal positions), as plain text.
    pub fn render(&self) -> String {
        let mut sorted: Vec<&Diagnostic> = self.items.iter().collect();
        sorted.sort_by_key(|d| d.span.map_or(0, |s| s.start));
        let mut out = String::new();
        for d in sorted {
            out.push_str(&self.render_one(d));
        }
        out
    }

    /// Renders one diagnostic: the `path:line:col: severity[code]: message` line, then a snippet.
    pub fn render_one(&self, d: &Diagnostic) -> String {
        let (line, col) = self.location(d);
        let mut out = format!(
            "{}:{}:{}: {}[{}]: {}\n",
            self.file.path(),
            line,
            col,
            d.severity,
            d.code,
            d.message
        );
        if let Some(span) = d.span {
            out.push_str(&self.snippet(d, span));
        }
        if let Some(help) = &d.help {
            out.push_str("  = help: ");
            out.push_str(help);
            out.push('\n');
        }
        out
    }

    fn snippet(&self, d: &Diagnostic, span: Span) -> String {
        let text = self.file.text();
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let clamp = |s: Span| {
            let end = s.end.min(text.len());
            s.start.min(end)..end
        };
        let mut snippet = Snippet::source(text)
            .path(self.file.path())
            .annotation(AnnotationKind::Primary.span(clamp(span)));
        for (s, label) in &d.labels {
            snippet = snippet.annotation(AnnotationKind::Context.span(clamp(*s)).label(label));
        }
        let report = [Group::with_level(level).element(snippet)];
        let mut rendered = Renderer::plain().render(&report);
        rendered.push('\n');
        rendered
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised_and_columns_count_chars() {
        let f = SourceFile::new("x.md", "\u{feff}ab\r\nçd|e\r\n");
        assert_eq!(f.text(), "ab\nçd|e\n");
        let bar = f.text().find('|').unwrap();
        assert_eq!(f.line_col(bar), (2, 3));
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(10_000), (3, 1));
    }

    #[test]
    fn first_line_is_machine_readable() {
        let f = Arc::new(SourceFile::new("spec/x.md", "| a | b |\n| c | dd |\n"));
        let mut d = Diagnostics::new(f);
        d.error("unknown-type", Span::new(16, 18), "unknown type `dd`");
        let out = d.render();
        assert!(
            out.starts_with("spec/x.md:2:7: error[unknown-type]: unknown type `dd`\n"),
            "{out}"
        );
        assert!(out.contains("| c | dd |"), "{out}");
    }
}
