//! spec/segment-live-chat.md: envelope fields (`userId`, `action?`), event names with spaces,
//! `*` rows, examples that are whole envelopes.

use std::collections::BTreeMap;

use extensions_harness::{check_corpus, json, Refusal};
use segment_live_chat_tracker::*;
use serde_json::{json, Value};

fn refusal(e: ParseError) -> Refusal {
    Refusal {
        kind: e.kind.as_str().to_owned(),
        pointer: e.pointer.clone(),
        message: e.message,
    }
}

fn error(envelope: &Value) -> (ErrorKind, String) {
    let e = parse_envelope(envelope).expect_err("should be refused");
    (e.kind, e.pointer)
}

#[test]
fn every_corpus_line_agrees_with_the_reference() {
    check_corpus("segment.jsonl", |value| {
        let envelope = parse_envelope(value).map_err(refusal)?;
        let via_serde: Envelope = serde_json::from_value(value.clone()).expect("serde agrees");
        assert_eq!(via_serde, envelope);
        assert_eq!(
            serde_json::to_value(&envelope).unwrap(),
            envelope.to_value()
        );
        Ok(envelope.to_value())
    });
}

#[test]
fn the_spec_examples_are_valid_envelopes() {
    let examples = json("segment-examples.json");
    let examples = examples.as_array().expect("an array of envelopes");
    assert_eq!(examples.len(), 4);
    for example in examples {
        let envelope = parse_envelope(example).unwrap_or_else(|e| panic!("{e}: {example}"));
        assert_eq!(envelope.fields.user_id, "019mr8mf4r");
        assert_eq!(envelope.fields.action, Some(Action::Track));
        assert_eq!(envelope.event.name(), example["event"]);
        let properties = envelope.event.to_properties();
        // `message_body` is not in the tables: the `*` row keeps it.
        assert_eq!(
            properties["message_body"],
            example["properties"]["message_body"]
        );
        assert_eq!(&envelope.to_value(), example);
    }
    let first = parse_envelope(&examples[0]).unwrap();
    let SegmentLiveChatEvent::LiveChatConversationStarted(started) = first.event else {
        panic!("{:?}", first.event)
    };
    assert_eq!(started.agent_name.as_deref(), Some("Peter Gibbons"));
    assert_eq!(started.conversation_duration, Some(0.into()));
    assert_eq!(
        started.additional.keys().collect::<Vec<_>>(),
        ["message_body"]
    );
}

#[test]
fn the_tracker_writes_the_envelope_fields_into_every_envelope() {
    let fields = EnvelopeFields {
        user_id: "u-42".to_owned(),
        action: Some(Action::Track),
    };
    let tracker = Tracker::new(RecordingSink::new(), fields.clone());
    assert_eq!(tracker.fields(), &fields);
    let mut additional = BTreeMap::new();
    additional.insert("message_body".to_owned(), json!("Hello"));
    let sent_event = LiveChatMessageSent {
        agent_id: Some("a1".to_owned()),
        conversation_duration: Some(12.into()),
        additional,
        ..LiveChatMessageSent::default()
    };
    tracker.live_chat_message_sent(sent_event.clone());
    tracker.track(LiveChatConversationEnded::default().into());
    let sent = tracker.sink().take();
    assert_eq!(
        sent[0],
        json!({
            "userId": "u-42",
            "action": "track",
            "event": "Live Chat Message Sent",
            "properties": {"agent_id": "a1", "conversation_duration": 12, "message_body": "Hello"}
        })
    );
    assert_eq!(
        sent[1],
        json!({"userId": "u-42", "action": "track", "event": "Live Chat Conversation Ended", "properties": {}})
    );
    let keys: Vec<&String> = sent[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["userId", "action", "event", "properties"]);
    assert_eq!(
        parse_envelope(&sent[0]).unwrap(),
        Envelope {
            fields: fields.clone(),
            event: sent_event.into(),
        }
    );
    // `action` is optional: absent, never null.
    let tracker = Tracker::new(
        RecordingSink::new(),
        EnvelopeFields {
            user_id: "u".to_owned(),
            action: None,
        },
    );
    tracker.live_chat_message_received(LiveChatMessageReceived::default());
    let sent = tracker.sink().take();
    assert!(sent[0].get("action").is_none(), "{}", sent[0]);
    assert!(parse_envelope(&sent[0]).is_ok());
}

#[test]
fn envelope_fields_are_checked_first_in_table_order() {
    let valid = json!({
        "userId": "u", "action": "track", "event": "Live Chat Message Sent", "properties": {}
    });
    assert!(parse_envelope(&valid).is_ok());
    let with = |key: &str, value: Value| {
        let mut envelope = valid.clone();
        envelope[key] = value;
        envelope
    };
    let without = |key: &str| {
        let mut envelope = valid.clone();
        envelope.as_object_mut().unwrap().remove(key);
        envelope
    };
    assert_eq!(
        error(&without("userId")),
        (ErrorKind::MissingProperty, "/userId".into())
    );
    assert!(parse_envelope(&without("action")).is_ok());
    assert_eq!(
        error(&with("action", json!("identify"))),
        (ErrorKind::NotInEnum, "/action".into())
    );
    assert_eq!(
        error(&with("userId", json!(5))),
        (ErrorKind::WrongType, "/userId".into())
    );
    assert_eq!(
        error(&with("userId", Value::Null)),
        (ErrorKind::WrongType, "/userId".into())
    );
    assert_eq!(
        error(&with("context", json!({}))),
        (ErrorKind::UnknownProperty, "/context".into())
    );
    // Before `event` is looked at, after `event` and `properties` are present.
    let mut envelope = without("userId");
    envelope["event"] = json!(5);
    assert_eq!(
        error(&envelope),
        (ErrorKind::MissingProperty, "/userId".into())
    );
    envelope.as_object_mut().unwrap().remove("properties");
    assert_eq!(
        error(&envelope),
        (ErrorKind::MissingProperty, "/properties".into())
    );
    assert_eq!(
        error(&with("event", json!("live chat message sent"))),
        (ErrorKind::UnknownEvent, "/event".into())
    );
    let mut envelope = valid.clone();
    envelope["properties"]["message_body"] = Value::Null;
    assert_eq!(
        error(&envelope),
        (ErrorKind::WrongType, "/properties/message_body".into())
    );
    envelope["properties"]["message_body"] = json!([1, {"a": null}]);
    let parsed = parse_envelope(&envelope).unwrap();
    assert_eq!(parsed.to_value(), envelope);
}
