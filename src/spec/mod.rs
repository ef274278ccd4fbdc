//! The spec layer: SYNTAX only. Turns a spec file's text into a [`SpecDoc`] (items with their
//! headings, descriptions, tables and code blocks, every piece with its span). It knows nothing of
//! events' meaning, property types or data-group inclusion; that is `model::lower`'s job.
//!
//! Two input dialects produce the same `SpecDoc`:
//! - Markdown (`*.md`), walked with pulldown-cmark ([`markdown`]);
//! - the plain-text export form (any other extension), where an item is a `Title snake_id` line
//!   followed by a description line, a pipe table and an `Example` block ([`text`]).

pub mod markdown;
pub mod table;
pub mod text;
pub mod typeexpr;
pub mod values;

use crate::diag::{Diagnostics, Span};

/// Which section of the document an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// `Events`: each item is an event.
    Events,
    /// `Data` / `Data Groups`: each item is a reusable group of properties.
    Groups,
    /// `Objects` / `Object Types`: each item is a named object type that properties refer to.
    Objects,
    /// `Lifecycle` / `Lifecycles`: each item is a state machine (allowed sequences of states).
    Lifecycles,
    /// `Envelope`: one table listing the envelope's fields besides `event` and `properties`.
    Envelope,
}

impl SectionKind {
    /// Recognises a section heading (case-insensitive, surrounding whitespace ignored).
    pub fn from_heading(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "events" => Some(SectionKind::Events),
            "data" | "data groups" | "groups" => Some(SectionKind::Groups),
            "objects" | "object types" | "types" => Some(SectionKind::Objects),
            "lifecycle" | "lifecycles" => Some(SectionKind::Lifecycles),
            "envelope" => Some(SectionKind::Envelope),
            _ => None,
        }
    }
}

/// A whole spec document, syntax only.
#[derive(Debug, Clone, Default)]
pub struct SpecDoc {
    /// The document title (a level-1 heading, or the first line of a text export).
    pub title: Option<Text>,
    /// Text between the title and the first section.
    pub description: String,
    /// Events and groups in document order.
    pub items: Vec<Item>,
}

/// A piece of text with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text, trimmed.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// An event or data group: a heading with its description, tables and code blocks.
#[derive(Debug, Clone)]
pub struct Item {
    /// Section the item appears in.
    pub section: SectionKind,
    /// Title from the heading (`Element Click`).
    pub title: Text,
    /// Explicit id from the heading (`element_click`), if any.
    pub id: Option<Text>,
    /// Description paragraphs, joined by blank lines.
    pub description: String,
    /// Each paragraph line and list item before the first table, with its span (directives such
    /// as `Includes:` and lifecycle sequences `a -> b` are read from these).
    pub lines: Vec<Text>,
    /// Property tables (normally exactly one).
    pub tables: Vec<Table>,
    /// Fenced code blocks / example blocks.
    pub code_blocks: Vec<CodeBlock>,
}

/// A pipe table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Header cells.
    pub header: Vec<Cell>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// The whole table.
    pub span: Span,
}

/// One body row of a table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its cells, as written (may be fewer or more than the header has).
    pub cells: Vec<Cell>,
    /// The whole row line.
    pub span: Span,
}

/// One table cell: its text trimmed and with `\|` unescaped, and the span of the trimmed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell text.
    pub text: String,
    /// Where the (trimmed) text is; an empty cell has an empty span at its position.
    pub span: Span,
}

/// A code block (an example payload).
#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// The fence info string (`json`), empty for text exports.
    pub info: String,
    /// The block's content, verbatim.
    pub text: String,
    /// Where the content starts and ends.
    pub span: Span,
}

/// Reads a spec's text into a [`SpecDoc`], choosing the dialect by the path's extension
/// (`.md`/`.markdown`: Markdown; anything else: the plain-text export form).
pub fn read(d: &mut Diagnostics) -> SpecDoc {
    let file = d.file().clone();
    let is_markdown = {
        let lower = file.path().to_lowercase();
        lower.ends_with(".md") || lower.ends_with(".markdown")
    };
    if is_markdown {
        markdown::read(file.text(), d)
    } else {
        text::read(file.text(), d)
    }
}
