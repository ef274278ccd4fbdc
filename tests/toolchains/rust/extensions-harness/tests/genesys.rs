//! spec/genesys-webchat.md: eight events made of included data groups, integer units, an
//! `array/boolean` union, and the `interaction` lifecycle with its four documented sequences.

use extensions_harness::{check_corpus, json, Refusal};
use genesys_webchat_tracker::*;
use serde_json::{json, Value};

fn refusal(e: ParseError) -> Refusal {
    Refusal {
        kind: e.kind.as_str().to_owned(),
        pointer: e.pointer.clone(),
        message: e.message,
    }
}

fn state(name: &str) -> InteractionState {
    InteractionState::parse(name).unwrap_or_else(|| panic!("{name} is a state"))
}

#[test]
fn every_corpus_line_agrees_with_the_reference() {
    check_corpus("genesys.jsonl", |value| {
        let event = parse_envelope(value).map_err(refusal)?;
        let via_serde: GenesysWebchatEvent =
            serde_json::from_value(value.clone()).expect("serde agrees");
        assert_eq!(via_serde, event);
        Ok(event.to_envelope())
    });
}

#[test]
fn a_valid_envelope_per_event_parses_and_is_sent_back_unchanged() {
    let envelopes = json("genesys-events.json");
    let envelopes = envelopes.as_array().expect("an array of envelopes");
    assert_eq!(envelopes.len(), 8);
    let tracker = Tracker::new(RecordingSink::new());
    for envelope in envelopes {
        let event = parse_envelope(envelope).unwrap_or_else(|e| panic!("{e}: {envelope}"));
        assert_eq!(event.name(), envelope["event"]);
        tracker.track(event);
    }
    assert_eq!(&tracker.sink().take(), envelopes);
}

#[test]
fn groups_units_and_unions() {
    let envelope = &json("genesys-events.json")[0];
    let GenesysWebchatEvent::Ready(ready) = parse_envelope(envelope).unwrap() else {
        panic!("the first event is ready")
    };
    assert_eq!(ready.metadata_session.id, envelope["properties"]["id"]);
    let with = |key: &str, value: Value| {
        let mut e = envelope.clone();
        e["properties"][key] = value;
        parse_envelope(&e).map_err(|e| (e.kind, e.pointer))
    };
    assert!(with("filesUploaded", json!(3.0)).is_ok());
    assert_eq!(
        with("filesUploaded", json!(1.5)),
        Err((ErrorKind::WrongType, "/properties/filesUploaded".to_owned()))
    );
    assert_eq!(
        with("opened", json!("2024-05-01")),
        Err((ErrorKind::WrongType, "/properties/opened".to_owned()))
    );
    assert!(with("errors", json!(false)).is_ok());
    assert!(with("errors", json!(["E1", 2])).is_ok());
    assert_eq!(
        with("errors", json!("none")),
        Err((ErrorKind::WrongType, "/properties/errors".to_owned()))
    );
    assert_eq!(
        with("coBrowselnitiated", json!(0)),
        Err((
            ErrorKind::WrongType,
            "/properties/coBrowselnitiated".to_owned()
        ))
    );
    let mut e = envelope.clone();
    e["properties"].as_object_mut().unwrap().remove("form");
    assert_eq!(
        parse_envelope(&e).map_err(|e| (e.kind, e.pointer)),
        Err((ErrorKind::MissingProperty, "/properties/form".to_owned()))
    );
}

#[test]
fn every_documented_sequence_is_accepted() {
    let sequences = json("genesys-sequences.json");
    let sequences = sequences.as_array().expect("an array of sequences");
    assert_eq!(sequences.len(), 4);
    for sequence in sequences {
        let mut lifecycle = InteractionLifecycle::new();
        assert_eq!(lifecycle.state(), None);
        for name in sequence.as_array().unwrap() {
            let next = state(name.as_str().unwrap());
            lifecycle
                .advance(next)
                .unwrap_or_else(|e| panic!("{sequence}: {e}"));
            assert_eq!(lifecycle.state(), Some(next));
        }
        assert!(
            lifecycle.is_terminal(),
            "{sequence} ends in a terminal state"
        );
    }
}

#[test]
fn a_wrong_transition_is_refused_naming_it() {
    let mut lifecycle = InteractionLifecycle::new();
    lifecycle.advance(InteractionState::Ready).unwrap();
    let e = lifecycle.advance(InteractionState::Completed).unwrap_err();
    assert_eq!(e.from, Some(InteractionState::Ready));
    assert_eq!(e.to, InteractionState::Completed);
    assert_eq!(e.allowed, [InteractionState::Opened]);
    assert_eq!(
        e.to_string(),
        r#""ready" -> "completed" is not allowed; from "ready": "opened""#
    );
    assert_eq!(
        lifecycle.state(),
        Some(InteractionState::Ready),
        "unchanged"
    );
    lifecycle.advance(InteractionState::Opened).unwrap();
    let e = lifecycle.advance(InteractionState::Completed).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#""opened" -> "completed" is not allowed; from "opened": "cancelled", "submitted""#
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("\"opened\" -> \"completed\""));

    let e = InteractionLifecycle::new()
        .advance(InteractionState::Opened)
        .unwrap_err();
    assert_eq!(e.from, None);
    assert_eq!(
        e.to_string(),
        r#""opened" cannot come first; a sequence starts with: "ready""#
    );

    let mut lifecycle = InteractionLifecycle::new();
    for s in ["ready", "opened", "submitted", "rejected"] {
        lifecycle.advance(state(s)).unwrap();
    }
    assert!(lifecycle.is_terminal());
    assert!(lifecycle.allowed().is_empty());
    let e = lifecycle.advance(InteractionState::Closed).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#""rejected" -> "closed" is not allowed; nothing may follow "rejected""#
    );
}

#[test]
fn lifecycle_constants_and_states() {
    assert_eq!(InteractionLifecycle::STATES.len(), 8);
    assert_eq!(InteractionLifecycle::STATES, InteractionState::ALL);
    assert_eq!(InteractionLifecycle::INITIAL, [InteractionState::Ready]);
    assert_eq!(
        InteractionLifecycle::TERMINAL,
        [InteractionState::Closed, InteractionState::Rejected]
    );
    assert_eq!(InteractionLifecycle::TRANSITIONS.len(), 9);
    assert!(InteractionLifecycle::TRANSITIONS
        .contains(&(InteractionState::Started, InteractionState::Cancelled)));
    assert_eq!(InteractionState::Submitted.as_str(), "submitted");
    assert_eq!(InteractionState::Submitted.to_string(), "submitted");
    assert_eq!(InteractionState::parse("Submitted"), None);
    assert_eq!(InteractionLifecycle::default(), InteractionLifecycle::new());
    let mut started = InteractionLifecycle::new();
    for s in ["ready", "opened", "submitted", "started"] {
        started.advance(state(s)).unwrap();
    }
    assert!(!started.is_terminal());
    assert_eq!(
        started.allowed(),
        [InteractionState::Cancelled, InteractionState::Completed]
    );
}
