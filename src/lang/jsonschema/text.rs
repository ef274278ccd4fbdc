//! Spec text in the schema. JSON has one context, the string, and serde_json owns its encoding:
//! nothing here builds JSON by hand. [`render`] pretty-prints with serde_json (2-space indent)
//! through a formatter that additionally writes as `\uXXXX` the characters that are valid in
//! JSON but harmful in a file people read, diff and paste into JavaScript:
//!
//! - U+2028 / U+2029 (line terminators in JavaScript source before ES2019, and in many editors);
//! - the bidi controls U+202A–U+202E and U+2066–U+2069 (Trojan Source: text that displays in an
//!   order different from its content), plus U+200E/U+200F/U+061C marks;
//! - DEL and the C1 controls U+007F–U+009F, and U+FEFF (an invisible BOM mid-file).
//!
//! serde_json already escapes `"`, `\` and U+0000–U+001F. The parsed value is unchanged.
//! Right-to-left letters, emoji and other printable text stay as they are.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

use crate::model::Unit;

/// Whether `c` is written as a `\uXXXX` escape (in addition to serde_json's own escapes).
pub(super) fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}'
            | '\u{061c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// serde_json's pretty formatter, with [`needs_escape`] characters escaped inside strings.
struct SafePretty<'a>(PrettyFormatter<'a>);

impl Formatter for SafePretty<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|(_, c)| needs_escape(*c)) {
            let (plain, tail) = rest.split_at(i);
            writer.write_all(plain.as_bytes())?;
            // Every escaped character is in the BMP: one `\uXXXX` each.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = tail.get(c.len_utf8()..).unwrap_or_default();
        }
        writer.write_all(rest.as_bytes())
    }

    // Everything below is PrettyFormatter's layout, delegated.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty JSON (2-space indent, `"key": value`, empty containers as `{}`/`[]`) with one
/// trailing newline.
pub(super) fn render<T: Serialize + ?Sized>(value: &T, capacity: usize) -> Result<String, String> {
    let mut out = Vec::with_capacity(capacity);
    let mut ser =
        Serializer::with_formatter(&mut out, SafePretty(PrettyFormatter::with_indent(b"  ")));
    value.serialize(&mut ser).map_err(|e| e.to_string())?;
    out.push(b'\n');
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// The sentence that documents an integer unit.
pub(super) fn unit_sentence(unit: Unit) -> String {
    match unit {
        Unit::Timestamp => "Unit: timestamp (milliseconds since the Unix epoch).".to_owned(),
        Unit::Milliseconds | Unit::Seconds => format!("Unit: {}.", unit.describe()),
    }
}

/// The sentence that documents a row's `Introduced / Updated` version.
pub(super) fn since_sentence(version: &str) -> String {
    format!("Introduced or updated in version {}.", version.trim())
}

/// Joins description paragraphs (empty ones are skipped) with a blank line; `None` if all are
/// empty.
pub(super) fn paragraphs<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The hostile corpus of STYLE.md §14.
    const HOSTILE: &[&str] = &[
        "*/",
        "\"\"\"",
        "'''",
        "back\\slash",
        "trailing backslash \\",
        "`tick` ${x} {y}",
        "say \"hi\"",
        "line\nbreak",
        "carriage\rreturn",
        "crlf\r\n",
        "tab\there",
        "sep\u{2028}para\u{2029}",
        "nul\u{0}bel\u{7}esc\u{1b}del\u{7f}c1\u{85}\u{9f}",
        "bidi \u{202a}\u{202b}\u{202c}\u{202d}\u{202e} \u{2066}\u{2067}\u{2068}\u{2069}",
        "marks \u{200e}\u{200f}\u{061c} bom\u{feff}",
        "שלום مرحبا",
        "🎉 party é",
        "</script> <!-- -->",
        "\\u0000 \\N{BEL}",
        "",
    ];

    #[test]
    fn hostile_strings_round_trip_as_keys_and_values() {
        for s in HOSTILE {
            let v = json!({ *s: [*s, { "k": *s }] });
            let out = render(&v, 0).unwrap();
            let back: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(back, v, "{s:?} -> {out}");
        }
    }

    #[test]
    fn output_has_no_raw_dangerous_characters() {
        let out = render(&json!(HOSTILE), 0).unwrap();
        for c in out.chars() {
            let bad = needs_escape(c) || (c.is_control() && c != '\n');
            assert!(!bad, "raw U+{:04X} in {out}", u32::from(c));
        }
        // Printable non-ASCII stays readable.
        assert!(out.contains("שלום مرحبا"));
        assert!(out.contains("🎉 party é"));
        // serde_json's own escapes, and ours in lower-case hex like serde_json's.
        assert!(out.contains(r#""say \"hi\"""#));
        assert!(out.contains(r#""trailing backslash \\""#));
        assert!(out.contains(r#""sep\u2028para\u2029""#));
        assert!(out.contains(r#"nul\u0000bel\u0007esc\u001bdel\u007fc1\u0085\u009f"#));
        assert!(out.contains(r#"\u202a\u202b\u202c\u202d\u202e \u2066\u2067\u2068\u2069"#));
        assert!(out.contains(r#"marks \u200e\u200f\u061c bom\ufeff"#));
        assert!(out.contains(r#""line\nbreak""#));
        assert!(out.contains(r#""carriage\rreturn""#));
    }

    #[test]
    fn escaped_characters_are_exactly_the_documented_ones() {
        let escaped: Vec<u32> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| needs_escape(*c))
            .map(u32::from)
            .collect();
        let mut expected: Vec<u32> = (0x7f..=0x9f).collect();
        expected.extend([0x061c, 0x200e, 0x200f, 0x2028, 0x2029]);
        expected.extend(0x202a..=0x202e);
        expected.extend(0x2066..=0x2069);
        expected.push(0xfeff);
        expected.sort_unstable();
        assert_eq!(escaped, expected);
    }

    #[test]
    fn layout_is_serde_json_pretty_with_a_trailing_newline() {
        let v = json!({"a": [], "b": {}, "c": [1, {"d": true}], "e": "x"});
        let out = render(&v, 0).unwrap();
        assert_eq!(
            out,
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap())
        );
        assert_eq!(
            out,
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": true\n    }\n  ],\n  \"e\": \"x\"\n}\n"
        );
    }

    #[test]
    fn units_and_paragraphs() {
        assert_eq!(
            unit_sentence(Unit::Timestamp),
            "Unit: timestamp (milliseconds since the Unix epoch)."
        );
        assert_eq!(unit_sentence(Unit::Milliseconds), "Unit: milliseconds.");
        assert_eq!(unit_sentence(Unit::Seconds), "Unit: seconds.");
        assert_eq!(
            since_sentence("9.0.002.06"),
            "Introduced or updated in version 9.0.002.06."
        );
        assert_eq!(
            paragraphs(["A duration", "Unit: seconds."]).as_deref(),
            Some("A duration\n\nUnit: seconds.")
        );
        assert_eq!(
            paragraphs(["", "Unit: seconds."]).as_deref(),
            Some("Unit: seconds.")
        );
        assert_eq!(paragraphs(["  ", ""]), None);
        assert_eq!(paragraphs(["line\nbreak "]).as_deref(), Some("line\nbreak"));
    }
}
