//! spec/enghouse-contact.md: no events, only object types: maps of object types, arrays of them,
//! unions, closed (prose) and open enums, `*` rows.

use enghouse_contact_tracker::*;
use extensions_harness::{check_corpus, json, Refusal};
use serde_json::{json, Map, Value};

fn refusal(e: ParseError) -> Refusal {
    Refusal {
        kind: e.kind.as_str().to_owned(),
        pointer: e.pointer.clone(),
        message: e.message,
    }
}

fn example() -> Value {
    json("enghouse-example.json")
}

fn error(contact: &Value) -> (ErrorKind, String) {
    let e = Contact::from_properties(contact.as_object().unwrap()).expect_err("should be refused");
    assert!(e.message.starts_with(&e.pointer), "{}", e.message);
    (e.kind, e.pointer)
}

const CUSTOMER: &str = "4747235938674011";

#[test]
fn every_corpus_line_agrees_with_the_reference() {
    check_corpus("enghouse.jsonl", |value| {
        let object = value.as_object().expect("the corpus holds objects");
        let contact = Contact::from_properties(object).map_err(refusal)?;
        let via_serde: Contact = serde_json::from_value(value.clone()).expect("serde agrees");
        assert_eq!(via_serde, contact);
        Ok(Value::Object(contact.to_properties()))
    });
}

#[test]
fn the_spec_example_deserialises_into_contact_and_back_to_equal_json() {
    let example = example();
    let contact: Contact = serde_json::from_value(example.clone()).expect("the example is valid");
    assert_eq!(serde_json::to_value(&contact).unwrap(), example);
    assert_eq!(Value::Object(contact.to_properties()), example);

    assert_eq!(contact._id, contact.id);
    assert_eq!(contact.ctlive_type, CtliveType::Chat);
    assert_eq!(contact.agent_id, None);
    assert_eq!(contact.begin_time.to_string(), "1642604342648.0");
    // `__v` is not in the table: the `*` row keeps it.
    assert_eq!(contact.additional.get("__v"), Some(&json!(0)));
    let customer = &contact.users[CUSTOMER];
    assert_eq!(customer.nickname, "Malcom Sgatti");
    assert_eq!(customer.channel, Channel::Instagram);
    assert_eq!(customer.additional.get("isAgent"), Some(&json!(false)));
    assert!(customer.uri_history.is_empty());
    let agent = &contact.users["USER_gverde1@acd#_#enghouse#_#com"];
    assert_eq!(agent.additional.get("isAgent"), Some(&json!(true)));
    assert_eq!(agent.begin_time, json!(1642604351284.0));
    let events: Vec<&Event> = contact.contact_events.iter().map(|e| &e.event).collect();
    assert_eq!(
        events,
        [
            &Event::NewContactAccepted,
            &Event::Other("joinContact".to_owned()),
            &Event::Other("endByAgent".to_owned()),
        ]
    );
    assert_eq!(contact.call_data["ECID"], "felixct7|1|5039|15");
    assert_eq!(
        contact.data_collections.len(),
        2,
        "data collections stay free-form objects"
    );
}

#[test]
fn single_faults_have_the_expected_kind_and_pointer() {
    let with = |pointer: &str, value: Value| {
        let mut contact = example();
        *contact.pointer_mut(pointer).unwrap() = value;
        contact
    };
    assert_eq!(
        error(&with("/ctlive_type", json!("CHAT"))),
        (ErrorKind::NotInEnum, "/ctlive_type".into())
    );
    let at = format!("/users/{CUSTOMER}/isOnline");
    assert_eq!(error(&with(&at, json!("no"))), (ErrorKind::WrongType, at));
    let mut missing = example();
    missing.as_object_mut().unwrap().remove("id");
    assert_eq!(error(&missing), (ErrorKind::MissingProperty, "/id".into()));
    assert_eq!(
        error(&with("/contact_events/0/event", json!(5))),
        (ErrorKind::WrongType, "/contact_events/0/event".into())
    );
    let joined = with("/contact_events/0/event", json!("joinContact"));
    let contact = Contact::from_properties(joined.as_object().unwrap()).unwrap();
    assert_eq!(
        contact.contact_events[0].event,
        Event::Other("joinContact".to_owned())
    );
    let mut extra = example();
    extra["contact_events"][2]["extra"] = json!(1);
    assert_eq!(
        error(&extra),
        (ErrorKind::UnknownProperty, "/contact_events/2/extra".into())
    );
    let mut escaped = example();
    escaped["callData"]["a~b"] = json!(1);
    assert_eq!(
        error(&escaped),
        (ErrorKind::WrongType, "/callData/a~0b".into())
    );
    let mut escaped = example();
    escaped["users"]["a/b"] = json!({});
    assert_eq!(
        error(&escaped),
        (ErrorKind::MissingProperty, "/users/a~1b/id".into())
    );
    assert_eq!(
        error(&with(&format!("/users/{CUSTOMER}/beginTime"), json!(true))),
        (ErrorKind::WrongType, format!("/users/{CUSTOMER}/beginTime"))
    );
    assert_eq!(
        error(&with("/__v", Value::Null)),
        (ErrorKind::WrongType, "/__v".into())
    );
    assert_eq!(
        error(&with("/users", json!([]))),
        (ErrorKind::WrongType, "/users".into())
    );
    let user = &example()["users"][CUSTOMER];
    let e = User::from_properties_at(user.as_object().unwrap(), "/x").unwrap();
    assert_eq!(Value::Object(e.to_properties()), *user);
    let mut bad = user.clone();
    bad["channel"] = json!("fax");
    let e = User::from_properties_at(bad.as_object().unwrap(), "/x").unwrap_err();
    assert_eq!(
        (e.kind, e.pointer.as_str()),
        (ErrorKind::NotInEnum, "/x/channel")
    );
}

#[test]
fn open_enums_keep_known_values_and_accept_others() {
    assert_eq!(Event::VALUES, ["newContactAccepted", "clientError"]);
    assert_eq!(Event::ALL.len(), 2);
    assert_eq!(Event::parse("clientError"), Event::ClientError);
    assert_eq!(
        Event::parse("endByAgent"),
        Event::Other("endByAgent".to_owned())
    );
    assert!(Event::ClientError.is_known());
    assert!(!Event::from("x").is_known());
    assert_eq!("newContactAccepted".parse(), Ok(Event::NewContactAccepted));
    assert_eq!(Event::Other("x y".to_owned()).as_str(), "x y");
    assert_eq!(Event::ClientError.to_string(), "clientError");
    assert_eq!(
        serde_json::from_value::<Event>(json!("joinContact")).unwrap(),
        Event::Other("joinContact".to_owned())
    );
    assert!(serde_json::from_value::<Event>(json!(5)).is_err());
    assert_eq!(
        serde_json::to_value(Event::Other("z".to_owned())).unwrap(),
        json!("z")
    );
}

#[test]
fn object_types_check_through_wire_types() {
    let user = example()["users"][CUSTOMER].clone();
    let ty = WireType::Map(&WireType::Ref(&User::TYPE));
    assert_eq!(User::TYPE.name, "user");
    assert!(ty.check(&json!({ "a": user }), "/u", "users").is_ok());
    let e = ty
        .check(&json!({ "a": {"id": 1} }), "/u", "users")
        .unwrap_err();
    assert_eq!(
        (e.kind, e.pointer.as_str()),
        (ErrorKind::WrongType, "/u/a/id")
    );
    let union = WireType::Union(&[WireType::Ref(&ContactEvent::TYPE), WireType::Boolean]);
    assert!(union.check(&json!(true), "", "x").is_ok());
    let event = json!({"event": "e", "ts": 1, "origin": "o"});
    assert!(union.check(&event, "", "x").is_ok());
    assert_eq!(
        union
            .check(&json!({"event": "e"}), "/p", "x")
            .unwrap_err()
            .kind,
        ErrorKind::WrongType
    );
    assert_eq!(ty.describe(), "an object of a user object");
    let mut contact = Map::new();
    contact.insert("x".to_owned(), json!(1));
    assert!(Contact::try_from(&contact).is_err());
}
