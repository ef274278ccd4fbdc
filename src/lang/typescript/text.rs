//! Escaping of spec text into TypeScript source, one function per context: string literals, JSDoc
//! block comments, line comments, and JSON strings (for `package.json`).
//!
//! This is the security boundary of the backend: whatever a spec says, it never leaves the literal
//! or comment it was put in. The traps, and how each one is closed:
//!
//! - JavaScript ends a line (and so a `//` comment) at `\n`, `\r`, U+2028 and U+2029: comments are
//!   split on all four; literals escape them.
//! - `*/` ends a block comment: it becomes `*\/` (what TSDoc renders as `*/`).
//! - Control characters (NUL included), bidi controls (U+202A–U+202E, U+2066–U+2069, the "trojan
//!   source" characters) and other invisible format characters are escaped in literals and shown as
//!   `\uXXXX` text in comments. Tabs become spaces in comments (the output has no tabs).
//! - Spec text never goes into template literals, so `${` and backticks need nothing.
//!
//! String literals follow Prettier's quote choice (double quotes unless the text has more double
//! than single quotes), so the output is already formatted.

/// Characters that are escaped in literals and rendered as `\uXXXX` text in comments although
/// JavaScript would accept them: they are invisible or reorder the text around them.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Line terminators of ECMAScript (`LineTerminator`): LF, CR, U+2028, U+2029.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// A TypeScript string literal for `s` with Prettier's preferred quotes.
pub fn string_literal(s: &str) -> String {
    if crate::lang::printable_ascii(s) && !s.contains(['"', '\'', '\\']) {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
        return out;
    }
    let doubles = s.chars().filter(|&c| c == '"').count();
    let singles = s.chars().filter(|&c| c == '\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || is_line_terminator(c) || is_invisible(c) => {
                out.push_str(&format_line!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A JSON string for `s` (for `package.json`): serde_json's encoding, which escapes `"`, `\` and
/// control characters.
pub fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// The text of one comment line: control, invisible and bidi characters shown as `\uXXXX`, tabs
/// as a space, `*/` broken, trailing whitespace dropped. `line` must not contain line terminators.
fn comment_text(line: &str) -> String {
    if crate::lang::printable_ascii(line) {
        let line = line.trim_end();
        return if line.contains("*/") {
            line.replace("*/", "*\\/")
        } else {
            line.to_owned()
        };
    }
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control() || is_line_terminator(c) || is_invisible(c) => {
                out.push_str(&format_line!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    let out = out.replace("*/", "*\\/");
    out.trim_end().to_owned()
}

/// Splits `text` on every JavaScript line terminator (`\r\n` counts once).
pub fn lines(text: &str) -> Vec<String> {
    // CR is one byte, and E2 starts U+2028 and U+2029 (and no byte of another character is either).
    if !text.bytes().any(|b| b == b'\r' || b == 0xE2) {
        return text.split('\n').map(str::to_owned).collect();
    }
    let text = text.replace("\r\n", "\n");
    text.split(is_line_terminator).map(str::to_owned).collect()
}

/// Spec text as the lines of a doc comment: split on every line terminator, each line escaped;
/// leading and trailing blank lines dropped, runs of blank lines collapsed to one.
pub fn doc_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines(text) {
        let line = comment_text(&line);
        if line.trim().is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
        } else {
            out.push(line);
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// A JSDoc block (`/** ... */`) at `indent` spaces holding `paragraphs` (each a piece of spec
/// text; an empty line separates them). One line of text gives the one-line form. Returns the
/// lines of the block; none when there is no text.
pub fn doc_comment(paragraphs: &[String], indent: usize) -> Vec<String> {
    let mut body: Vec<String> = Vec::new();
    for p in paragraphs {
        let p = doc_lines(p);
        if p.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push(String::new());
        }
        body.extend(p);
    }
    let pad = " ".repeat(indent);
    match body.as_slice() {
        [] => Vec::new(),
        [one] if indent + one.chars().count() + 7 <= 80 => vec![format_line!("{pad}/** {one} */")],
        _ => {
            let mut out = vec![format_line!("{pad}/**")];
            for line in body {
                if line.is_empty() {
                    out.push(format_line!("{pad} *"));
                } else {
                    out.push(format_line!("{pad} * {line}"));
                }
            }
            out.push(format_line!("{pad} */"));
            out
        }
    }
}

/// Spec text as `//` comment lines at `indent` spaces, one per line of the text.
pub fn line_comment(text: &str, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    lines(text)
        .iter()
        .map(|l| {
            let l = comment_text(l);
            if l.is_empty() {
                format_line!("{pad}//")
            } else {
                format_line!("{pad}// {l}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_with_the_per_character_definitions() {
        let pieces = [
            "a", " ", "~", "\"", "'", "\\", "*/", "*", "/", "\n", "\r", "\r\n", "\t", "\u{7f}",
            "é", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202a}", "\u{feff}", "€",
        ];
        let cases = crate::lang::three_piece_cases(HOSTILE, &pieces);
        for s in &cases {
            let by_char: Vec<String> = s
                .replace("\r\n", "\n")
                .split(is_line_terminator)
                .map(str::to_owned)
                .collect();
            assert_eq!(lines(s), by_char, "{s:?}");
            if !s.contains(is_line_terminator) {
                let escaped: String = s
                    .chars()
                    .map(|c| match c {
                        '\t' => " ".to_owned(),
                        c if c.is_control() || is_invisible(c) => {
                            format!("\\u{:04x}", u32::from(c))
                        }
                        c => c.to_string(),
                    })
                    .collect();
                let expected = escaped.replace("*/", "*\\/").trim_end().to_owned();
                assert_eq!(comment_text(s), expected, "{s:?}");
            }
            let lit = string_literal(s);
            assert_eq!(js_decode(&lit), *s, "{lit}");
            let doubles = s.matches('"').count();
            let singles = s.matches('\'').count();
            let quote = if doubles > singles { '\'' } else { '"' };
            assert!(lit.starts_with(quote) && lit.ends_with(quote), "{lit}");
        }
    }

    /// The hostile corpus: every string here must stay inside its literal or comment.
    const HOSTILE: &[&str] = &[
        "*/",
        "/* nested */ */",
        "\"\"\"",
        "'''",
        "\\",
        "ends with a backslash \\",
        "`tick` and ${process.exit(1)}",
        "{y} and {{z}}",
        "say \"hi\"",
        "it's",
        "both ' and \"\"",
        "line\nbreak",
        "carriage\rreturn",
        "crlf\r\nline",
        "ls\u{2028}ps\u{2029}end",
        "nul\0byte",
        "bell\u{7}escape\u{1b}del\u{7f}",
        "bidi \u{202a}\u{202b}\u{202c}\u{202d}\u{202e} \u{2066}\u{2067}\u{2068}\u{2069}",
        "שלום مرحبا",
        "🎉 party",
        "tab\there",
        "</script> <!-- -->",
        "\u{feff}bom",
    ];

    /// Decodes a literal made by `string_literal` the way JavaScript would.
    fn js_decode(lit: &str) -> String {
        let quote = lit.chars().next().unwrap();
        assert!(lit.ends_with(quote) && lit.len() >= 2, "{lit}");
        let inner = &lit[1..lit.len() - 1];
        let mut out = String::new();
        let mut it = inner.chars();
        while let Some(c) = it.next() {
            assert!(!is_line_terminator(c), "raw line terminator in {lit:?}");
            assert!(c != quote, "unescaped quote in {lit:?}");
            assert!(
                !c.is_control() && !is_invisible(c),
                "raw control in {lit:?}"
            );
            if c != '\\' {
                out.push(c);
                continue;
            }
            match it.next().unwrap() {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = it.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                c @ ('\\' | '"' | '\'') => out.push(c),
                c => panic!("unexpected escape \\{c} in {lit:?}"),
            }
        }
        out
    }

    #[test]
    fn string_literals_round_trip_and_stay_closed() {
        for s in HOSTILE {
            let lit = string_literal(s);
            assert_eq!(js_decode(&lit), *s, "{lit}");
            assert!(!lit.contains('\n') && !lit.contains('\r'), "{lit}");
        }
    }

    #[test]
    fn string_literals_pick_prettier_quotes() {
        assert_eq!(string_literal("plain"), "\"plain\"");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("\"x' '"), "\"\\\"x' '\"");
        assert_eq!(string_literal("a\"b'"), "\"a\\\"b'\"");
        assert_eq!(string_literal("back\\"), "\"back\\\\\"");
        assert_eq!(string_literal("${x} `t`"), "\"${x} `t`\"");
        assert_eq!(string_literal("\u{2028}\u{2029}"), "\"\\u2028\\u2029\"");
        assert_eq!(string_literal("\0"), "\"\\u0000\"");
        assert_eq!(string_literal("\u{202e}"), "\"\\u202e\"");
        assert_eq!(string_literal("שלום 🎉"), "\"שלום 🎉\"");
    }

    #[test]
    fn json_strings_are_json() {
        for s in HOSTILE {
            let lit = json_string(s);
            let back: String = serde_json::from_str(&lit).unwrap();
            assert_eq!(back, *s);
            assert!(!lit.contains('\n'));
        }
    }

    #[test]
    fn doc_comments_never_close_early_or_break_lines() {
        for s in HOSTILE {
            for indent in [0, 2] {
                let block = doc_comment(&[(*s).to_owned(), "second".to_owned()], indent);
                let joined = block.join("\n");
                assert!(joined.starts_with(&format_line!("{}/**", " ".repeat(indent))));
                assert_eq!(joined.matches("*/").count(), 1, "{joined}");
                assert!(joined.ends_with("*/"), "{joined}");
                for line in &block {
                    assert!(
                        !line.chars().any(|c| is_line_terminator(c) || c == '\t'),
                        "{line:?}"
                    );
                    assert!(
                        !line.chars().any(|c| c.is_control() || is_invisible(c)),
                        "{line:?}"
                    );
                    assert_eq!(line.trim_end(), line, "trailing space: {line:?}");
                }
            }
        }
    }

    #[test]
    fn doc_comment_shapes() {
        assert_eq!(
            doc_comment(&["One line".into()], 2),
            vec!["  /** One line */"]
        );
        assert_eq!(
            doc_comment(&[String::new(), "  ".into()], 0),
            Vec::<String>::new()
        );
        assert_eq!(
            doc_comment(&["a */ b".into(), "x\n\n\ny\u{2028}z".into()], 0),
            vec![
                "/**",
                " * a *\\/ b",
                " *",
                " * x",
                " *",
                " * y",
                " * z",
                " */"
            ]
        );
        assert_eq!(
            doc_comment(&["ends \\".into()], 0),
            vec!["/** ends \\ */"],
            "a trailing backslash is harmless in a block comment"
        );
        let long = "x".repeat(80);
        assert_eq!(
            doc_comment(std::slice::from_ref(&long), 0),
            vec![
                "/**".to_owned(),
                format_line!(" * {long}"),
                " */".to_owned()
            ]
        );
        assert_eq!(
            doc_comment(&["a\u{202e}b\0c\td".into()], 0),
            vec!["/** a\\u202eb\\u0000c d */"]
        );
    }

    #[test]
    fn line_comments_split_on_every_terminator() {
        assert_eq!(
            line_comment("a\rb\u{2028}c\u{2029}d\r\ne", 0),
            vec!["// a", "// b", "// c", "// d", "// e"]
        );
        assert_eq!(
            line_comment("x */ \u{202e}\n", 2),
            vec!["  // x *\\/ \\u202e", "  //"]
        );
        for s in HOSTILE {
            for line in line_comment(s, 0) {
                assert!(line.starts_with("//"));
                assert!(
                    !line
                        .chars()
                        .any(|c| is_line_terminator(c) || c.is_control() || is_invisible(c)),
                    "{line:?}"
                );
            }
        }
    }
}
