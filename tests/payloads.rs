//! `trackgen::payload` (the reference definition of "valid", used by `trackgen validate` and the
//! lint) agrees with the corpus every generated parser is checked against: verdict, kind, pointer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;

#[test]
fn reference_validator_agrees_with_the_onlive_corpus() {
    let model = trackgen::load("spec/onlive.md").unwrap().model;
    let corpus = std::fs::read_to_string("tests/payloads/onlive.jsonl").unwrap();
    let mut n = 0;
    for (i, line) in corpus.lines().enumerate() {
        let case: Value = serde_json::from_str(line).unwrap();
        let got = trackgen::payload::validate_envelope(&model, &case["envelope"]);
        let name = case["name"].as_str().unwrap();
        match (&got, case["valid"].as_bool().unwrap()) {
            (Ok(_), true) => {}
            (Err(f), false) => {
                assert_eq!(
                    f.kind.as_str(),
                    case["error"]["kind"],
                    "line {}: {name}: {f:?}",
                    i + 1
                );
                assert_eq!(
                    f.pointer,
                    case["error"]["pointer"],
                    "line {}: {name}",
                    i + 1
                );
            }
            _ => panic!(
                "line {}: {name}: expected valid={}, got {got:?}",
                i + 1,
                case["valid"]
            ),
        }
        n += 1;
    }
    assert!(n > 1000, "{n} cases");
}
