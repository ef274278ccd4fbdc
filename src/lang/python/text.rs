//! Escaping of spec text for each Python context: string literals, docstrings, `#` comments, and
//! TOML basic strings (for `pyproject.toml`). Every function returns text that is valid in its
//! context whatever the input, and already in the shape `ruff format` gives it.

use std::fmt::Write as _;

/// Characters that must never appear raw in generated source: C0 and C1 controls, DEL, line and
/// paragraph separators, bidirectional controls (Trojan Source), zero-width marks that steer
/// direction, and the byte order mark.
fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// The Python escape of a character in a (non-raw) string: `\n`, `\x1b`, `\u2028`, lowercase hex
/// as `ruff format` writes it.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if u32::from(c) <= 0xff => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c if u32::from(c) <= 0xffff => {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
        c => {
            let _ = write!(out, "\\U{:08x}", u32::from(c));
        }
    }
}

/// A Python string literal holding `s` exactly. Quotes follow `ruff format`: double quotes unless
/// the text has more double than single quotes; only the chosen quote is escaped.
pub(crate) fn string_literal(s: &str) -> String {
    let doubles = s.chars().filter(|&c| c == '"').count();
    let singles = s.chars().filter(|&c| c == '\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c == '\\' || c == quote {
            out.push('\\');
            out.push(c);
        } else if must_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out.push(quote);
    out
}

/// Splits spec text into docstring lines: escapes `\`, quotes that could end the docstring (a `"`
/// at either end of a line or next to another `"`), and every character of [`must_escape`]; trims
/// whitespace at both ends of each line (as `ruff format` would) and drops leading and trailing
/// blank lines. The result is safe between `"""` quotes.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = normalised
        .split('\n')
        .map(|line| doc_line(line.trim()).trim().to_owned())
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let leading = lines.iter().take_while(|l| l.is_empty()).count();
    lines.drain(..leading);
    lines
}

fn doc_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j));
        let next = chars.get(i + 1);
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if prev.is_none_or(|&p| p == '"') || next.is_none_or(|&n| n == '"') => {
                out.push_str("\\\"");
            }
            c if must_escape(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Renders a docstring at `indent` spaces from already escaped lines ([`doc_lines`]): one line
/// `"""text"""`, or the summary after the opening quotes, the rest indented, and the closing
/// quotes on their own line. Lines are separated by `\n`; the result has no trailing newline.
/// Returns an empty string when there are no lines.
pub(crate) fn docstring(lines: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    match lines {
        [] => String::new(),
        [one] => format_line!("{pad}\"\"\"{one}\"\"\""),
        [first, rest @ ..] => {
            let mut out = format_line!("{pad}\"\"\"{first}\n");
            for line in rest {
                if !line.is_empty() {
                    out.push_str(&pad);
                    out.push_str(line);
                }
                out.push('\n');
            }
            out.push_str(&pad);
            out.push_str("\"\"\"");
            out
        }
    }
}

/// Words that tools read as directives when a comment starts with them.
const DIRECTIVES: &[&str] = &[
    "flake8:", "fmt:", "isort:", "mypy:", "noqa", "pragma:", "pylint:", "pyright:", "ruff:",
    "type:", "yapf:",
];

/// `#` comment lines holding `text` (none for blank text: ruff flags empty comments). Splits on every line terminator Python's `str.splitlines`
/// knows (`\n`, `\r`, `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, U+2028, U+2029), writes other control,
/// bidi and invisible characters as visible escapes, replaces `#` (no `# noqa` can hide in the
/// text) and defuses comments that would start with a tool directive (`type:`, `fmt:`...).
pub(crate) fn line_comment(text: &str) -> Vec<String> {
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{1c}'
                ..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    };
    let text = text.replace("\r\n", "\n");
    text.split(is_break)
        .filter_map(|segment| {
            let mut body = String::with_capacity(segment.len());
            for c in segment.chars() {
                if c == '#' {
                    body.push('\u{ff03}');
                } else if must_escape(c) {
                    push_escape(&mut body, c);
                } else {
                    body.push(c);
                }
            }
            let body = body.trim();
            let lower = body.to_lowercase();
            if body.is_empty() {
                None
            } else if DIRECTIVES.iter().any(|d| lower.starts_with(d)) {
                Some(format_line!("# ~ {body}"))
            } else {
                Some(format_line!("# {body}"))
            }
        })
        .collect()
}

/// A TOML basic string (`"..."`) holding `s` exactly.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The display width `ruff format` gives a character: 2 for East Asian wide and most emoji, 0 for
/// combining marks, 1 otherwise (close to the `unicode-width` crate ruff uses).
pub(crate) fn char_width(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036f | 0x200b..=0x200f | 0xfe00..=0xfe0f => 0,
        0x1100..=0x115f
        | 0x2e80..=0x303e
        | 0x3041..=0x33ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f300..=0x1f64f
        | 0x1f900..=0x1f9ff
        | 0x20000..=0x3fffd => 2,
        _ => 1,
    }
}

/// The display width of a line.
pub(crate) fn width(line: &str) -> usize {
    // Most lines are ASCII: one column per byte (checked a word at a time).
    if line.is_ascii() {
        return line.len();
    }
    line.chars().map(char_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hostile corpus every escaper is tested against.
    const HOSTILE: &[&str] = &[
        "*/",
        "\"\"\"",
        "'''",
        "back\\slash",
        "trailing\\",
        "`tick` ${x} {y}",
        "say \"hi\" it's",
        "line\nbreak",
        "carriage\rreturn",
        "sep\u{2028}para\u{2029}",
        "nul\0bell\u{7}esc\u{1b}del\u{7f}c1\u{85}",
        "bidi\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}",
        "שלום مرحبا",
        "🎉 party",
        "tab\there",
        "\u{feff}bom",
        "\\u0000 \\N{BEL}",
        "\"",
        "\"\"",
        "x\"",
    ];

    fn no_raw_danger(s: &str) -> bool {
        !s.chars().any(|c| c != '\n' && must_escape(c))
    }

    /// Decodes a Python string literal as produced by [`string_literal`] (enough of Python's
    /// rules to check the round trip).
    fn decode_literal(lit: &str) -> String {
        let quote = lit.chars().next().unwrap();
        assert!(lit.ends_with(quote) && lit.len() >= 2, "{lit}");
        let body = &lit[1..lit.len() - 1];
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            assert_ne!(c, quote, "unescaped quote in {lit}");
            if c != '\\' {
                out.push(c);
                continue;
            }
            let e = chars.next().unwrap();
            let hex = |n: usize, chars: &mut std::str::Chars<'_>| {
                let h: String = chars.take(n).collect();
                char::from_u32(u32::from_str_radix(&h, 16).unwrap()).unwrap()
            };
            match e {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'x' => out.push(hex(2, &mut chars)),
                'u' => out.push(hex(4, &mut chars)),
                'U' => out.push(hex(8, &mut chars)),
                '\\' | '"' | '\'' => out.push(e),
                other => panic!("unexpected escape \\{other} in {lit}"),
            }
        }
        out
    }

    #[test]
    fn string_literals_round_trip_and_hide_nothing() {
        for s in HOSTILE {
            let lit = string_literal(s);
            assert_eq!(decode_literal(&lit), *s, "{lit}");
            assert!(no_raw_danger(&lit) && !lit.contains('\n'), "{lit:?}");
            assert!(!lit.contains('\t') && !lit.contains('\r'), "{lit:?}");
        }
    }

    #[test]
    fn string_literals_pick_quotes_like_ruff() {
        assert_eq!(string_literal("plain"), "\"plain\"");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("\"it's\""), "'\"it\\'s\"'");
        assert_eq!(string_literal("\"'"), "\"\\\"'\"");
        assert_eq!(string_literal("a\\b"), "\"a\\\\b\"");
        assert_eq!(string_literal("${x} {y}"), "\"${x} {y}\"");
        assert_eq!(string_literal("\u{1b}\u{7f}"), "\"\\x1b\\x7f\"");
        assert_eq!(string_literal("\u{2028}\u{202e}"), "\"\\u2028\\u202e\"");
        assert_eq!(string_literal("🎉 שלום"), "\"🎉 שלום\"");
        assert_eq!(string_literal("\0"), "\"\\x00\"");
    }

    /// No unescaped `"` at either end or next to another unescaped `"`.
    fn raw_quotes_safe(line: &str) -> bool {
        let mut raw = Vec::new(); // (position, is raw quote)
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
                raw.push(false);
            } else {
                raw.push(c == '"');
            }
        }
        let first = raw.first().copied().unwrap_or(false);
        let last = raw.last().copied().unwrap_or(false);
        !first && !last && !raw.windows(2).any(|w| w[0] && w[1])
    }

    #[test]
    fn doc_lines_cannot_close_the_docstring() {
        for s in HOSTILE {
            for line in doc_lines(s) {
                assert!(no_raw_danger(&line), "{line:?}");
                assert!(raw_quotes_safe(&line), "{line:?}");
                assert!(!line.contains('\t') && !line.contains('\r'), "{line:?}");
                // An odd run of backslashes at the end would escape the closing quote.
                let tail = line.chars().rev().take_while(|&c| c == '\\').count();
                assert_eq!(tail % 2, 0, "{line:?}");
                assert_eq!(line, line.trim(), "{line:?}");
            }
        }
    }

    #[test]
    fn doc_lines_escape_exactly_what_is_needed() {
        assert_eq!(doc_lines("say \"hi\" now"), ["say \"hi\" now"]);
        assert_eq!(doc_lines("a \"\"\" b"), ["a \\\"\\\"\\\" b"]);
        assert_eq!(doc_lines("mid \" quote"), ["mid \" quote"]);
        assert_eq!(
            doc_lines("\\u0000 and \\N{BEL}"),
            ["\\\\u0000 and \\\\N{BEL}"]
        );
        assert_eq!(doc_lines("ends with \\"), ["ends with \\\\"]);
        assert_eq!(doc_lines("\n\n  one  \r\n\r\n two\n\n"), ["one", "", "two"]);
        assert_eq!(doc_lines("nul\0 sep\u{2028}x"), ["nul\\x00 sep\\u2028x"]);
        assert_eq!(doc_lines("rtl \u{202e}x"), ["rtl \\u202ex"]);
        assert_eq!(doc_lines("space\u{a0}"), ["space"]);
        assert!(doc_lines("  \n ").is_empty());
    }

    #[test]
    fn docstring_layout() {
        let one = vec!["Summary.".to_owned()];
        assert_eq!(docstring(&one, 4), "    \"\"\"Summary.\"\"\"");
        let many = vec!["Summary.".to_owned(), String::new(), "Body.".to_owned()];
        assert_eq!(
            docstring(&many, 4),
            "    \"\"\"Summary.\n\n    Body.\n    \"\"\""
        );
        assert_eq!(docstring(&[], 0), "");
    }

    #[test]
    fn comments_stay_comments() {
        for s in HOSTILE {
            for line in line_comment(s) {
                assert!(line.starts_with("# "), "{line:?}");
                assert!(no_raw_danger(&line), "{line:?}");
                assert!(!line.contains('\n') && !line.ends_with(' '), "{line:?}");
                assert!(!line[1..].contains('#'), "{line:?}");
            }
        }
        assert_eq!(
            line_comment("a\nb\rc\u{2028}d\u{0b}e\u{85}f"),
            ["# a", "# b", "# c", "# d", "# e", "# f"]
        );
        assert_eq!(line_comment("x # noqa: F401"), ["# x \u{ff03} noqa: F401"]);
        assert_eq!(line_comment("type: ignore"), ["# ~ type: ignore"]);
        assert_eq!(line_comment(" Fmt: off"), ["# ~ Fmt: off"]);
        assert_eq!(line_comment("nul\0"), ["# nul\\x00"]);
        assert!(line_comment("").is_empty());
        assert_eq!(line_comment("a\n\nb"), ["# a", "# b"]);
    }

    #[test]
    fn toml_strings() {
        assert_eq!(toml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(
            toml_string("x\0\u{7f}\u{2028}\n"),
            "\"x\\u0000\\u007f\\u2028\\n\""
        );
        assert_eq!(toml_string("é 🎉"), "\"é 🎉\"");
        for s in HOSTILE {
            let t = toml_string(s);
            assert!(no_raw_danger(&t) && !t.contains('\n'), "{t:?}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("🎉 x"), 4);
        assert_eq!(width("שלום"), 4);
        assert_eq!(width("漢字"), 4);
        assert_eq!(width("e\u{301}"), 1);
    }
}
