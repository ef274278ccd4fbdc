//! Every type of the grammar through the generated parser and serialiser.

use all_types_tracker::*;
use serde_json::{json, Value};

fn full() -> Value {
    json!({
        "event": "everything",
        "properties": {
            "s": "a", "s_opt": "b",
            "id": "123e4567-e89b-12d3-a456-426614174000", "id_opt": "123E4567-E89B-12D3-A456-426614174000",
            "when": "2024-05-01T12:00:00.5+02:00", "day": "2024-05-01", "mail": "a@example.com",
            "link": "https://example.com", "kind": "beta gamma", "kind_opt": "y",
            "n": 2, "n_opt": 1.5, "i": 3, "ts": 1642604343456_i64, "dur": 350,
            "b": false, "b_opt": true, "o": {"k": [1, null]}, "o_opt": {},
            "tags": ["x", "y"], "objs": [{}], "counts": [1, -2], "kinds": ["Delta", "alpha"],
            "anything": [1, "x", [], {}], "either": "x", "isAgent": true, "__v": 0,
            "user-id": "u1", "extra": {"deep": {"a": 1}}
        }
    })
}

fn error(envelope: &Value) -> (ErrorKind, String) {
    let e = parse_envelope(envelope).expect_err("should be rejected");
    assert!(e.message.starts_with(&e.pointer), "{}", e.message);
    (e.kind, e.pointer)
}

fn with(key: &str, value: Value) -> Value {
    let mut envelope = full();
    envelope["properties"][key] = value;
    envelope
}

#[test]
fn every_type_round_trips() {
    let envelope = full();
    let event = parse_envelope(&envelope).unwrap();
    assert_eq!(event.to_envelope(), envelope);
    let AllTypesEvent::Everything(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.kind, Kind::BetaGamma);
    assert_eq!(e.kinds, Some(vec![Kinds::Delta, Kinds::Alpha]));
    assert_eq!(e.i, 3);
    assert_eq!(e.ts, Some(1_642_604_343_456));
    assert_eq!(e.n.to_string(), "2");
    assert_eq!(e._v.as_ref().map(ToString::to_string).as_deref(), Some("0"));
    assert_eq!(e.is_agent, Some(true));
    assert_eq!(e.user_id.as_deref(), Some("u1"));
    assert_eq!(e.either, Some(json!("x")));
    assert_eq!(e.extra.extra["deep"]["a"], 1);
}

#[test]
fn integers_accept_a_zero_fraction_and_nothing_else() {
    let event = parse_envelope(&with("i", json!(3.0))).unwrap();
    let AllTypesEvent::Everything(e) = &event else {
        panic!()
    };
    assert_eq!(e.i, 3);
    assert_eq!(event.to_properties()["i"], json!(3));
    assert_eq!(
        error(&with("i", json!(3.5))),
        (ErrorKind::WrongType, "/properties/i".into())
    );
    assert_eq!(
        error(&with("i", json!("3"))),
        (ErrorKind::WrongType, "/properties/i".into())
    );
    // Beyond the contract's 2^53 - 1: refused by the check, never wrapped into an i64.
    assert_eq!(
        error(&with("i", json!(u64::MAX))),
        (ErrorKind::WrongType, "/properties/i".into())
    );
    assert_eq!(
        error(&with("i", json!(9_007_199_254_740_992_i64))),
        (ErrorKind::WrongType, "/properties/i".into())
    );
    assert_eq!(
        error(&with("counts", json!([1, 2.5]))),
        (ErrorKind::WrongType, "/properties/counts/1".into())
    );
}

#[test]
fn array_items_union_and_formats_report_their_pointer() {
    let cases = [
        (
            "kinds",
            json!(["alpha", "x"]),
            ErrorKind::NotInEnum,
            "/properties/kinds/1",
        ),
        (
            "kinds",
            json!("alpha"),
            ErrorKind::WrongType,
            "/properties/kinds",
        ),
        (
            "tags",
            json!(["x", null]),
            ErrorKind::WrongType,
            "/properties/tags/1",
        ),
        (
            "anything",
            json!([1, null]),
            ErrorKind::WrongType,
            "/properties/anything/1",
        ),
        (
            "either",
            json!(true),
            ErrorKind::WrongType,
            "/properties/either",
        ),
        (
            "either",
            json!(null),
            ErrorKind::WrongType,
            "/properties/either",
        ),
        (
            "when",
            json!("2024-05-01"),
            ErrorKind::InvalidFormat,
            "/properties/when",
        ),
        (
            "day",
            json!("2024-05-01T00:00:00Z"),
            ErrorKind::InvalidFormat,
            "/properties/day",
        ),
        (
            "mail",
            json!("a@b@c"),
            ErrorKind::InvalidFormat,
            "/properties/mail",
        ),
        (
            "link",
            json!("example.com"),
            ErrorKind::InvalidFormat,
            "/properties/link",
        ),
        ("n", json!(true), ErrorKind::WrongType, "/properties/n"),
        ("b", json!(0), ErrorKind::WrongType, "/properties/b"),
        ("o", json!([]), ErrorKind::WrongType, "/properties/o"),
        (
            "kind",
            json!("Alpha"),
            ErrorKind::NotInEnum,
            "/properties/kind",
        ),
        ("kind", json!(1), ErrorKind::WrongType, "/properties/kind"),
    ];
    for (key, value, kind, pointer) in cases {
        assert_eq!(
            error(&with(key, value.clone())),
            (kind, pointer.to_owned()),
            "{key}: {value}"
        );
    }
    assert!(parse_envelope(&with("either", json!(1.5))).is_ok());
}

#[test]
fn the_first_fault_in_table_order_wins() {
    let mut envelope = with("b", json!("no"));
    envelope["properties"]["s"] = json!(1);
    envelope["properties"]["zzz"] = json!(1);
    assert_eq!(
        error(&envelope),
        (ErrorKind::WrongType, "/properties/s".into())
    );
    envelope["properties"]["s"] = json!("ok");
    assert_eq!(
        error(&envelope),
        (ErrorKind::WrongType, "/properties/b".into())
    );
    envelope["properties"]["b"] = json!(true);
    assert_eq!(
        error(&envelope),
        (ErrorKind::UnknownProperty, "/properties/zzz".into())
    );
    let mut envelope = full();
    envelope["properties"].as_object_mut().unwrap().remove("s");
    assert_eq!(
        error(&envelope),
        (ErrorKind::MissingProperty, "/properties/s".into())
    );
}

#[test]
fn events_without_own_properties() {
    let empty = json!({"event": "empty", "properties": {}});
    assert_eq!(
        parse_envelope(&empty).unwrap(),
        AllTypesEvent::Empty(Empty {})
    );
    assert_eq!(Empty::default().to_envelope(), empty);
    assert_eq!(
        error(&json!({"event": "empty", "properties": {"x": 1}})),
        (ErrorKind::UnknownProperty, "/properties/x".into())
    );
    let only = json!({"event": "only_group", "properties": {"extra": {}}});
    let parsed = parse_envelope(&only).unwrap();
    assert_eq!(
        parsed,
        AllTypesEvent::OnlyGroup(OnlyGroup {
            extra: ExtraGroup {
                extra: Default::default()
            }
        })
    );
    assert_eq!(parsed.to_envelope(), only);

    let tracker = Tracker::new(RecordingSink::new());
    tracker.empty(Empty {});
    tracker.only_group(OnlyGroup {
        extra: ExtraGroup {
            extra: Default::default(),
        },
    });
    // No tracker_name / tracker_version in these events: nothing is added.
    assert_eq!(tracker.sink().envelopes(), vec![empty, only]);
}
