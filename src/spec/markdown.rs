//! Markdown dialect: a pulldown-cmark walk (tables extension only; no smart punctuation, which would
//! rewrite `"chat"` into `“chat”`) into a [`SpecDoc`].
//!
//! Structure: a heading whose text is `Events` or `Data` opens a section; each heading one level
//! deeper inside it is an item (`Title \`id\``); deeper headings (`Example`) belong to the item.
//! Table rows are located by pulldown-cmark and split by [`super::table::split_row`] on the raw
//! source, so cell text is verbatim and rows keep the cells they were written with.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::table::split_row;
use super::{CodeBlock, Item, Row, SectionKind, SpecDoc, Table, Text};
use crate::diag::{Diagnostics, Span};

/// Reads Markdown text.
pub fn read(src: &str, d: &mut Diagnostics) -> SpecDoc {
    let mut doc = SpecDoc::default();
    let mut section: Option<(SectionKind, usize)> = None;
    let mut item: Option<Item> = None;
    let mut intro: Vec<String> = Vec::new();

    let mut heading: Option<HeadingAcc> = None;
    let mut table: Option<Table> = None;
    let mut in_head = false;
    let mut code: Option<CodeBlock> = None;
    let mut paragraph_depth = 0usize;
    let mut block_depth = 0usize; // lists, block quotes: their paragraphs are still description

    let parser = Parser::new_ext(src, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        let span = Span::new(range.start, range.end);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(HeadingAcc {
                    level: heading_level(level),
                    span,
                    text: String::new(),
                    code: None,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some(h) = heading.take() else { continue };
                let title_text = h.text.trim().to_owned();
                // `Data` one level below `## Events` is an event called Data, not a section.
                let is_item_level = section.is_some_and(|(_, lvl)| h.level > lvl);
                if let Some(kind) = SectionKind::from_heading(&title_text)
                    .filter(|_| h.code.is_none() && !is_item_level)
                {
                    finish_item(&mut item, &mut doc);
                    section = Some((kind, h.level));
                    continue;
                }
                match section {
                    Some((kind, lvl)) if h.level == lvl + 1 => {
                        finish_item(&mut item, &mut doc);
                        let title_span = trimmed_span(src, h.span, &title_text);
                        item = Some(Item {
                            section: kind,
                            title: Text {
                                text: title_text,
                                span: title_span,
                            },
                            id: h.code,
                            description: String::new(),
                            lines: Vec::new(),
                            tables: Vec::new(),
                            code_blocks: Vec::new(),
                        });
                    }
                    Some((_, lvl)) if h.level > lvl + 1 => {} // `#### Example` and the like
                    _ => {
                        finish_item(&mut item, &mut doc);
                        section = None;
                        if doc.title.is_none() && h.level == 1 {
                            let t = h.text.trim().to_owned();
                            doc.title = Some(Text {
                                span: trimmed_span(src, h.span, &t),
                                text: t,
                            });
                        }
                    }
                }
            }
            Event::Text(t) if heading.is_some() => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
            }
            Event::Code(c) if heading.is_some() => {
                if let Some(h) = heading.as_mut() {
                    let inner = Span::new(range.start + 1, range.end.saturating_sub(1));
                    let inner = trimmed_span(src, inner, c.trim());
                    if h.code.is_none() && !c.trim().is_empty() {
                        h.code = Some(Text {
                            text: c.trim().to_owned(),
                            span: inner,
                        });
                    } else {
                        h.text.push_str(&c);
                    }
                }
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                if paragraph_depth == 1 && block_depth == 0 && table.is_none() {
                    let raw = src.get(range.clone()).unwrap_or("").trim();
                    if looks_like_table(raw) {
                        d.push(
                            crate::diag::Diagnostic::new(
                                crate::diag::Severity::Error,
                                "table-without-separator",
                                Span::new(
                                    range.start,
                                    range.start + raw.find('\n').unwrap_or(raw.len()),
                                ),
                                "this looks like a table but is read as text: the line after its \
                                 header must be a separator row",
                            )
                            .with_help("add a row like `|---|---|---|---|` under the header"),
                        );
                        continue;
                    }
                    match item.as_mut() {
                        Some(it) if it.tables.is_empty() && it.code_blocks.is_empty() => {
                            push_para(&mut it.description, raw);
                            push_lines(&mut it.lines, src, range.start, range.end);
                        }
                        Some(_) => {}
                        None if section.is_none() => intro.push(raw.to_owned()),
                        None => {}
                    }
                }
            }
            Event::End(TagEnd::Paragraph) => paragraph_depth = paragraph_depth.saturating_sub(1),
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                if block_depth == 0 {
                    let raw = src.get(range.clone()).unwrap_or("").trim_end();
                    if let Some(it) = item.as_mut().filter(|it| it.tables.is_empty()) {
                        push_para(&mut it.description, raw);
                        push_lines(&mut it.lines, src, range.start, range.end);
                    } else if item.is_none() && section.is_none() {
                        intro.push(raw.to_owned());
                    }
                }
                block_depth += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
                block_depth = block_depth.saturating_sub(1);
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    header: Vec::new(),
                    rows: Vec::new(),
                    span,
                });
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                if let Some(t) = table.as_mut() {
                    t.header = split_row(line_of(src, range.start), line_start(src, range.start));
                }
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) if !in_head => {
                if let Some(t) = table.as_mut() {
                    let start = line_start(src, range.start);
                    let line = line_of(src, range.start);
                    t.rows.push(Row {
                        cells: split_row(line, start),
                        span: Span::new(start, start + line.len()),
                    });
                }
            }
            Event::End(TagEnd::Table) => {
                let Some(t) = table.take() else { continue };
                if item.is_none()
                    && let Some((SectionKind::Envelope, _)) = section
                {
                    item = Some(Item {
                        section: SectionKind::Envelope,
                        title: Text {
                            text: "Envelope".to_owned(),
                            span: Span::new(t.span.start, t.span.start),
                        },
                        id: None,
                        description: String::new(),
                        lines: Vec::new(),
                        tables: Vec::new(),
                        code_blocks: Vec::new(),
                    });
                }
                match item.as_mut() {
                    Some(it) => it.tables.push(t),
                    None => d.warning(
                        "stray-table",
                        t.span,
                        "this table is not under an event or data group heading and is ignored",
                    ),
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some(CodeBlock {
                    info,
                    text: String::new(),
                    span: Span::new(range.start, range.start),
                });
            }
            Event::Text(t) if code.is_some() => {
                if let Some(c) = code.as_mut() {
                    if c.text.is_empty() {
                        c.span.start = range.start;
                    }
                    c.text.push_str(&t);
                    c.span.end = range.start + t.len();
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some(c) = code.take() else { continue };
                if let Some(it) = item.as_mut() {
                    it.code_blocks.push(c);
                }
            }
            _ => {}
        }
    }
    finish_item(&mut item, &mut doc);
    doc.description = intro.join("\n\n");
    doc
}

struct HeadingAcc {
    level: usize,
    span: Span,
    text: String,
    code: Option<Text>,
}

fn heading_level(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn finish_item(item: &mut Option<Item>, doc: &mut SpecDoc) {
    if let Some(it) = item.take() {
        doc.items.push(it);
    }
}

fn push_para(acc: &mut String, raw: &str) {
    if raw.is_empty() {
        return;
    }
    if !acc.is_empty() {
        acc.push_str("\n\n");
    }
    acc.push_str(raw);
}

/// A paragraph whose lines all start with `|` and contain another one: a pipe table whose
/// separator row is missing (or malformed), which Markdown reads as plain text.
fn looks_like_table(raw: &str) -> bool {
    let mut lines = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek().is_some()
        && lines.all(|l| l.starts_with('|') && l.get(1..).is_some_and(|r| r.contains('|')))
}

/// Adds each non-empty line of `src[start..end]` to `lines`, without list markers.
fn push_lines(lines: &mut Vec<Text>, src: &str, start: usize, end: usize) {
    let Some(block) = src.get(start..end) else {
        return;
    };
    let mut offset = start;
    for line in block.split('\n') {
        let trimmed = line.trim_start();
        let mut lead = line.len() - trimmed.len();
        let body = if let Some(rest) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .or_else(|| trimmed.strip_prefix("+ "))
        {
            lead += 2;
            rest
        } else {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            match trimmed.get(digits..).and_then(|r| r.strip_prefix(". ")) {
                Some(rest) if digits > 0 => {
                    lead += digits + 2;
                    rest
                }
                _ => trimmed,
            }
        };
        let text = body.trim_end();
        if !text.is_empty() {
            lines.push(Text {
                text: text.to_owned(),
                span: Span::new(offset + lead, offset + lead + text.len()),
            });
        }
        offset += line.len() + 1;
    }
}

/// Byte offset of the start of the line containing `pos`.
fn line_start(src: &str, pos: usize) -> usize {
    src.get(..pos)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The line containing `pos`, without its newline.
fn line_of(src: &str, pos: usize) -> &str {
    let start = line_start(src, pos);
    let rest = src.get(start..).unwrap_or("");
    rest.split('\n').next().unwrap_or("")
}

/// The span of `needle` inside `within`, or `within` itself when not found.
fn trimmed_span(src: &str, within: Span, needle: &str) -> Span {
    if needle.is_empty() {
        return within;
    }
    src.get(within.start..within.end)
        .and_then(|s| s.find(needle))
        .map_or(within, |i| {
            Span::new(within.start + i, within.start + i + needle.len())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use std::sync::Arc;

    fn read_str(src: &str) -> (SpecDoc, Diagnostics) {
        let f = Arc::new(SourceFile::new("t.md", src));
        let mut d = Diagnostics::new(f.clone());
        let doc = read(f.text(), &mut d);
        (doc, d)
    }

    #[test]
    fn sections_items_tables_and_examples() {
        let src = "# Title\n\nIntro *text*.\n\n## Events\n\n### Element Click `element_click`\n\nCaptures it.\n\n| Property | Data Type |\n|---|---|\n| a_b? | string \\| x |\n| c |\n\n#### Example\n\n```json\n{ a: 1 }\n```\n\n## Data\n\n### Agent `agent`\n\n| Property | Data Type |\n|---|---|\n| x | y | z |\n";
        let (doc, d) = read_str(src);
        assert!(d.items().is_empty(), "{d}");
        assert_eq!(doc.title.unwrap().text, "Title");
        assert_eq!(doc.description, "Intro *text*.");
        assert_eq!(doc.items.len(), 2);
        let ev = &doc.items[0];
        assert_eq!(ev.section, SectionKind::Events);
        assert_eq!(ev.title.text, "Element Click");
        assert_eq!(ev.id.as_ref().unwrap().text, "element_click");
        assert_eq!(
            &src[ev.id.as_ref().unwrap().span.start..ev.id.as_ref().unwrap().span.end],
            "element_click"
        );
        assert_eq!(ev.description, "Captures it.");
        let t = &ev.tables[0];
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.rows[0].cells[1].text, "string | x");
        assert_eq!(t.rows[1].cells.len(), 1, "missing cells are kept missing");
        assert_eq!(ev.code_blocks[0].text, "{ a: 1 }\n");
        assert_eq!(doc.items[1].section, SectionKind::Groups);
        assert_eq!(
            doc.items[1].tables[0].rows[0].cells.len(),
            3,
            "extra cells are kept"
        );
    }
}
