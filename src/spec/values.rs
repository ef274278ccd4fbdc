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
    if let Ok(n) = serde_json::from_str::<serde_json::Number>(s) {
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
