//! The generated tracker and types, driven through an in-memory sink.

use std::sync::Arc;

use onlive_tracker::*;
use serde_json::{json, Map, Number, Value};

fn click() -> ElementClick {
    ElementClick {
        form: FormGroup {
            form_name: Some("signup".to_owned()),
            form_data: Map::new(),
            form_error: None,
            step_name: None,
            step_number: Some(Number::from(2)),
            step_initial: None,
            step_final: Some(true),
            step_group_name: None,
            step_group_number: Number::from_f64(1.5),
        },
        element: ElementGroup {
            element_label: "submit".to_owned(),
            element_type: ElementType::Button,
            element_data: Map::new(),
        },
        room: RoomGroup {
            room_id: Some("123E4567-E89B-12D3-A456-426614174000".to_owned()),
            room_group_id: None,
            room_data: Map::new(),
        },
        organization: OrganizationGroup::default(),
        session: SessionGroup::default(),
        preference: PreferenceGroup::default(),
        origin: OriginGroup {
            utm_source: None,
            utm_medium: None,
            utm_campaign: None,
            utm_term: None,
            utm_content: None,
            page_url: None,
            page_referrer: None,
            origin_medium: OriginMedium::Web,
            origin_source: OriginSource::Google,
            origin_custom_1: None,
            origin_custom_2: None,
            origin_custom_3: None,
        },
        widget: WidgetGroup::default(),
        service: ServiceGroup::default(),
        extra: ExtraGroup {
            extra: json!({ "car": { "model": "cupra", "year": 2025 } })
                .as_object()
                .cloned()
                .unwrap(),
        },
        tracker: TrackerGroup::default(),
    }
}

#[test]
fn a_typed_method_sends_one_envelope_with_tracker_fields_filled() {
    let tracker = Tracker::new(RecordingSink::new());
    tracker.element_click(click());
    let sent = tracker.sink().envelopes();
    assert_eq!(sent.len(), 1);
    let envelope = &sent[0];
    assert_eq!(envelope["event"], "element_click");
    let properties = envelope["properties"].as_object().unwrap();
    assert_eq!(properties["tracker_name"], "onlive-tracker-rust");
    assert_eq!(properties["tracker_version"], "0.1.0");
    assert_eq!(TRACKER_NAME, "onlive-tracker-rust");
    assert_eq!(properties["element_type"], "button");
    assert_eq!(properties["extra"]["car"]["year"], 2025);
    // Optional means absent, never null.
    assert!(!properties.contains_key("form_error"));
    assert!(properties.values().all(|v| !v.is_null()));
    // Numbers keep their JSON spelling: 2 stays 2, 1.5 stays 1.5.
    assert_eq!(properties["step_number"].to_string(), "2");
    assert_eq!(properties["step_group_number"].to_string(), "1.5");
    // Keys in table order (form first, tracker last).
    let keys: Vec<&String> = properties.keys().collect();
    assert_eq!(keys.first().map(|k| k.as_str()), Some("form_name"));
    assert_eq!(keys.last().map(|k| k.as_str()), Some("tracker_version"));
    // What was sent parses back to the event, tracker fields included.
    let mut expected = click();
    expected.tracker = TrackerGroup {
        tracker_name: Some("onlive-tracker-rust".to_owned()),
        tracker_version: Some("0.1.0".to_owned()),
    };
    assert_eq!(
        parse_envelope(envelope).unwrap(),
        OnliveEvent::ElementClick(expected)
    );
}

#[test]
fn tracker_name_and_version_come_from_the_tracker_unless_set() {
    let tracker = Tracker::new(RecordingSink::new()).with_tracker("web-app", "9.9.9");
    tracker.element_click(click());
    let mut own = click();
    own.tracker.tracker_name = Some("mine".to_owned());
    tracker.track(OnliveEvent::ElementClick(own));
    let sent = tracker.sink().take();
    assert!(
        tracker.sink().envelopes().is_empty(),
        "take empties the sink"
    );
    assert_eq!(sent[0]["properties"]["tracker_name"], "web-app");
    assert_eq!(sent[0]["properties"]["tracker_version"], "9.9.9");
    assert_eq!(sent[1]["properties"]["tracker_name"], "mine");
    assert_eq!(sent[1]["properties"]["tracker_version"], "9.9.9");
}

#[test]
fn round_trip_of_every_event_kind() {
    let event = OnliveEvent::from(click());
    assert_eq!(event.name(), "element_click");
    assert_eq!(event.name(), ElementClick::NAME);
    let envelope = event.to_envelope();
    assert_eq!(parse_envelope(&envelope).unwrap(), event);
    assert_eq!(serde_json::to_value(&event).unwrap(), envelope);
    assert_eq!(
        serde_json::from_value::<OnliveEvent>(envelope.clone()).unwrap(),
        event
    );
    // Per-event parsing of a bare properties object, three ways.
    let properties = click().to_properties();
    assert_eq!(ElementClick::from_properties(&properties).unwrap(), click());
    assert_eq!(ElementClick::try_from(&properties).unwrap(), click());
    assert_eq!(
        serde_json::from_value::<ElementClick>(Value::Object(properties.clone())).unwrap(),
        click()
    );
    assert_eq!(
        serde_json::to_value(click()).unwrap(),
        Value::Object(properties)
    );
}

#[test]
fn strict_parsing_reports_kind_and_pointer() {
    let mut properties = click().to_properties();
    properties.insert("a/b~c".to_owned(), json!(1));
    let e = ElementClick::from_properties(&properties).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownProperty);
    assert_eq!(e.pointer, "/properties/a~1b~0c");
    assert_eq!(e.kind.to_string(), "unknown_property");

    let mut properties = click().to_properties();
    properties.insert("element_type".to_owned(), json!("Button"));
    let e = ElementClick::from_properties(&properties).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotInEnum);
    assert_eq!(e.pointer, "/properties/element_type");
    assert!(
        e.to_string()
            .contains("\"Button\" is not one of \"input\", \"button\""),
        "{e}"
    );
    assert!(e.to_string().contains("(element_type)"), "{e}");
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().starts_with("/properties/element_type: "));

    let mut properties = click().to_properties();
    properties.insert("room_id".to_owned(), json!("not-a-uuid"));
    let e = ElementClick::from_properties(&properties).unwrap_err();
    assert_eq!(
        (e.kind, e.pointer.as_str()),
        (ErrorKind::InvalidFormat, "/properties/room_id")
    );

    let mut properties = click().to_properties();
    properties.remove("form_data");
    let e = ElementClick::from_properties(&properties).unwrap_err();
    assert_eq!(
        (e.kind, e.pointer.as_str()),
        (ErrorKind::MissingProperty, "/properties/form_data")
    );

    let e = serde_json::from_value::<ElementClick>(json!({ "form_name": null })).unwrap_err();
    assert!(e.to_string().contains("/properties/form_name"), "{e}");
}

#[test]
fn sinks_share_and_drop() {
    let sink = RecordingSink::new();
    Tracker::new(&sink).element_click(click());
    Tracker::new(&sink).track(click().into());
    assert_eq!(sink.envelopes().len(), 2);

    let shared = Arc::new(RecordingSink::default());
    let a = Tracker::new(Arc::clone(&shared));
    let b = Tracker::new(Arc::clone(&shared) as Arc<dyn Sink + Send + Sync>);
    let worker = std::thread::spawn(move || a.element_click(click()));
    worker.join().unwrap();
    b.element_click(click());
    assert_eq!(shared.envelopes().len(), 2);

    let boxed: Box<dyn Sink> = Box::new(NoopSink);
    Tracker::new(boxed).element_click(click());
    Tracker::new(NoopSink).element_click(click());
}

#[test]
fn enums_convert_both_ways() {
    assert_eq!(ElementType::ALL.len(), 13);
    assert_eq!(ElementType::VALUES[1], "button");
    assert_eq!(ElementType::Button.as_str(), "button");
    assert_eq!(ElementType::Button.to_string(), "button");
    assert_eq!(ElementType::parse("button"), Some(ElementType::Button));
    assert_eq!(ElementType::parse("Button"), None);
    assert_eq!(ElementType::parse(" button"), None);
    assert_eq!(
        "textarea".parse::<ElementType>().unwrap(),
        ElementType::Textarea
    );
    let e = "Textarea".parse::<ElementType>().unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotInEnum);
    assert_eq!(
        serde_json::to_value(OriginSource::Linkedin).unwrap(),
        json!("linkedin")
    );
    assert_eq!(
        serde_json::from_value::<EventType>(json!("one_to_many")).unwrap(),
        EventType::OneToMany
    );
    assert!(serde_json::from_value::<EventType>(json!("one-to-many")).is_err());
    for (value, text) in ElementType::ALL.iter().zip(ElementType::VALUES) {
        assert_eq!(value.as_str(), text);
    }
}

#[test]
fn formats_match_the_contract_regexes() {
    let yes = [
        (Format::Uuid, "123e4567-e89b-12d3-a456-426614174000"),
        (Format::Uuid, "123E4567-E89B-12D3-A456-426614174000"),
        (Format::DateTime, "2024-05-01T12:00:00Z"),
        (Format::DateTime, "2024-05-01t12:00:00.123456+02:00"),
        (Format::DateTime, "2024-05-01T12:00:00-05:30"),
        (Format::DateTime, "2024-05-01T12:00:00z"),
        (Format::Date, "2024-05-01"),
        (Format::Email, "a@example.com"),
        (Format::Email, "a.b+c@d"),
        // Only ASCII white space counts (the contract's rule), not U+00A0, U+0085 or U+FEFF.
        (Format::Email, "a@b\u{a0}c"),
        (Format::Email, "a@b\u{85}\u{feff}"),
        (Format::Uri, "x:\u{2028}"),
        (Format::Uri, "https://example.com/x?y#z"),
        (Format::Uri, "mailto:a@b"),
        (Format::Uri, "urn:"),
        (Format::Uri, "a+b.c-d:x"),
    ];
    let no = [
        (Format::Uuid, "123e4567e89b12d3a456426614174000"),
        (Format::Uuid, "{123e4567-e89b-12d3-a456-426614174000}"),
        (Format::Uuid, "123e4567-e89b-12d3-a456-42661417400g"),
        (Format::Uuid, "123e4567-e89b-12d3-a456-426614174000\n"),
        (Format::DateTime, "2024-05-01 12:00:00Z"),
        (Format::DateTime, "2024-05-01T12:00:00"),
        (Format::DateTime, "2024-05-01T12:00:00.Z"),
        (Format::DateTime, "2024-05-01T12:00Z"),
        (Format::DateTime, "2024-05-01T12:00:00+0200"),
        (Format::DateTime, "2024-05-01T12:00:00Z\n"),
        (Format::DateTime, "٢٠٢٤-05-01T12:00:00Z"),
        (Format::Date, "2024-5-01"),
        (Format::Date, "2024-05-01T00:00:00Z"),
        (Format::Email, "a@b@c"),
        (Format::Email, "a b@c"),
        (Format::Email, "@b"),
        (Format::Email, "a@"),
        (Format::Email, "a@b\u{b}c"),
        (Format::Email, "a@b\u{c}c"),
        (Format::Uri, "1http://x"),
        (Format::Uri, "http://a b"),
        (Format::Uri, ":x"),
        (Format::Uri, "no-colon"),
        (Format::Uri, "ht_tp://x"),
    ];
    for (f, s) in yes {
        assert!(f.matches(s), "{} should accept {s:?}", f.as_str());
    }
    for (f, s) in no {
        assert!(!f.matches(s), "{} should reject {s:?}", f.as_str());
    }
}

#[test]
fn wire_types_check_like_the_contract() {
    let ok = |t: WireType, v: Value| t.check(&v, "/p", "p").map_err(|e| e.kind);
    assert_eq!(ok(WireType::Integer, json!(3)), Ok(()));
    assert_eq!(ok(WireType::Integer, json!(3.0)), Ok(()));
    assert_eq!(ok(WireType::Integer, json!(3.5)), Err(ErrorKind::WrongType));
    // The contract's integers end at 2^53 - 1 (RFC 7493), however written.
    assert_eq!(
        ok(WireType::Integer, json!(9_007_199_254_740_991_i64)),
        Ok(())
    );
    assert_eq!(
        ok(WireType::Integer, json!(-9_007_199_254_740_991_i64)),
        Ok(())
    );
    assert_eq!(
        ok(WireType::Integer, json!(9_007_199_254_740_991.0)),
        Ok(())
    );
    let beyond = [
        json!(9_007_199_254_740_992_i64),
        json!(-9_007_199_254_740_992_i64),
        json!(9_007_199_254_740_992.0),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1e300),
    ];
    for v in beyond {
        assert_eq!(ok(WireType::Integer, v), Err(ErrorKind::WrongType));
    }
    assert_eq!(ok(WireType::Number, json!(true)), Err(ErrorKind::WrongType));
    assert_eq!(ok(WireType::Boolean, json!(1)), Err(ErrorKind::WrongType));
    assert_eq!(ok(WireType::Any, json!(null)), Err(ErrorKind::WrongType));
    assert_eq!(ok(WireType::Any, json!([])), Ok(()));
    assert_eq!(ok(WireType::Object, json!([])), Err(ErrorKind::WrongType));
    let union = WireType::Union(&[WireType::String, WireType::Number]);
    assert_eq!(ok(union, json!("x")), Ok(()));
    assert_eq!(ok(union, json!(1)), Ok(()));
    assert_eq!(ok(union, json!(false)), Err(ErrorKind::WrongType));
    let uuids = WireType::Array(&WireType::Formatted(Format::Uuid));
    let e = uuids
        .check(
            &json!(["123e4567-e89b-12d3-a456-426614174000", "x"]),
            "/properties/ids",
            "ids",
        )
        .unwrap_err();
    assert_eq!(
        (e.kind, e.pointer.as_str()),
        (ErrorKind::InvalidFormat, "/properties/ids/1")
    );
    assert_eq!(uuids.describe(), "an array of a uuid string");
}
