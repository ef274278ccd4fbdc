//! Shared by the tests in `tests/`: the fixtures tests/toolchain_rust.rs writes, and the corpus
//! check. A corpus line is `{"name", "value", "valid", "error": {"kind", "pointer"}}`; its verdict,
//! kind and pointer come from `trackgen::payload`, the reference definition of "valid".

use serde_json::Value;

/// The path of a fixture file (`TRACKGEN_FIXTURES` names their folder).
pub fn fixture(name: &str) -> std::path::PathBuf {
    let dir = std::env::var("TRACKGEN_FIXTURES").expect("TRACKGEN_FIXTURES names the fixtures");
    std::path::Path::new(&dir).join(name)
}

/// A JSON fixture.
pub fn json(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// What a generated parser says about a value: its kind, pointer and message when it refuses it.
pub struct Refusal {
    /// The error kind (`wrong_type`).
    pub kind: String,
    /// The JSON pointer.
    pub pointer: String,
    /// The message.
    pub message: String,
}

/// Runs every line of the corpus `name` through `parse`, which returns the value as the parsed
/// type serialises it back (valid) or the refusal. Valid values must serialise back to the same
/// JSON (key order aside); refused ones must have the reference's kind and pointer. Stops at the
/// first disagreement; returns `(valid, invalid)` counts.
pub fn check_corpus(
    name: &str,
    parse: impl Fn(&Value) -> Result<Value, Refusal>,
) -> (usize, usize) {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).expect("corpus readable");
    let (mut valid, mut invalid) = (0, 0);
    for (n, line) in text.lines().enumerate() {
        let case: Value = serde_json::from_str(line).expect("corpus line is JSON");
        let value = &case["value"];
        let what = case["name"].as_str().unwrap_or("?");
        let here = format!("{}:{}: {what}\n  value: {value}", path.display(), n + 1);
        match (parse(value), case["valid"] == Value::Bool(true)) {
            (Ok(back), true) => {
                assert_eq!(&back, value, "{here}\n  serialising it back differs");
                valid += 1;
            }
            (Err(e), false) => {
                let kind = case["error"]["kind"].as_str().expect("error kind");
                let pointer = case["error"]["pointer"].as_str().expect("error pointer");
                assert!(
                    e.kind == kind && e.pointer == pointer,
                    "{here}\n  expected {kind} at {pointer:?}\n  got      {} at {:?}: {}",
                    e.kind,
                    e.pointer,
                    e.message
                );
                assert!(e.message.starts_with(pointer), "{here}\n  {}", e.message);
                invalid += 1;
            }
            (Ok(_), false) => panic!("{here}\n  expected {}, got valid", case["error"]),
            (Err(e), true) => panic!(
                "{here}\n  expected valid, got {} at {:?}: {}",
                e.kind, e.pointer, e.message
            ),
        }
    }
    assert!(valid > 0 && invalid > 0, "corpus {name} is one-sided");
    println!(
        "{name}: {} lines agreed ({valid} valid, {invalid} invalid)",
        valid + invalid
    );
    (valid, invalid)
}
