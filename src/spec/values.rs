//! The `Possible Values` column and example blocks: JSON-like literals as people write them.
//!
//! A values cell is either one JSON/JSON5 object or array (`{ car_model: "cupra" }`), or a
//! comma-separated list of literals: `"a", "b"`, typographic quotes `“a”`, numbers, `true`, `false`,
//! `null`. Anything else (`UUID format`, `127.0.0.1`, an unterminated `"agent`) is kept as text and
//! flagged, so the model loses nothing and the lint can say what was odd.

use serde_json::Value;

/// One item of a values cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    /// The value.
    pub value: Value,
    /// `false` when the item was not a well-formed literal and was kept as raw text.
    pub well_formed: bool,
    /// Byte offset of the item inside the cell text.
    pub offset: usize,
}

/// Parses a values cell into its items. Empty items (a trailing comma) are skipped.
pub fn parse_cell(cell: &str) -> Vec<Literal> {
    let t = cell.trim();
    if t.is_empty() {
        return Vec::new();
    }
    if (t.starts_with('{') || t.starts_with('['))
        && let Ok(v) = parse_json5(t)
    {
        return vec![Literal {
            value: v,
            well_formed: true,
            offset: cell.len() - cell.trim_start().len(),
        }];
    }
    split_items(cell)
        .into_iter()
        .filter(|(_, s)| !s.trim().is_empty())
        .map(|(off, s)| {
            let lead = s.len() - s.trim_start().len();
            let (value, well_formed) = literal(s.trim());
            Literal {
                value,
                well_formed,
                offset: off + lead,
            }
        })
        .collect()
}

/// Why a JSON5 text did not parse: the message and, when known, the 0-based line and character
/// column inside the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFailure {
    /// What the JSON5 parser said.
    pub message: String,
    /// 0-based (line, column) in the text.
    pub at: Option<(usize, usize)>,
}

/// Parses JSON, falling back to JSON5 (comments, unquoted keys, trailing commas, single quotes).
pub fn parse_json5(text: &str) -> Result<Value, ParseFailure> {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Ok(v),
        Err(_) => json5::from_str::<Value>(text).map_err(|e| ParseFailure {
            message: e.code().map_or_else(|| e.to_string(), |c| c.to_string()),
            at: e.position().map(|p| (p.line, p.column)),
        }),
    }
}

/// Parses like [`parse_json5`], repairing missing commas (the most common flaw of hand-written
/// examples: a value at the end of one line, the next key on the next line). Returns the value and
/// the byte offsets in `text` after which a comma was missing.
pub fn parse_lenient(text: &str) -> Result<(Value, Vec<usize>), ParseFailure> {
    let mut cur = text.to_owned();
    let mut inserted: Vec<usize> = Vec::new(); // offsets in `cur`
    for _ in 0..1000 {
        match parse_json5(&cur) {
            Ok(v) => {
                // Map offsets in `cur` back to `text`: each earlier insertion shifted by one.
                let mut sorted = inserted.clone();
                sorted.sort_unstable();
                let original = sorted.iter().enumerate().map(|(i, off)| off - i).collect();
                return Ok((v, original));
            }
            Err(f) if f.message.contains("comma") => {
                let Some(at) = f.at.and_then(|(l, c)| offset_of(&cur, l, c)) else {
                    return Err(f);
                };
                let Some(insert) = comma_point(&cur, at) else {
                    return Err(f);
                };
                if inserted.contains(&insert) {
                    return Err(f);
                }
                cur.insert(insert, ',');
                inserted = inserted
                    .into_iter()
                    .map(|o| if o >= insert { o + 1 } else { o })
                    .collect();
                inserted.push(insert);
            }
            Err(f) => return Err(f),
        }
    }
    parse_json5(text).map(|v| (v, Vec::new()))
}

/// Where a missing comma before `at` goes: the end of the code on the nearest earlier line that has
/// code (comment lines skipped), or just before `at` when it is on the same line.
fn comma_point(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let same_line = before.get(line_start..)?;
    if !same_line.trim().is_empty() {
        return Some(line_start + same_line.trim_end().len());
    }
    let mut end = line_start.checked_sub(1)?; // the newline ending the previous line
    loop {
        let start = text.get(..end)?.rfind('\n').map_or(0, |i| i + 1);
        let line = text.get(start..end)?;
        let code = code_part(line);
        if !code.trim().is_empty() {
            return Some(start + code.trim_end().len());
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
}

/// A line without its `//` comment (a `//` inside a string does not count).
fn code_part(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev_slash = false;
    for (i, c) in line.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '/' if prev_slash => return line.get(..i - 1).unwrap_or(line),
            _ => {}
        }
        prev_slash = c == '/';
    }
    line
}

/// Byte offset of 0-based (line, char column) in `text`.
pub fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let line_start = if line == 0 {
        0
    } else {
        text.match_indices('\n').nth(line - 1)?.0 + 1
    };
    let rest = text.get(line_start..)?;
    let off = rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i);
    Some(line_start + off)
}

/// Keys that appear twice in one object of a JSON/JSON5 text, with the byte offset of each second
/// occurrence. serde_json and json5 keep the last silently; a spec should not rely on that.
pub fn duplicate_keys(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    // A stack of (is_object, keys seen) per open bracket.
    let mut stack: Vec<(bool, Vec<String>)> = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    let mut expect_key = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while b.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
                continue;
            }
            b'{' => {
                stack.push((true, Vec::new()));
                expect_key = true;
            }
            b'[' => {
                stack.push((false, Vec::new()));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => expect_key = stack.last().is_some_and(|(o, _)| *o),
            b'"' | b'\'' => {
                let start = i;
                i += 1;
                while let Some(&d) = b.get(i) {
                    if d == b'\\' {
                        i += 2;
                        continue;
                    }
                    if d == c {
                        break;
                    }
                    i += 1;
                }
                if expect_key {
                    let key = text.get(start + 1..i).unwrap_or("").to_owned();
                    record_key(&mut stack, key, start, &mut out);
                    expect_key = false;
                }
            }
            c if expect_key && (c.is_ascii_alphabetic() || c == b'_' || c == b'$') => {
                let start = i;
                while b
                    .get(i)
                    .is_some_and(|&d| d.is_ascii_alphanumeric() || d == b'_' || d == b'$')
                {
                    i += 1;
                }
                let key = text.get(start..i).unwrap_or("").to_owned();
                record_key(&mut stack, key, start, &mut out);
                expect_key = false;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn record_key(
    stack: &mut [(bool, Vec<String>)],
    key: String,
    at: usize,
    out: &mut Vec<(String, usize)>,
) {
    if let Some((true, keys)) = stack.last_mut() {
        if keys.contains(&key) {
            out.push((key, at));
        } else {
            keys.push(key);
        }
    }
}

fn literal(s: &str) -> (Value, bool) {
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        if let Ok(Value::String(v)) = serde_json::from_str::<Value>(s) {
            return (Value::String(v), true);
        }
        let inner = s.get(1..s.len() - 1).unwrap_or("");
        return (Value::String(inner.to_owned()), false);
    }
    for (open, close) in [('“', '”'), ('„', '“'), ('«', '»'), ('\'', '\'')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return (Value::String(inner.to_owned()), true);
        }
    }
    match s {
        "true" => return (Value::Bool(true), true),
        "false" => return (Value::Bool(false), true),
        "null" => return (Value::Null, true),
        _ => {}
    }
    // A JSON number starts with `-` or a digit; testing that first spares serde_json building an
    // error for every word.
    if s.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        && let Ok(n) = serde_json::from_str::<serde_json::Number>(s)
    {
        return (Value::Number(n), true);
    }
    (Value::String(s.to_owned()), false)
}

/// Splits on commas outside quotes and brackets; returns (offset, piece).
fn split_items(t: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in t.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q || (q == '“' && c == '”') {
                quote = None;
            }
            continue;
        }
        match c {
            '"' => quote = Some('"'),
            '“' => quote = Some('“'),
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push((start, t.get(start..i).unwrap_or("")));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, t.get(start..).unwrap_or("")));
    out
}

/// Enum values stated in prose: every quoted string (straight or typographic quotes) after a phrase
/// such as "one of the following". Returns `None` when the text states no such list.
pub fn prose_enum(text: &str) -> Option<Vec<String>> {
    let lower = text.to_lowercase();
    let at = ["one of the following", "can be one of", "can assume one of"]
        .iter()
        .filter_map(|p| lower.find(p))
        .min()?;
    let rest = text.get(at..)?;
    let mut values = Vec::new();
    let mut cur: Option<String> = None;
    for c in rest.chars() {
        match (&mut cur, c) {
            (None, '"' | '“' | '”') => cur = Some(String::new()),
            (Some(v), '"' | '“' | '”') => {
                values.push(std::mem::take(v));
                cur = None;
            }
            (Some(v), c) => v.push(c),
            (None, _) => {}
        }
    }
    (!values.is_empty()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vals(cell: &str) -> Vec<(Value, bool)> {
        parse_cell(cell)
            .into_iter()
            .map(|l| (l.value, l.well_formed))
            .collect()
    }

    #[test]
    fn lists_of_literals() {
        assert_eq!(
            vals(r#""input", "button""#),
            [(json!("input"), true), (json!("button"), true)]
        );
        assert_eq!(
            vals("true, false"),
            [(json!(true), true), (json!(false), true)]
        );
        assert_eq!(
            vals("1500, 3000"),
            [(json!(1500), true), (json!(3000), true)]
        );
        assert_eq!(
            vals(r#""ms-chat", "ms-api","#),
            [(json!("ms-chat"), true), (json!("ms-api"), true)]
        );
        assert_eq!(vals("UUID format"), [(json!("UUID format"), false)]);
        assert_eq!(vals("127.0.0.1"), [(json!("127.0.0.1"), false)]);
        assert_eq!(vals(r#""agent"#), [(json!("\"agent"), false)]);
        assert_eq!(
            vals(r#""a, b", "c""#),
            [(json!("a, b"), true), (json!("c"), true)]
        );
        assert_eq!(
            vals(r#""say \"hi\"", "\"\"\"", "b\\s""#),
            [
                (json!("say \"hi\""), true),
                (json!("\"\"\""), true),
                (json!("b\\s"), true)
            ]
        );
    }

    #[test]
    fn objects_json_and_json5() {
        assert_eq!(
            vals(r#"{ car_model: "cupra", car_year: 2025 }"#),
            [(json!({"car_model": "cupra", "car_year": 2025}), true)]
        );
        assert_eq!(vals(r#"{ "a": 1 }"#), [(json!({"a": 1}), true)]);
    }

    #[test]
    fn lenient_parsing_repairs_missing_commas() {
        let text = "{\n// c\na: 1,\nb: \"x\" // note\n// Data\nc: {\nd: 2,\n}\ne: 3\n}";
        let (v, repairs) = parse_lenient(text).unwrap();
        assert_eq!(v, json!({"a": 1, "b": "x", "c": {"d": 2}, "e": 3}));
        assert_eq!(repairs.len(), 2);
        assert_eq!(&text[repairs[0] - 3..repairs[0]], "\"x\"");
        assert_eq!(&text[repairs[1] - 1..repairs[1]], "}");
        assert!(parse_lenient("{ a: }").is_err());
    }

    #[test]
    fn duplicate_keys_are_found() {
        let text = r#"{ "first_name": "John", "first_name": "Doe", "x": { "a": 1, "a": 2 }, "l": [{"a": 1}, {"a": 2}] }"#;
        let d = duplicate_keys(text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].0, "first_name");
        assert_eq!(&text[d[0].1..d[0].1 + 12], "\"first_name\"");
        assert_eq!(d[1].0, "a");
        assert!(duplicate_keys("{ car_model: \"cupra\", car_year: 2025 }").is_empty());
    }

    #[test]
    fn prose_enums() {
        assert_eq!(
            prose_enum("Chat type. Can be one of the following values: “chat” “cbn” “cbl”"),
            Some(vec!["chat".into(), "cbn".into(), "cbl".into()])
        );
        assert_eq!(
            prose_enum(r#"Event can be one of the following: "newContactAccepted" “clientError”"#),
            Some(vec!["newContactAccepted".into(), "clientError".into()])
        );
        assert_eq!(prose_enum("Just a description"), None);
    }
}
