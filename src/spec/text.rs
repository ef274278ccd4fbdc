//! The plain-text export dialect: what a docs site gives when a spec page is exported as text.
//!
//! ```text
//! Events and Data                      <- first non-empty line: the title
//! This document ...                    <- following lines up to the first section: description
//! Events                               <- a section line: `Events` or `Data` alone on a line
//! Element Click element_click          <- an item: `Title Case Name snake_id`
//! Captures when a user clicks ...      <- optional description line
//! Property | Data Type | ...           <- the pipe table: header,
//! ---|---|---|---|                     <-   delimiter row,
//! form_name? | string | ...            <-   body rows (until a line without a pipe)
//! Example                              <- `Example` alone on a line, then a `{ ... }` block
//! { ... }                                 running until its braces balance
//! ```
//!
//! An item line is recognised by its shape (the last word is a lower-case id) together with what
//! follows it (a table header on the next line, or a description line and then a table header),
//! so description sentences that happen to end in a lower-case word are not mistaken for items.
//! Lines before the first section that start with `- ` (a table of contents) are skipped.

use super::table::{is_delimiter_row, split_row};
use super::{CodeBlock, Item, Row, SectionKind, SpecDoc, Table, Text};
use crate::diag::{Diagnostics, Span};

struct Line<'a> {
    text: &'a str,
    start: usize,
}

/// Reads plain-text export.
pub fn read(src: &str, d: &mut Diagnostics) -> SpecDoc {
    let mut lines = Vec::new();
    let mut start = 0;
    for text in src.split('\n') {
        lines.push(Line { text, start });
        start += text.len() + 1;
    }
    let mut doc = SpecDoc::default();
    let mut intro = Vec::new();
    let mut in_toc = false;
    let mut section: Option<SectionKind> = None;
    let mut item: Option<Item> = None;
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let t = line.text.trim();
        if t.is_empty() {
            i += 1;
            continue;
        }
        if let Some(kind) = SectionKind::from_heading(t) {
            if let Some(it) = item.take() {
                doc.items.push(it);
            }
            section = Some(kind);
            i += 1;
            continue;
        }
        let Some(kind) = section else {
            if doc.title.is_none() {
                doc.title = Some(text_of(line));
            } else if t.eq_ignore_ascii_case("table of contents")
                || t.eq_ignore_ascii_case("contents")
            {
                in_toc = true;
            } else if !in_toc && !t.starts_with("- ") && !is_toc_id(t) {
                intro.push(t.to_owned());
            }
            i += 1;
            continue;
        };
        if let Some((title, id, desc_lines)) = item_heading(&lines, i) {
            if let Some(it) = item.take() {
                doc.items.push(it);
            }
            let description = lines
                .get(i + 1)
                .filter(|_| desc_lines == 1)
                .map(|l| l.text.trim().to_owned())
                .unwrap_or_default();
            item = Some(Item {
                section: kind,
                title,
                id: Some(id),
                lines: if description.is_empty() {
                    Vec::new()
                } else {
                    lines
                        .get(i + 1)
                        .map(|l| vec![text_of(l)])
                        .unwrap_or_default()
                },
                description,
                tables: Vec::new(),
                code_blocks: Vec::new(),
            });
            i += 1 + desc_lines;
            continue;
        }
        if is_table_header(&lines, i) {
            let (table, next) = read_table(&lines, i);
            match item.as_mut() {
                Some(it) => it.tables.push(table),
                None => d.warning(
                    "stray-table",
                    table.span,
                    "this table is not under an event or data group line and is ignored",
                ),
            }
            i = next;
            continue;
        }
        if t.eq_ignore_ascii_case("example") || t.eq_ignore_ascii_case("example:") {
            let (block, next) = read_block(&lines, i + 1, d);
            if let (Some(it), Some(b)) = (item.as_mut(), block) {
                it.code_blocks.push(b);
            }
            i = next;
            continue;
        }
        // Free text inside an item before its table is more description; anything else is
        // reported so that nothing the document says is silently dropped.
        match item.as_mut() {
            Some(it) if it.tables.is_empty() => {
                if !it.description.is_empty() {
                    it.description.push('\n');
                }
                it.description.push_str(t);
            }
            _ => d.warning(
                "stray-text",
                Span::new(line.start, line.start + line.text.len()),
                "this line is not part of any event, data group, table or example and is ignored",
            ),
        }
        i += 1;
    }
    if let Some(it) = item.take() {
        doc.items.push(it);
    }
    doc.description = intro.join("\n");
    doc
}

fn text_of(line: &Line<'_>) -> Text {
    let lead = line.text.len() - line.text.trim_start().len();
    let t = line.text.trim();
    Text {
        text: t.to_owned(),
        span: Span::new(line.start + lead, line.start + lead + t.len()),
    }
}

/// `agent`-style lines in a table of contents (an id alone on a line before any section).
fn is_toc_id(t: &str) -> bool {
    is_id(t)
}

fn is_id(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
}

/// If line `i` is `Title snake_id` followed by an optional description line and a table header,
/// returns the title, the id and how many description lines follow (0 or 1).
fn item_heading(lines: &[Line<'_>], i: usize) -> Option<(Text, Text, usize)> {
    let line = lines.get(i)?;
    let t = line.text.trim_end();
    if t.contains('|') {
        return None;
    }
    let (title, id) = t.trim_start().rsplit_once(' ')?;
    if !is_id(id) || title.trim().is_empty() {
        return None;
    }
    let desc_lines = if is_table_header(lines, i + 1) {
        0
    } else if lines
        .get(i + 1)
        .is_some_and(|l| !l.text.trim().is_empty() && !l.text.contains('|'))
        && is_table_header(lines, i + 2)
    {
        1
    } else {
        return None;
    };
    let lead = line.text.len() - line.text.trim_start().len();
    let title_start = line.start + lead;
    let title = title.trim_end();
    let id_start = line.start + t.len() - id.len();
    Some((
        Text {
            text: title.to_owned(),
            span: Span::new(title_start, title_start + title.len()),
        },
        Text {
            text: id.to_owned(),
            span: Span::new(id_start, id_start + id.len()),
        },
        desc_lines,
    ))
}

/// A header line: contains a pipe and is followed by a delimiter row.
fn is_table_header(lines: &[Line<'_>], i: usize) -> bool {
    let (Some(h), Some(sep)) = (lines.get(i), lines.get(i + 1)) else {
        return false;
    };
    h.text.contains('|') && !is_delimiter_row(h.text) && is_delimiter_row(sep.text)
}

fn read_table(lines: &[Line<'_>], i: usize) -> (Table, usize) {
    let header_line = lines.get(i).map_or((0, ""), |l| (l.start, l.text));
    let header = split_row(header_line.1, header_line.0);
    let mut rows = Vec::new();
    let mut j = i + 2;
    let mut end = header_line.0 + header_line.1.len();
    while let Some(l) = lines.get(j) {
        if !l.text.contains('|') || l.text.trim().is_empty() {
            break;
        }
        rows.push(Row {
            cells: split_row(l.text, l.start),
            span: Span::new(l.start, l.start + l.text.len()),
        });
        end = l.start + l.text.len();
        j += 1;
    }
    (
        Table {
            header,
            rows,
            span: Span::new(header_line.0, end),
        },
        j,
    )
}

/// Reads a `{ ... }` block starting at line `i`, until its braces balance (strings and escapes are
/// honoured). An unbalanced block ends before the next item line and is reported.
fn read_block(lines: &[Line<'_>], i: usize, d: &mut Diagnostics) -> (Option<CodeBlock>, usize) {
    let mut j = i;
    while lines.get(j).is_some_and(|l| l.text.trim().is_empty()) {
        j += 1;
    }
    let Some(first) = lines.get(j) else {
        return (None, j);
    };
    if !first.text.trim_start().starts_with(['{', '[']) {
        d.warning(
            "missing-example",
            Span::new(first.start, first.start + first.text.len()),
            "an `Example` line should be followed by a `{ ... }` block",
        );
        return (None, j);
    }
    let start = first.start;
    let mut depth = 0i64;
    let mut in_str: Option<char> = None;
    let mut escaped = false;
    let mut k = j;
    let mut end;
    loop {
        let Some(l) = lines.get(k) else {
            let last = lines.last().map_or(start, |l| l.start + l.text.len());
            d.warning(
                "unclosed-example",
                Span::new(start, start + first.text.len()),
                "this example block never closes its braces",
            );
            end = last;
            break;
        };
        if k > j && depth > 0 && item_heading(lines, k).is_some() {
            d.warning(
                "unclosed-example",
                Span::new(start, start + first.text.len()),
                "this example block does not close its braces before the next item",
            );
            end = lines.get(k - 1).map_or(start, |p| p.start + p.text.len());
            break;
        }
        for c in l.text.chars() {
            if let Some(q) = in_str {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    in_str = None;
                }
                continue;
            }
            match c {
                '"' | '\'' => in_str = Some(c),
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        in_str = None; // strings do not span lines
        end = l.start + l.text.len();
        k += 1;
        if depth <= 0 {
            break;
        }
    }
    let mut text = String::new();
    for l in lines.get(j..k).unwrap_or(&[]) {
        if l.start + l.text.len() > end {
            break;
        }
        text.push_str(l.text);
        text.push('\n');
    }
    (
        Some(CodeBlock {
            info: String::new(),
            text,
            span: Span::new(start, end),
        }),
        k,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use std::sync::Arc;

    #[test]
    fn reads_export_form() {
        let src = "Events and Data\nIntro line\n- Events\n- Data\nagent\nEvents\nElement Click element_click\nCaptures when a user clicks on an element\nProperty | Data Type | Possible Values | Description |\n---|---|---|---|\nform_name? | string | \"registration\" | The name |\nExample\n{\n// c\na: \"}\",\n}\nData\nAgent agent\nAgent data schema\nProperty | Data Type | Possible Values | Description |\n---|---|---|---|\nagent_id? | string (UUID) | UUID format | Id |\n";
        let f = Arc::new(SourceFile::new("t.txt", src));
        let mut d = Diagnostics::new(f.clone());
        let doc = read(f.text(), &mut d);
        assert!(d.items().is_empty(), "{d}");
        assert_eq!(doc.title.unwrap().text, "Events and Data");
        assert_eq!(doc.description, "Intro line");
        assert_eq!(doc.items.len(), 2);
        let ev = &doc.items[0];
        assert_eq!(ev.title.text, "Element Click");
        assert_eq!(ev.id.as_ref().unwrap().text, "element_click");
        assert_eq!(ev.description, "Captures when a user clicks on an element");
        assert_eq!(ev.tables[0].rows.len(), 1);
        assert_eq!(ev.code_blocks[0].text, "{\n// c\na: \"}\",\n}\n");
        assert_eq!(doc.items[1].section, SectionKind::Groups);
        assert_eq!(doc.items[1].description, "Agent data schema");
    }
}
