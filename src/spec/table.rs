//! Splitting one pipe-table line into cells. Both dialects use this, so a row means the same in a
//! Markdown file and in a text export, and rows with missing or extra cells are seen as written
//! (pulldown-cmark pads and truncates rows to the header's width; we do not).

use super::Cell;
use crate::diag::Span;

/// Splits `line` (which starts at byte `offset` of the file) on unescaped `|`. A leading and a
/// trailing pipe are optional. Each cell is trimmed, and `\|` becomes `|`.
pub fn split_row(line: &str, offset: usize) -> Vec<Cell> {
    // Byte positions of separating pipes. `|` and `\\` are ASCII, and no byte of a multi-byte
    // UTF-8 character is either, so scanning bytes finds the same pipes as scanning characters.
    let mut bounds = Vec::with_capacity(8);
    let mut escaped = false;
    for (i, &c) in line.as_bytes().iter().enumerate() {
        if c == b'|' && !escaped {
            bounds.push(i);
        }
        escaped = c == b'\\' && !escaped;
    }
    let trimmed_start = line.len() - line.trim_start().len();
    let trimmed_end = line.trim_end().len();
    let mut pieces = Vec::new();
    let mut start = 0;
    for &b in &bounds {
        pieces.push((start, b));
        start = b + 1;
    }
    pieces.push((start, line.len()));
    // A leading pipe: drop the empty piece before it.
    if bounds.first() == Some(&trimmed_start) && !pieces.is_empty() {
        pieces.remove(0);
    }
    // A trailing pipe: drop the empty piece after it.
    if trimmed_end > 0
        && bounds.last() == Some(&(trimmed_end - 1))
        && pieces.len() > 1
        && line.get(trimmed_end..).is_some_and(|s| s.trim().is_empty())
    {
        pieces.pop();
    }
    pieces
        .into_iter()
        .map(|(s, e)| {
            let raw = line.get(s..e).unwrap_or("");
            let lead = raw.len() - raw.trim_start().len();
            let text = raw.trim();
            let start = offset + s + lead;
            Cell {
                text: if text.as_bytes().contains(&b'\\') {
                    text.replace("\\|", "|")
                } else {
                    text.to_owned()
                },
                span: Span::new(start, start + text.len()),
            }
        })
        .collect()
}

/// Whether a line is a table delimiter row such as `---|---|` or `| :-- | --: |`.
pub fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        split_row(line, 0).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn splits_with_and_without_outer_pipes() {
        assert_eq!(texts("| a | b |"), ["a", "b"]);
        assert_eq!(texts("a | b |"), ["a", "b"]);
        assert_eq!(texts("a | b"), ["a", "b"]);
        assert_eq!(texts("| a | | c |"), ["a", "", "c"]);
        assert_eq!(texts(r"| a \| b | c |"), ["a | b", "c"]);
    }

    #[test]
    fn spans_point_at_trimmed_text() {
        let cells = split_row("| name? |  string |", 10);
        assert_eq!(cells[0].span, Span::new(12, 17));
        assert_eq!(cells[1].span, Span::new(21, 27));
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter_row("---|---|---|---|"));
        assert!(is_delimiter_row("| :--- | ---: |"));
        assert!(!is_delimiter_row("a | b"));
        assert!(!is_delimiter_row("---"));
    }
}
