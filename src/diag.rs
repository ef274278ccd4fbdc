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
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};

/// Annotations on lines at most this many lines apart are shown in one snippet, the lines between
/// them folded into `...` by annotate-snippets; farther ones are shown in a snippet of their own.
/// It bounds the text between annotations that rendering a diagnostic reads.
const SNIPPET_GAP: usize = 10;

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

    /// 0-based index of the line holding byte `offset` (clamped to the text).
    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset.min(self.text.len())) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_idx = self.line_index(offset);
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

    /// A span as a byte range within the text on character boundaries: clamped to the text and
    /// moved back to the start of any character it points into.
    fn clamp(&self, s: Span) -> Range<usize> {
        let floor = |mut i: usize| {
            i = i.min(self.text.len());
            while i > 0 && !self.text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let end = floor(s.end);
        floor(s.start.min(end))..end
    }

    /// 0-based index of the line holding byte `offset` as annotate-snippets sees lines: a line
    /// owns its `\n`, and the end of a text that ends with `\n` belongs to the last line.
    fn snippet_line(&self, offset: usize) -> usize {
        let len = self.text.len();
        if offset >= len && self.text.ends_with('\n') {
            self.line_index(len.saturating_sub(1))
        } else {
            self.line_index(offset)
        }
    }

    /// The byte range of the 0-based lines `lo..=hi`, the `\n` ending `hi` included.
    fn lines_range(&self, lo: usize, hi: usize) -> (usize, usize) {
        let len = self.text.len();
        let start = self.line_starts.get(lo).copied().unwrap_or(len);
        let end = self
            .line_starts
            .get(hi + 1)
            .copied()
            .unwrap_or(len)
            .max(start);
        (start, end)
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

    /// The source snippet of a diagnostic, rendered by annotate-snippets.
    ///
    /// annotate-snippets scans the whole source it is given, so it is given only the lines that
    /// carry annotations: the annotations are grouped into clusters of lines at most
    /// [`SNIPPET_GAP`] lines apart, and each cluster becomes one [`Snippet`] of just its lines
    /// (with `line_start` so the line numbers are the file's). The primary span's cluster comes
    /// first (`-->`); a label far from it gets a snippet of its own (`:::` with its location).
    /// Within a cluster the output is the same as rendering against the whole file, so the cost
    /// of a diagnostic is that of the lines it shows, not of the file's size.
    fn snippet(&self, d: &Diagnostic, span: Span) -> String {
        let file = &*self.file;
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        // Every annotation as (clamped range, first line, last line, label); the primary first.
        let marks: Vec<(Range<usize>, usize, usize, Option<&str>)> = std::iter::once((span, None))
            .chain(d.labels.iter().map(|(s, l)| (*s, Some(l.as_str()))))
            .map(|(s, label)| {
                let r = file.clamp(s);
                let (lo, hi) = (file.snippet_line(r.start), file.snippet_line(r.end));
                (r, lo, hi, label)
            })
            .collect();
        // Clusters of lines, as (first line, last line, indices into `marks`).
        let mut order: Vec<usize> = (0..marks.len()).collect();
        order.sort_by_key(|&i| marks.get(i).map_or(0, |m| m.1));
        let mut clusters: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        for i in order {
            let Some(&(_, lo, hi, _)) = marks.get(i) else {
                continue;
            };
            match clusters.last_mut() {
                Some(c) if lo <= c.1.saturating_add(SNIPPET_GAP) => {
                    c.1 = c.1.max(hi);
                    c.2.push(i);
                }
                _ => clusters.push((lo, hi, vec![i])),
            }
        }
        // The primary's cluster first; annotations in their original order within a cluster.
        if let Some(p) = clusters.iter().position(|c| c.2.contains(&0)) {
            let primary = clusters.remove(p);
            clusters.insert(0, primary);
        }
        let snippets: Vec<Snippet<'_, Annotation<'_>>> = clusters
            .iter_mut()
            .map(|(lo, hi, members)| {
                members.sort_unstable();
                let (start, end) = file.lines_range(*lo, *hi);
                let source = file.text.get(start..end).unwrap_or("");
                let mut snippet = Snippet::source(source)
                    .path(file.path())
                    .line_start(*lo + 1);
                for &i in members.iter() {
                    let Some((r, _, _, label)) = marks.get(i) else {
                        continue;
                    };
                    let r = r.start.saturating_sub(start)..r.end.saturating_sub(start);
                    snippet = snippet.annotation(match label {
                        None => AnnotationKind::Primary.span(r),
                        Some(label) => AnnotationKind::Context.span(r).label(*label),
                    });
                }
                snippet
            })
            .collect();
        let report = [Group::with_level(level).elements(snippets)];
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

    /// The rendering before snippets were cut to their lines: the whole text as the source.
    /// Only for spans on character boundaries (annotate-snippets slices the text at them).
    fn whole_file_snippet(d: &Diagnostics, diag: &Diagnostic, span: Span) -> String {
        let text = d.file().text();
        let clamp = |s: Span| {
            let end = s.end.min(text.len());
            s.start.min(end)..end
        };
        let mut snippet = Snippet::source(text)
            .path(d.file().path())
            .annotation(AnnotationKind::Primary.span(clamp(span)));
        for (s, label) in &diag.labels {
            snippet = snippet.annotation(AnnotationKind::Context.span(clamp(*s)).label(label));
        }
        let mut out = Renderer::plain().render(&[Group::with_level(Level::ERROR).element(snippet)]);
        out.push('\n');
        out
    }

    #[test]
    fn snippets_cut_to_their_lines_render_as_against_the_whole_file() {
        let texts = [
            "",
            "\n",
            "a",
            "ab\n",
            "ab\ncd",
            "| a | b |\n|---|---|\n| x | y |\n\n\ntail\n",
            "one\n\ntwo çé\nthree 🎉 x\n\n\n\nfour\nfive\n",
            "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\nl13\nl14\n\n\n\nl18\n",
        ];
        let (mut checked, mut far) = (0, 0);
        for text in texts {
            let d = Diagnostics::new(Arc::new(SourceFile::new("x.md", text)));
            let bounds: Vec<usize> = (0..=text.len() + 1)
                .filter(|&i| i > text.len() || text.is_char_boundary(i))
                .collect();
            let spans: Vec<Span> = bounds
                .iter()
                .flat_map(|&a| {
                    bounds
                        .iter()
                        .filter(move |&&b| b >= a)
                        .map(move |&b| Span::new(a, b))
                })
                .collect();
            for (k, &primary) in spans.iter().enumerate() {
                // Alone, with one label, and with two labels.
                let l1 = spans
                    .get((k * 7 + 3) % spans.len())
                    .copied()
                    .unwrap_or_default();
                let l2 = spans.get(spans.len() - 1 - k).copied().unwrap_or_default();
                for labels in [vec![], vec![l1], vec![l1, l2]] {
                    let mut diag = Diagnostic::new(Severity::Error, "x", primary, "m");
                    for (n, l) in labels.into_iter().enumerate() {
                        diag = diag.with_label(l, format!("label {n}"));
                    }
                    // annotate-snippets sizes the line-number gutter by the `\n`s before the
                    // last annotation end, one short when that end starts a line: against the
                    // whole file, empty spans at the start of line 10 got a gutter for line 9.
                    // Cut to its lines the source has no `\n` before such a span; skip them.
                    let all: Vec<Span> = std::iter::once(primary)
                        .chain(diag.labels.iter().map(|l| l.0))
                        .collect();
                    let max_end = all.iter().map(|s| s.end.min(text.len())).max().unwrap();
                    let first = all.iter().map(|s| s.start.min(text.len())).min().unwrap();
                    let line_start = text.get(..first).unwrap().rfind('\n').map_or(0, |i| i + 1);
                    // Annotations more than SNIPPET_GAP lines apart get snippets of their own.
                    let f = d.file();
                    let mut lines: Vec<(usize, usize)> = all
                        .iter()
                        .map(|&s| {
                            let r = f.clamp(s);
                            (f.snippet_line(r.start), f.snippet_line(r.end))
                        })
                        .collect();
                    lines.sort();
                    let mut reach: Option<usize> = None;
                    let mut apart = false;
                    for (lo, hi) in lines {
                        apart |= reach.is_some_and(|r| lo > r + SNIPPET_GAP);
                        reach = Some(reach.map_or(hi, |r| r.max(hi)));
                    }
                    if apart {
                        far += 1;
                        continue;
                    }
                    if max_end > 0
                        && text.get(..max_end).unwrap().ends_with('\n')
                        && line_start == max_end
                    {
                        continue;
                    }
                    assert_eq!(
                        d.snippet(&diag, primary),
                        whole_file_snippet(&d, &diag, primary),
                        "{text:?} {diag:?}"
                    );
                    checked += 1;
                }
            }
        }
        eprintln!("{checked} compared, {far} with annotations far apart");
        assert!(checked > 1000 && far > 0, "{checked} {far}");
    }

    #[test]
    fn a_label_far_from_its_primary_span_is_shown_with_its_own_line_numbers() {
        let mut text = String::from("| name | type |\n|---|---|\n| first | number |\n");
        for i in 0..5_000 {
            text.push_str(&format!("filler line {i}\n"));
        }
        let primary_at = text.len() + 2;
        text.push_str("| first | string |\nlast\n");
        let f = Arc::new(SourceFile::new("spec/far.md", &text));
        let label_at = f.text().find("first").unwrap();
        assert_eq!(f.line_col(label_at), (3, 3));
        assert_eq!(f.line_col(primary_at), (5_004, 3));
        let mut d = Diagnostics::new(f);
        d.push(
            Diagnostic::new(
                Severity::Warning,
                "inconsistent-property",
                Span::new(primary_at, primary_at + 5),
                "`first` differs",
            )
            .with_label(Span::new(label_at, label_at + 5), "the other definition"),
        );
        let out = d.render();
        let expected = "\
spec/far.md:5004:3: warning[inconsistent-property]: `first` differs
    --> spec/far.md:5004:3
     |
5004 | | first | string |
     |   ^^^^^
     |
    ::: spec/far.md:3:3
     |
   3 | | first | number |
     |   ----- the other definition
";
        assert_eq!(out, expected);
        assert!(!out.contains("filler"), "{out}");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_do_not_panic() {
        let f = Arc::new(SourceFile::new("x.md", "aé🎉\nç\n"));
        let mut d = Diagnostics::new(f);
        for (a, b) in [(2, 3), (4, 6), (3, 100), (100, 200), (7, 5), (0, 9), (9, 9)] {
            d.push(Diagnostic {
                severity: Severity::Error,
                code: "x",
                message: "m".into(),
                span: Some(Span { start: a, end: b }),
                labels: vec![(
                    Span {
                        start: b,
                        end: a + 1,
                    },
                    "l".into(),
                )],
                help: None,
            });
        }
        let out = d.render();
        assert_eq!(out.matches("error[x]").count(), 7, "{out}");
    }

    #[test]
    fn the_gutter_fits_the_line_number_of_an_empty_span_at_a_line_start() {
        let text: String = (1..=12).map(|i| format!("l{i}\n")).collect();
        let f = Arc::new(SourceFile::new("x.md", &text));
        let at = f.offset(10, 1);
        let mut d = Diagnostics::new(f);
        d.error("x", Span::new(at, at), "m");
        assert_eq!(
            d.render(),
            "x.md:10:1: error[x]: m\n  --> x.md:10:1\n   |\n10 | l10\n   | ^\n"
        );
    }
}
