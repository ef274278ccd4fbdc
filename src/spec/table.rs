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
    // A backslash escapes the character after it (a second backslash included); only those two
    // bytes matter, so the scan jumps between them.
    let mut bounds: Vec<usize> = Vec::with_capacity(8);
    let mut escaped_at = None; // the position the previous backslash escapes
    for i in memchr::memchr2_iter(b'|', b'\\', line.as_bytes()) {
        let escaped = escaped_at == Some(i);
        if line.as_bytes().get(i) == Some(&b'\\') {
            escaped_at = (!escaped).then_some(i + 1);
        } else if !escaped {
            bounds.push(i);
        }
    }
    let trimmed_start = line.len() - line.trim_start().len();
    let trimmed_end = line.trim_end().len();
    // A leading pipe: no cell before it. A trailing pipe: no cell after it.
    let leading = bounds.first() == Some(&trimmed_start);
    let trailing = trimmed_end > 0
        && bounds.last() == Some(&(trimmed_end - 1))
        && (bounds.len() > 1 || !leading)
        && line.get(trimmed_end..).is_some_and(|s| s.trim().is_empty());
    let mut cells = Vec::with_capacity(bounds.len() + 1);
    let mut start = 0;
    for (k, end) in bounds.iter().copied().chain([line.len()]).enumerate() {
        let piece = (start, end);
        start = end + 1;
        if (k == 0 && leading) || (k == bounds.len() && trailing) {
            continue;
        }
        let raw = line.get(piece.0..piece.1).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        let at = offset + piece.0 + lead;
        cells.push(Cell {
            text: if text.as_bytes().contains(&b'\\') {
                text.replace("\\|", "|")
            } else {
                text.to_owned()
            },
            span: Span::new(at, at + text.len()),
        });
    }
    cells
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

    /// The previous implementation (a byte-by-byte scan into pieces): the jumping scan must agree.
    fn split_row_reference(line: &str, offset: usize) -> Vec<Cell> {
        let mut bounds = Vec::new();
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
        if bounds.first() == Some(&trimmed_start) && !pieces.is_empty() {
            pieces.remove(0);
        }
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
                let raw = &line[s..e];
                let lead = raw.len() - raw.trim_start().len();
                let text = raw.trim();
                let start = offset + s + lead;
                Cell {
                    text: text.replace("\\|", "|"),
                    span: Span::new(start, start + text.len()),
                }
            })
            .collect()
    }

    #[test]
    fn jumping_scan_agrees_with_the_byte_scan() {
        let pieces = ["|", "\\", "a", " ", "é", "\t", "||", "\\|", "\\\\|"];
        let mut n = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        for line in [format!("{a}{b}{c}{d}"), format!(" {a} x {b}{c} y {d} ")] {
                            let got = split_row(&line, 7);
                            let want = split_row_reference(&line, 7);
                            let key = |v: &[Cell]| -> Vec<(String, Span)> {
                                v.iter().map(|c| (c.text.clone(), c.span)).collect()
                            };
                            assert_eq!(key(&got), key(&want), "{line:?}");
                            n += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(n, 2 * 9 * 9 * 9 * 9);
    }

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
