//! Model facts on the bundled spec and on the seed text it was made from.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use trackgen::model::{Origin, StringFormat, Type};

const SEED: &str = "../shared/seeds/000_99f308edc82d71d7.txt";

fn onlive() -> trackgen::Model {
    trackgen::load("spec/onlive.md").unwrap().model
}

fn without_positions(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| k != "line" && k != "column")
                .map(|(k, v)| (k, without_positions(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_positions).collect()),
        other => other,
    }
}

fn check_onlive_facts(m: &trackgen::Model) {
    assert_eq!(m.events.len(), 8);
    assert_eq!(m.groups.len(), 20);
    let count = |id: &str| m.event(id).unwrap().properties.len();
    let ec = m.event("element_click").unwrap();
    assert_eq!(ec.properties.len(), 44);
    assert_eq!(ec.properties.iter().filter(|p| !p.optional).count(), 8);
    assert_eq!(
        ec.groups,
        [
            "form",
            "element",
            "room",
            "organization",
            "session",
            "preference",
            "origin",
            "widget",
            "service",
            "extra",
            "tracker"
        ]
    );
    assert_eq!(count("form_error"), 38);
    assert_eq!(count("impression"), 46);
    assert_eq!(count("task_success"), 45);
    let enums: Vec<&str> = m.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        enums,
        [
            "element_type",
            "origin_medium",
            "origin_source",
            "event_type"
        ]
    );
}

#[test]
fn onlive_markdown_facts() {
    check_onlive_facts(&onlive());
}

#[test]
fn seed_text_gives_the_same_model() {
    let seed = match trackgen::load(SEED) {
        Ok(l) => l.model,
        Err(e) => panic!("{e}"),
    };
    check_onlive_facts(&seed);
    let md = onlive();
    for (a, b) in [
        (json!(md.events), json!(seed.events)),
        (json!(md.groups), json!(seed.groups)),
        (json!(md.enums), json!(seed.enums)),
    ] {
        assert_eq!(without_positions(a), without_positions(b));
    }
    assert_eq!(md.spec.title, seed.spec.title);
    assert_eq!(md.spec.description, seed.spec.description);
}

/// The type, optionality and origin of every property of one whole event.
#[test]
fn element_click_every_property() {
    let m = onlive();
    let ec = m.event("element_click").unwrap();
    let s = || Type::String { format: None };
    let uuid = || Type::String {
        format: Some(StringFormat::Uuid),
    };
    let e = |n: &str| Type::Enum { name: n.to_owned() };
    #[rustfmt::skip]
    let expected: Vec<(&str, Type, bool, &str)> = vec![
        ("form_name", s(), true, "form"), ("form_data", Type::Object, false, "form"),
        ("form_error", s(), true, "form"), ("step_name", s(), true, "form"),
        ("step_number", Type::Number, true, "form"), ("step_initial", Type::Boolean, true, "form"),
        ("step_final", Type::Boolean, true, "form"), ("step_group_name", s(), true, "form"),
        ("step_group_number", Type::Number, true, "form"),
        ("element_label", s(), false, "element"), ("element_type", e("element_type"), false, "element"),
        ("element_data", Type::Object, false, "element"),
        ("room_id", uuid(), true, "room"), ("room_group_id", uuid(), true, "room"),
        ("room_data", Type::Object, false, "room"),
        ("organization_id", uuid(), true, "organization"), ("organization_name", s(), true, "organization"),
        ("organization_demo", Type::Boolean, true, "organization"),
        ("guest_id", uuid(), true, "session"), ("interaction_id", uuid(), true, "session"),
        ("language", s(), true, "preference"), ("timezone", s(), true, "preference"),
        ("utm_source", s(), true, "origin"), ("utm_medium", s(), true, "origin"),
        ("utm_campaign", s(), true, "origin"), ("utm_term", s(), true, "origin"),
        ("utm_content", s(), true, "origin"), ("page_url", s(), true, "origin"),
        ("page_referrer", s(), true, "origin"), ("origin_medium", e("origin_medium"), false, "origin"),
        ("origin_source", e("origin_source"), false, "origin"), ("origin_custom_1", s(), true, "origin"),
        ("origin_custom_2", s(), true, "origin"), ("origin_custom_3", s(), true, "origin"),
        ("widget_id", uuid(), true, "widget"), ("widget_name", s(), true, "widget"),
        ("widget_type", s(), true, "widget"), ("widget_module", s(), true, "widget"),
        ("widget_version", s(), true, "widget"),
        ("service_name", s(), true, "service"), ("service_version", s(), true, "service"),
        ("extra", Type::Object, false, "extra"),
        ("tracker_name", s(), true, "tracker"), ("tracker_version", s(), true, "tracker"),
    ];
    assert_eq!(ec.properties.len(), expected.len());
    for (p, (name, ty, optional, group)) in ec.properties.iter().zip(expected) {
        assert_eq!(p.name, name);
        assert_eq!(p.ty, ty, "{name}");
        assert_eq!(p.optional, optional, "{name}");
        assert_eq!(p.origin, Origin::Group(group.to_owned()), "{name}");
    }
    let et = m.enum_def("element_type").unwrap();
    assert_eq!(et.values.len(), 13);
    assert_eq!(et.values.first().map(String::as_str), Some("input"));
    let el = ec
        .properties
        .iter()
        .find(|p| p.name == "element_label")
        .unwrap();
    assert_eq!(
        el.examples,
        [
            json!("submit"),
            json!("cancel"),
            json!("open chat"),
            json!("close chat")
        ]
    );
    assert_eq!((el.line, el.column), (22, 3));
}

#[test]
fn examples_are_kept_raw_and_parsed_when_they_parse() {
    let m = onlive();
    let parsed: Vec<&str> = m
        .events
        .iter()
        .filter(|e| e.example.as_ref().is_some_and(|x| x.parsed.is_some()))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(parsed, ["form_error", "form_interaction", "query_empty"]);
    assert!(
        m.events
            .iter()
            .all(|e| e.example.as_ref().is_some_and(|x| !x.raw.is_empty()))
    );
}

fn errors_of(src: &str) -> String {
    match trackgen::load_str("t.md", "t", src) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_tables_are_errors_with_line_and_column() {
    let head = "## Events\n\n### A `a`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n";
    let out = errors_of(&format!("{head}| x | strng | | d |\n"));
    assert!(
        out.starts_with("t.md:7:7: error[unknown-type]: unknown type `strng`"),
        "{out}"
    );
    let out = errors_of(&format!("{head}| x | string | d |\n"));
    assert!(
        out.starts_with(
            "t.md:7:1: error[row-cells]: this row has 3 cells but the table header has 4"
        ),
        "{out}"
    );
    let out = errors_of(&format!("{head}| x | string | | d | e |\n"));
    assert!(
        out.contains("t.md:7:1: error[row-cells]: this row has 5 cells"),
        "{out}"
    );
    let out = errors_of(&format!(
        "{head}| x | string | | d |\n| x? | number | | d |\n"
    ));
    assert!(out.contains("t.md:8:3: error[duplicate-property]"), "{out}");
    let out = errors_of(&format!("{head}| k | string (enum) | | d |\n"));
    assert!(out.contains("t.md:7:7: error[empty-enum]"), "{out}");
    let out = errors_of(&format!("{head}| ? | string | | d |\n"));
    assert!(out.contains("error[empty-name]"), "{out}");
    let out = errors_of("## Events\n\n### A `a`\n\n| Name | Values |\n|---|---|\n| x | 1 |\n");
    assert!(
        out.contains("t.md:5:3: error[missing-column]: this table has no `Data Type` column"),
        "{out}"
    );
}

#[test]
fn optional_marker_and_types_from_a_small_spec() {
    let src = "# Shop\n\n## Events\n\n### Cart Updated\n\nWhen the cart changes.\n\n| Name | Type | Description |\n|---|---|---|\n| `cart_id` | string (UUID) | Cart |\n| items? | object[] | Items |\n| total | integer (milliseconds) | Time |\n";
    let m = trackgen::load_str("t.md", "t", src).unwrap().model;
    let ev = &m.events[0];
    assert_eq!(
        (ev.id.as_str(), ev.name.as_str()),
        ("cart_updated", "Cart Updated")
    );
    assert_eq!(ev.properties[0].name, "cart_id");
    assert!(ev.properties[1].optional);
    assert_eq!(
        ev.properties[1].ty,
        Type::Array {
            items: Box::new(Type::Object)
        }
    );
    assert!(ev.groups.is_empty());
}
