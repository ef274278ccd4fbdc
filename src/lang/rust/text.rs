//! Spec text inside Rust source and `Cargo.toml`: one function per context.
//!
//! - [`string_literal`]: a `"..."` literal. Backslash, quote and every control character are
//!   escaped; so are the characters rustc or clippy reject or flag when raw (bidi controls,
//!   invisible characters, line/paragraph separators).
//! - [`doc_lines`]: the lines of a `///` or `//!` comment. rustdoc reads them as Markdown, so the
//!   text is made inert: no fenced or indented code block (it would become a doctest), no
//!   intra-doc link (`[x]`), no HTML, no list (clippy's `doc_lazy_continuation`); code spans that
//!   open and close on one line are kept.
//! - [`code_span`]: a value shown as inline code in a doc comment, whatever backticks it holds.
//! - [`line_comment`]: the lines of a plain `//` comment.
//! - [`toml_string`]: a TOML basic string.
//!
//! In comments, characters that cannot appear raw are written as their `\u{..}` escape, so the
//! reader still sees what the spec says.

/// Characters escaped even though Rust accepts them raw in a literal: bidi controls (rustc's
/// deny-by-default `text_direction_codepoint_*` lints), invisible characters (clippy's
/// `invisible_characters`) and the Unicode line and paragraph separators.
fn is_hazard(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_hazard(c)
}

fn unicode_escape(c: char) -> String {
    format_line!("\\u{{{:x}}}", u32::from(c))
}

/// A Rust string literal, quotes included.
pub(super) fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    if crate::lang::printable_ascii(s) && !s.contains(['"', '\\']) {
        out.push_str(s);
        out.push('"');
        return out;
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&unicode_escape(c)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML basic string, quotes included.
pub(super) fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format_line!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Splits on every line terminator a reader might see: LF, CR, CRLF, U+2028 and U+2029.
fn split_lines(s: &str) -> Vec<&str> {
    // Over bytes: LF and CR are single bytes, U+2028 and U+2029 are E2 80 A8 and E2 80 A9, and no
    // byte of another character's encoding is LF, CR or E2.
    let b = s.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    while let Some(&byte) = b.get(i) {
        let terminator = match byte {
            b'\n' => 1,
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            0xE2 if matches!(b.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])) => 3,
            _ => 0,
        };
        if terminator == 0 {
            i += 1;
            continue;
        }
        lines.push(s.get(start..i).unwrap_or(""));
        i += terminator;
        start = i;
    }
    lines.push(s.get(start..).unwrap_or(""));
    lines
}

/// Writes characters that cannot stay raw in a comment as escapes; a tab becomes a space.
fn comment_safe(s: &str) -> String {
    if crate::lang::printable_ascii(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            c if needs_escape(c) => out.push_str(&unicode_escape(c)),
            c => out.push(c),
        }
    }
    out
}

/// Lines of a plain `//` comment (no marker), trimmed, control characters escaped.
pub(super) fn line_comment(s: &str) -> Vec<String> {
    split_lines(s)
        .into_iter()
        .map(|l| comment_safe(l).trim().to_owned())
        .collect()
}

/// Lines of a fenced (non-Rust) code block in a doc comment: control characters escaped,
/// trailing white space removed, indentation kept.
pub(super) fn code_block_lines(s: &str) -> Vec<String> {
    split_lines(s)
        .into_iter()
        .map(|l| comment_safe(l).trim_end().to_owned())
        .collect()
}

/// Markdown-inert lines for a doc comment (no `///` marker). Blank lines separate paragraphs;
/// there are no leading, trailing or repeated blank lines. Empty text gives no lines.
pub(super) fn doc_lines(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in split_lines(s) {
        let line = raw.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        out.push(comment_safe(&markdown_line(line)));
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// One trimmed line made inert: block syntax at the start is escaped, then inline syntax.
fn markdown_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    // Fences (``` or ~~~) and list markers only count at the start of a line.
    if rest.starts_with("```") || rest.starts_with("~~~") {
        out.push('\\');
        if let Some(c) = rest.chars().next() {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    } else if let Some(marker) = list_marker(rest) {
        out.push_str(marker.0);
        out.push('\\');
        out.push_str(marker.1);
        rest = rest.get(marker.0.len() + marker.1.len()..).unwrap_or("");
    }
    out.push_str(&markdown_inline(rest));
    out
}

/// A list marker at the start of `line`, split as (digits, marker character).
fn list_marker(line: &str) -> Option<(&str, &str)> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = line.get(digits..)?;
    let marker = after.chars().next()?;
    let ok = if digits == 0 {
        matches!(marker, '-' | '+' | '*')
    } else {
        digits <= 9 && matches!(marker, '.' | ')')
    };
    let follows = after.get(1..).and_then(|s| s.chars().next());
    if ok && follows.is_none_or(|c| c == ' ') {
        Some((line.get(..digits)?, after.get(..1)?))
    } else {
        None
    }
}

/// Inline Markdown: code spans closed on the same line stay; every other backtick, backslash,
/// bracket and angle bracket is escaped.
fn markdown_inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '`' {
            let run = count_run(&chars, i);
            if let Some(close) = find_closing_run(&chars, i + run, run) {
                out.extend(chars.get(i..close + run).into_iter().flatten());
                i = close + run;
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
            continue;
        }
        if let Some(len) = url_at(&chars, i) {
            // rustdoc wants URLs as autolinks (its `bare_urls` lint).
            out.push('<');
            out.extend(chars.get(i..i + len).into_iter().flatten());
            out.push('>');
            i += len;
            continue;
        }
        if matches!(c, '\\' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The length of an `http://` or `https://` URL starting at `i`, without trailing punctuation.
fn url_at(chars: &[char], i: usize) -> Option<usize> {
    let rest = chars.get(i..)?;
    let starts =
        |p: &str| rest.len() >= p.len() && rest.iter().zip(p.chars()).all(|(a, b)| *a == b);
    let scheme = if starts("https://") {
        8
    } else if starts("http://") {
        7
    } else {
        return None;
    };
    if i > 0 && chars.get(i - 1).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let mut len = rest
        .iter()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '`' | '"'))
        .count();
    while len > scheme && rest.get(len - 1).is_some_and(|c| ".,;:!?)]'".contains(*c)) {
        len -= 1;
    }
    (len > scheme).then_some(len)
}

fn count_run(chars: &[char], start: usize) -> usize {
    chars
        .get(start..)
        .map_or(0, |s| s.iter().take_while(|&&c| c == '`').count())
}

/// The start of the next run of exactly `len` backticks at or after `from`.
fn find_closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars.get(j) == Some(&'`') {
            let run = count_run(chars, j);
            if run == len {
                return Some(j);
            }
            j += run;
        } else {
            j += 1;
        }
    }
    None
}

/// `s` as Markdown inline code, with enough backticks around it that none inside closes it.
/// (Markdown has no empty code span: the empty string reads "(empty string)".)
pub(super) fn code_span(s: &str) -> String {
    if s.is_empty() {
        return "(empty string)".to_owned();
    }
    let safe: String = s
        .chars()
        .map(|c| {
            if needs_escape(c) || c == '\t' {
                unicode_escape(c)
            } else {
                c.to_string()
            }
        })
        .collect();
    let chars: Vec<char> = safe.chars().collect();
    let mut longest = 0;
    let mut i = 0;
    while i < chars.len() {
        let run = count_run(&chars, i);
        longest = longest.max(run);
        i += run.max(1);
    }
    let fence = "`".repeat(longest + 1);
    if safe.starts_with('`') || safe.ends_with('`') || safe.trim().is_empty() && !safe.is_empty() {
        format_line!("{fence} {safe} {fence}")
    } else {
        format_line!("{fence}{safe}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definitions the fast paths must agree with.
    fn split_lines_by_char(s: &str) -> Vec<&str> {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                lines.push(&s[start..i]);
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                start = chars.peek().map_or(s.len(), |&(j, _)| j);
            }
        }
        lines.push(&s[start..]);
        lines
    }

    fn escaped_by_char(s: &str, tab: &str) -> String {
        s.chars()
            .map(|c| match c {
                '\t' => tab.to_owned(),
                c if needs_escape(c) => unicode_escape(c),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn fast_paths_agree_with_the_per_character_definitions() {
        let pieces = [
            "a", " ", "~", "\"", "\\", "\n", "\r", "\r\n", "\t", "\u{7f}", "\u{80}", "é",
            "\u{2028}", "\u{2029}", "\u{2027}", "\u{202a}", "\u{e280}", "\u{feff}", "€", "`",
        ];
        let cases = crate::lang::three_piece_cases(HOSTILE, &pieces);
        for s in &cases {
            assert_eq!(split_lines(s), split_lines_by_char(s), "{s:?}");
            assert_eq!(comment_safe(s), escaped_by_char(s, " "), "{s:?}");
            let by_char: String = s
                .chars()
                .map(|c| match c {
                    '\\' => "\\\\".to_owned(),
                    '"' => "\\\"".to_owned(),
                    '\n' => "\\n".to_owned(),
                    '\r' => "\\r".to_owned(),
                    '\t' => "\\t".to_owned(),
                    c if needs_escape(c) => unicode_escape(c),
                    c => c.to_string(),
                })
                .collect();
            assert_eq!(string_literal(s), format!("\"{by_char}\""), "{s:?}");
        }
    }

    /// The hostile corpus: every string here must survive every context.
    const HOSTILE: &[&str] = &[
        "*/",
        "/* open",
        "\"\"\"",
        "'''",
        "\\",
        "trailing backslash \\",
        "`",
        "``",
        "```rust\nfn main() {}\n```",
        "~~~\ncode\n~~~",
        "${process.exit(1)}",
        "{y}",
        "\"quoted\"",
        "line\nbreak",
        "carriage\rreturn",
        "crlf\r\nline",
        "sep\u{2028}arator",
        "para\u{2029}graph",
        "nul\0byte",
        "bell\u{7}",
        "del\u{7f}",
        "nel\u{85}",
        "bidi \u{202a}\u{202b}\u{202c}\u{202d}\u{202e} \u{2066}\u{2067}\u{2068}\u{2069}",
        "zero\u{200b}width",
        "שלום",
        "مرحبا",
        "🎉 party",
        "[link]",
        "<b>html</b> <!-- -->",
        "<http://example.com>",
        "- list item\nlazy continuation",
        "1. numbered",
        "    indented code",
        "> quote",
        "# heading",
        "\t tab",
        "",
    ];

    #[test]
    fn string_literals_escape_what_rust_would_reject() {
        assert_eq!(string_literal("plain"), "\"plain\"");
        assert_eq!(string_literal("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(string_literal("back\\slash\\"), "\"back\\\\slash\\\\\"");
        assert_eq!(string_literal("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
        assert_eq!(string_literal("nul\0"), "\"nul\\u{0}\"");
        assert_eq!(
            string_literal("\u{202e}x\u{2069}"),
            "\"\\u{202e}x\\u{2069}\""
        );
        assert_eq!(string_literal("\u{2028}\u{2029}"), "\"\\u{2028}\\u{2029}\"");
        assert_eq!(string_literal("\u{200b}"), "\"\\u{200b}\"");
        assert_eq!(
            string_literal("${x} {y} `t` */ '''"),
            "\"${x} {y} `t` */ '''\""
        );
        assert_eq!(string_literal("שלום 🎉 é"), "\"שלום 🎉 é\"");
        for s in HOSTILE {
            let lit = string_literal(s);
            let inner = &lit[1..lit.len() - 1];
            // No raw quote ends the literal early and nothing unprintable stays raw.
            let mut escaped = false;
            for c in inner.chars() {
                assert!(!needs_escape(c), "{s:?}: raw {c:?} in {lit}");
                if c == '"' {
                    assert!(escaped, "{s:?}: unescaped quote in {lit}");
                }
                escaped = c == '\\' && !escaped;
            }
            assert!(!escaped, "{s:?}: literal ends inside an escape: {lit}");
        }
    }

    #[test]
    fn toml_strings() {
        assert_eq!(toml_string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(toml_string("x\u{1}\u{202e}"), "\"x\\u0001\\u202E\"");
        assert_eq!(toml_string("é 🎉"), "\"é 🎉\"");
    }

    #[test]
    fn line_comments_never_span_lines() {
        assert_eq!(
            line_comment("a\nb\r\nc\rd\u{2028}e\u{2029}f"),
            ["a", "b", "c", "d", "e", "f"]
        );
        assert_eq!(line_comment("x\u{202e}y\0 "), ["x\\u{202e}y\\u{0}"]);
        for s in HOSTILE {
            for l in line_comment(s) {
                assert!(!l.chars().any(needs_escape), "{s:?} -> {l:?}");
                assert!(!l.contains('\t') && l.trim() == l, "{s:?} -> {l:?}");
            }
        }
    }

    #[test]
    fn doc_lines_are_inert_markdown() {
        assert_eq!(doc_lines("Plain text."), ["Plain text."]);
        assert_eq!(doc_lines(""), Vec::<String>::new());
        assert_eq!(doc_lines("a\n\n\n b \n\n"), ["a", "", "b"]);
        assert_eq!(
            doc_lines("see [link] and <b>x</b>"),
            ["see \\[link\\] and \\<b\\>x\\</b\\>"]
        );
        assert_eq!(doc_lines("`[kept]` code"), ["`[kept]` code"]);
        assert_eq!(doc_lines("odd ` tick"), ["odd \\` tick"]);
        assert_eq!(doc_lines("a\\b\\"), ["a\\\\b\\\\"]);
        // The fence's first backtick is escaped; the other two pair with nothing, so they are too.
        assert_eq!(
            doc_lines("```rust\nfn main() {}\n```"),
            ["\\`\\`\\`rust", "fn main() {}", "\\`\\`\\`"]
        );
        assert_eq!(doc_lines("~~~\nx\n~~~"), ["\\~~~", "x", "\\~~~"]);
        assert_eq!(doc_lines("    indented"), ["indented"]);
        assert_eq!(doc_lines("- item\nmore"), ["\\- item", "more"]);
        assert_eq!(doc_lines("* item"), ["\\* item"]);
        assert_eq!(doc_lines("12. item"), ["12\\. item"]);
        assert_eq!(doc_lines("3) item"), ["3\\) item"]);
        assert_eq!(doc_lines("-1 is a number"), ["-1 is a number"]);
        assert_eq!(doc_lines("> quote"), ["\\> quote"]);
        assert_eq!(
            doc_lines("see https://example.com/a_b?x=1, or <http://example.com>."),
            ["see <https://example.com/a_b?x=1>, or \\<<http://example.com>\\>."]
        );
        assert_eq!(doc_lines("xhttp://no"), ["xhttp://no"]);
        assert_eq!(doc_lines("`https://in.code`"), ["`https://in.code`"]);
        assert_eq!(doc_lines("ends */ here"), ["ends */ here"]);
        assert_eq!(doc_lines("x\u{202e}y"), ["x\\u{202e}y"]);
        assert_eq!(doc_lines("a\u{2028}b"), ["a", "b"]);
        assert_eq!(doc_lines("nul\0"), ["nul\\u{0}"]);
        for s in HOSTILE {
            for l in doc_lines(s) {
                assert!(!l.chars().any(needs_escape), "{s:?} -> {l:?}");
                assert!(!l.contains('\t') && l.trim() == l, "{s:?} -> {l:?}");
                assert!(
                    !l.starts_with("```") && !l.starts_with("~~~"),
                    "{s:?} -> {l:?}"
                );
                assert!(
                    !l.starts_with("- ") && !l.starts_with('>'),
                    "{s:?} -> {l:?}"
                );
            }
        }
    }

    #[test]
    fn code_spans_hold_any_value() {
        assert_eq!(code_span("input"), "`input`");
        assert_eq!(code_span("`tick`"), "`` `tick` ``");
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("\"*/\""), "`\"*/\"`");
        assert_eq!(code_span(" "), "`   `");
        assert_eq!(code_span(""), "(empty string)");
        assert_eq!(code_span("x\ny\u{202e}"), "`x\\u{a}y\\u{202e}`");
        for s in HOSTILE {
            let span = code_span(s);
            assert!(!span.chars().any(needs_escape), "{s:?} -> {span:?}");
            assert!(!span.contains('\n'));
        }
    }
}
