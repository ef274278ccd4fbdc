//! Every line of the payload corpus (`TRACKGEN_PAYLOADS`, tests/payloads/onlive.jsonl): the
//! generated parser gives the expected verdict, and for invalid payloads the expected error kind
//! and JSON pointer. Valid payloads round-trip. Stops at the first disagreement and prints it.

use onlive_tracker::{parse_envelope, OnliveEvent};
use serde_json::Value;

#[test]
fn every_corpus_line_agrees() {
    let path = std::env::var("TRACKGEN_PAYLOADS").expect("TRACKGEN_PAYLOADS names the corpus");
    let text = std::fs::read_to_string(&path).expect("corpus readable");
    let (mut valid_lines, mut invalid_lines) = (0, 0);
    for (n, line) in text.lines().enumerate() {
        let case: Value = serde_json::from_str(line).expect("corpus line is JSON");
        let name = case["name"].as_str().unwrap_or("?");
        let envelope = &case["envelope"];
        let where_ = format!("{path}:{}: {name}\n  envelope: {envelope}", n + 1);
        let parsed = parse_envelope(envelope);
        if case["valid"] == Value::Bool(true) {
            let event = match parsed {
                Ok(event) => event,
                Err(e) => panic!(
                    "{where_}\n  expected valid, got {:?} at {:?}: {}",
                    e.kind.as_str(),
                    e.pointer,
                    e
                ),
            };
            // Serialising a parsed event gives back the same JSON (key order aside).
            assert_eq!(
                &event.to_envelope(),
                envelope,
                "{where_}\n  round trip differs"
            );
            assert_eq!(
                &serde_json::to_value(&event).unwrap(),
                envelope,
                "{where_}\n  serde differs"
            );
            let via_serde: OnliveEvent = serde_json::from_value(envelope.clone())
                .unwrap_or_else(|e| panic!("{where_}\n  serde rejects it: {e}"));
            assert_eq!(via_serde, event, "{where_}");
            let properties = envelope["properties"].as_object().unwrap();
            assert_eq!(&event.to_properties(), properties, "{where_}");
            valid_lines += 1;
        } else {
            let kind = case["error"]["kind"].as_str().expect("error kind");
            let pointer = case["error"]["pointer"].as_str().expect("error pointer");
            let e = match parsed {
                Ok(event) => panic!(
                    "{where_}\n  expected {kind} at {pointer:?}, got valid {}",
                    event.name()
                ),
                Err(e) => e,
            };
            assert!(
                e.kind.as_str() == kind && e.pointer == pointer,
                "{where_}\n  expected {kind} at {pointer:?}\n  got      {} at {:?}: {}",
                e.kind.as_str(),
                e.pointer,
                e.message
            );
            assert!(
                e.message.starts_with(pointer),
                "{where_}\n  message: {}",
                e.message
            );
            assert!(
                serde_json::from_value::<OnliveEvent>(envelope.clone()).is_err(),
                "{where_}\n  serde accepts it"
            );
            invalid_lines += 1;
        }
    }
    assert!(
        valid_lines > 0 && invalid_lines > 0,
        "corpus {path} is empty"
    );
    println!(
        "corpus: {} lines agreed ({valid_lines} valid, {invalid_lines} invalid)",
        valid_lines + invalid_lines
    );
}
