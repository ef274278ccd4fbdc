//! An adversarial corpus: malformed and hostile inputs and the outcome each must have. Every case
//! is either read correctly or rejected with a diagnostic naming its line and column; nothing
//! panics (the fuzz target and the property test in `tests/proptests.rs` cover the rest).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

const HEAD: &str = "## Events\n\n### A `a`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n";

enum Expect {
    /// Loads; (events, properties of the first event).
    Ok(usize, usize),
    /// Fails with this code at this line and column.
    Err(&'static str, usize, usize),
}

fn check(name: &str, text: &str, expect: Expect) {
    let result = trackgen::load_str("case.md", "case", text);
    match (result, expect) {
        (Ok(l), Expect::Ok(events, props)) => {
            assert_eq!(l.model.events.len(), events, "{name}");
            assert_eq!(
                l.model.events.first().map_or(0, |e| e.properties.len()),
                props,
                "{name}"
            );
            // Whatever loads also generates (or reports errors) without panicking.
            let cx = trackgen::lang::Context::new("case.md", text);
            let mut d = l.diagnostics.clone();
            let _ = trackgen::lang::generate(&l.model, &cx, &trackgen::Language::ALL, &mut d);
        }
        (Err(e), Expect::Err(code, line, col)) => {
            let out = e.to_string();
            let want = format!("case.md:{line}:{col}: error[{code}]");
            assert!(out.contains(&want), "{name}: expected {want} in:\n{out}");
        }
        (Ok(_), Expect::Err(code, ..)) => panic!("{name}: loaded, expected error {code}"),
        (Err(e), Expect::Ok(..)) => panic!("{name}: {e}"),
    }
}

#[test]
fn input_hygiene() {
    let row = "| x | string | \"v\" | d |\n";
    check("plain", &format!("{HEAD}{row}"), Expect::Ok(1, 1));
    check(
        "utf-8 BOM",
        &format!("\u{feff}{HEAD}{row}"),
        Expect::Ok(1, 1),
    );
    check(
        "CRLF",
        &format!("{HEAD}{row}").replace('\n', "\r\n"),
        Expect::Ok(1, 1),
    );
    check(
        "lone CR",
        &format!("{HEAD}{row}").replace('\n', "\r"),
        Expect::Ok(1, 1),
    );
    check(
        "trailing whitespace",
        &format!("{HEAD}{row}").replace('\n', "   \n"),
        Expect::Ok(1, 1),
    );
    check(
        "no trailing newline",
        &format!("{HEAD}{}", row.trim_end()),
        Expect::Ok(1, 1),
    );
    check(
        "CRLF keeps columns right",
        &format!("{HEAD}| x | strng | | d |\n").replace('\n', "\r\n"),
        Expect::Err("unknown-type", 7, 7),
    );
    check(
        "BOM keeps columns right",
        &format!("\u{feff}{HEAD}| x | strng | | d |\n"),
        Expect::Err("unknown-type", 7, 7),
    );
    check(
        "table without separator row",
        "## Events\n\n### A `a`\n\n| Property | Data Type |\n| x | string |\n",
        Expect::Err("table-without-separator", 5, 1),
    );
    check(
        "missing cell",
        &format!("{HEAD}| x | string | d |\n"),
        Expect::Err("row-cells", 7, 1),
    );
    check(
        "extra cell",
        &format!("{HEAD}| x | string | | d | e |\n"),
        Expect::Err("row-cells", 7, 1),
    );
    check(
        "truncated mid-row",
        &format!("{HEAD}| x | str"),
        Expect::Err("row-cells", 7, 1),
    );
    check(
        "truncated inside an example fence",
        &format!("{HEAD}{row}\n#### Example\n\n```json\n{{ \"x\": \"v\","),
        Expect::Ok(1, 1),
    );
    check("empty file", "", Expect::Ok(0, 0));
    check("only a title", "# Title\n", Expect::Ok(0, 0));
    check(
        "heading with only an id",
        "## Events\n\n### `only_id`\n",
        Expect::Ok(1, 0),
    );
    check(
        "event without table",
        "## Events\n\n### A `a`\n\nJust text.\n",
        Expect::Ok(1, 0),
    );
    check(
        "escaped pipe in a cell",
        &format!("{HEAD}| x | string | \"a\\|b\" | pipe \\| inside |\n"),
        Expect::Ok(1, 1),
    );
    check(
        "very long line",
        &format!("{HEAD}| x | string | | {} |\n", "d".repeat(1_000_000)),
        Expect::Ok(1, 1),
    );
    check(
        "empty property name",
        &format!("{HEAD}| | string | | d |\n"),
        Expect::Err("empty-name", 7, 3),
    );
    check(
        "only a question mark",
        &format!("{HEAD}| ? | string | | d |\n"),
        Expect::Err("empty-name", 7, 3),
    );
    check(
        "empty type",
        &format!("{HEAD}| x | | | d |\n"),
        Expect::Err("unknown-type", 7, 7),
    );
    check(
        "duplicate row",
        &format!("{HEAD}{row}{row}"),
        Expect::Err("duplicate-property", 8, 3),
    );
    check(
        "enum without values",
        &format!("{HEAD}| x | string (enum) | | d |\n"),
        Expect::Err("empty-enum", 7, 7),
    );
    check(
        "enum with a number",
        &format!("{HEAD}| x | string (enum) | \"a\", 2 | d |\n"),
        Expect::Err("bad-enum-value", 7, 23),
    );
    check(
        "duplicate event",
        "## Events\n\n### A `a`\n\n### B `a`\n",
        Expect::Err("duplicate-definition", 5, 8),
    );
    check(
        "missing type column",
        "## Events\n\n### A `a`\n\n| Property | Description |\n|---|---|\n| x | d |\n",
        Expect::Err("missing-column", 5, 3),
    );
    check(
        "unknown group in Includes",
        "## Events\n\n### A `a`\n\nIncludes: `nope`\n",
        Expect::Err("unknown-group", 5, 12),
    );
}

#[test]
fn hostile_text_is_data() {
    let nasty = [
        "*/",
        "\"\"\"",
        "'''",
        "\\",
        "\\u0000",
        "`",
        "${x}",
        "{y}",
        "\"",
        "'",
        "\u{2028}",
        "\u{2029}",
        "\u{0}",
        "\u{7}",
        "\u{1b}[31m",
        "\u{202e}evil",
        "\u{2066}",
        "שלום",
        "🎉",
        "</script>",
        "-->",
        "\r",
        "#[cfg(x)]",
        "#!",
        "\\N{BEL}",
        "%s",
        "{{",
        "}}",
    ];
    for (i, n) in nasty.iter().enumerate() {
        let cell = n.replace('|', "\\|").replace(['\n', '\r'], " ");
        // In a heading a backtick opens a code span (that is where ids are written): escape it.
        let title = cell.replace('`', "\\`");
        let spec = format!(
            "# T {title}\n\n## Events\n\n### E {title} `e{i}`\n\nDescription {cell} end\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| v | string (enum) | \"ok\", {} | desc {cell} |\n| s? | string | {} | {cell} |\n",
            serde_json::to_string(n).unwrap(),
            serde_json::to_string(n).unwrap(),
        );
        let loaded = trackgen::load_str("h.md", "h", &spec)
            .unwrap_or_else(|e| panic!("case {i} {n:?}: {e}"));
        let files = trackgen::lang::generate(
            &loaded.model,
            &trackgen::lang::Context::new("h.md", &spec),
            &trackgen::Language::ALL,
            &mut loaded.diagnostics.clone(),
        );
        let files = files.unwrap_or_else(|| panic!("case {i} {n:?}: backends refused"));
        for f in &files {
            trackgen::lang::files::check_invariants(f)
                .unwrap_or_else(|e| panic!("case {i} {n:?}: {e}"));
            assert!(
                !f.contents.contains('\u{0}'),
                "case {i}: raw NUL in {}",
                f.path
            );
        }
    }
}

#[test]
fn large_specs_are_read() {
    let mut spec = String::from("## Events\n\n");
    for i in 0..5000 {
        spec.push_str(&format!(
            "### Event {i} `event_{i}`\n\n| Property | Data Type |\n|---|---|\n| a | string |\n| b? | integer |\n\n"
        ));
    }
    let l = trackgen::load_str("big.md", "big", &spec).unwrap();
    assert_eq!(l.model.events.len(), 5000);
}
