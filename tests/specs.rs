//! The other seed systems in trackgen's dialect: Segment Live Chat (spaces in event names, the
//! `track` envelope, open properties), Enghouse Contact (object types, maps, arrays of objects,
//! unions, prose and open enums) and Genesys WebChat (tab-table OCR artefacts, lifecycle).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use trackgen::model::{Type, Unit};
use trackgen::payload;

fn load(path: &str) -> trackgen::Loaded {
    trackgen::load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn codes(l: &trackgen::Loaded) -> Vec<(&'static str, usize)> {
    l.diagnostics
        .items()
        .iter()
        .map(|d| (d.code, l.diagnostics.location(d).0))
        .collect()
}

#[test]
fn segment_live_chat() {
    let l = load("spec/segment-live-chat.md");
    let m = &l.model;
    let names: Vec<&str> = m.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Live Chat Conversation Started",
            "Live Chat Conversation Ended",
            "Live Chat Message Sent",
            "Live Chat Message Received"
        ]
    );
    assert_eq!(m.events[0].id, "live_chat_conversation_started");
    for ev in &m.events {
        assert_eq!(ev.properties.len(), 6);
        assert!(ev.properties.iter().all(|p| p.optional));
        assert_eq!(ev.additional, Some(Type::Any));
        // The seed's own example, a whole track envelope, is valid.
        let example = ev.example.as_ref().unwrap().parsed.as_ref().unwrap();
        let got = payload::validate_envelope(m, example).unwrap();
        assert_eq!(m.events[got].id, ev.id);
    }
    let env: Vec<&str> = m.envelope.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(env, ["userId", "action"]);
    // Each example's `message_body` is named, with its line.
    let notes: Vec<usize> = codes(&l)
        .into_iter()
        .filter(|(c, _)| *c == "example-open")
        .map(|(_, line)| line)
        .collect();
    assert_eq!(notes.len(), 4);
    let text = std::fs::read_to_string("spec/segment-live-chat.md").unwrap();
    for line in notes {
        assert!(
            text.lines()
                .nth(line - 1)
                .unwrap()
                .contains("\"message_body\"")
        );
    }
    // Without userId the envelope is invalid.
    let mut bad = m.events[0]
        .example
        .as_ref()
        .unwrap()
        .parsed
        .clone()
        .unwrap();
    bad.as_object_mut().unwrap().remove("userId");
    let f = payload::validate_envelope(m, &bad).unwrap_err();
    assert_eq!(
        (f.kind.as_str(), f.pointer.as_str()),
        ("missing_property", "/userId")
    );
}

#[test]
fn enghouse_contact() {
    let l = load("spec/enghouse-contact.md");
    let m = &l.model;
    let ids: Vec<&str> = m.objects.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["contact", "user", "contact_event"]);
    let contact = m.object("contact").unwrap();
    let ty = |name: &str| {
        contact
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .ty
            .clone()
    };
    assert_eq!(
        ty("users"),
        Type::Map {
            values: Box::new(Type::Ref {
                name: "user".into()
            })
        }
    );
    assert_eq!(
        ty("contact_events"),
        Type::Array {
            items: Box::new(Type::Ref {
                name: "contact_event".into()
            })
        }
    );
    assert_eq!(
        ty("ctlive_type"),
        Type::Enum {
            name: "ctlive_type".into()
        }
    );
    let user = m.object("user").unwrap();
    assert_eq!(
        user.properties[2].ty,
        Type::Union {
            variants: vec![Type::String { format: None }, Type::Number]
        }
    );
    let ev = m.enum_def("event").unwrap();
    assert!(ev.open);
    assert_eq!(ev.values, ["newContactAccepted", "clientError"]);
    assert_eq!(
        m.enum_def("channel").unwrap().values,
        ["web", "whatsapp", "messenger", "instagram"]
    );
    assert!(!m.enum_def("ctlive_type").unwrap().open);
    // The example is a valid Contact; its contradictions are named: 2 open-enum values, 2
    // `isAgent`, one `__v`.
    let example = contact.example.as_ref().unwrap().parsed.as_ref().unwrap();
    let faults =
        payload::properties_faults(m, &contact.properties, contact.additional.as_ref(), example);
    assert!(faults.is_empty(), "{faults:?}");
    let notes = codes(&l)
        .iter()
        .filter(|(c, _)| *c == "example-open")
        .count();
    assert_eq!(notes, 5);
    // A closed enum still rejects.
    let mut bad = example.clone();
    bad["ctlive_type"] = "CHAT".into();
    let faults =
        payload::properties_faults(m, &contact.properties, contact.additional.as_ref(), &bad);
    assert_eq!(faults[0].kind.as_str(), "not_in_enum");
    assert_eq!(faults[0].pointer, "/ctlive_type");
    let mut bad = example.clone();
    bad["users"]["4747235938674011"]["isOnline"] = "no".into();
    let faults =
        payload::properties_faults(m, &contact.properties, contact.additional.as_ref(), &bad);
    assert_eq!(faults[0].pointer, "/users/4747235938674011/isOnline");
}

#[test]
fn genesys_webchat() {
    let l = load("spec/genesys-webchat.md");
    let m = &l.model;
    let ids: Vec<&str> = m.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ready",
            "opened",
            "started",
            "cancelled",
            "submitted",
            "rejected",
            "completed",
            "closed"
        ]
    );
    for ev in &m.events {
        assert_eq!(
            ev.groups,
            ["metadata", "metadata_times", "metadata_session"]
        );
        assert_eq!(ev.properties.len(), 22);
    }
    let homoglyphs: Vec<usize> = codes(&l)
        .into_iter()
        .filter(|(c, _)| *c == "homoglyph")
        .map(|(_, line)| line)
        .collect();
    assert_eq!(homoglyphs.len(), 3);
    let g = m.group("metadata_times").unwrap();
    assert_eq!(
        g.properties[1].ty,
        Type::Integer {
            unit: Some(Unit::Timestamp)
        }
    );
    assert_eq!(
        g.properties[9].ty,
        Type::Integer {
            unit: Some(Unit::Milliseconds)
        }
    );
    assert_eq!(g.properties[0].since.as_deref(), Some("9.0.002.06"));
    let errors = &m.group("metadata").unwrap().properties[9];
    assert_eq!(
        errors.ty,
        Type::Union {
            variants: vec![
                Type::Array {
                    items: Box::new(Type::Any)
                },
                Type::Boolean
            ]
        }
    );
    let lc = &m.lifecycles[0];
    assert_eq!(lc.id, "interaction");
    assert_eq!(lc.states.len(), 8);
    assert_eq!(lc.sequences.len(), 4);
    assert_eq!(lc.initial, ["ready"]);
    assert_eq!(lc.terminal, ["closed", "rejected"]);
    assert_eq!(lc.transitions.len(), 9);
}

#[test]
fn lifecycle_errors() {
    let err = trackgen::load_str(
        "t.md",
        "t",
        "## Lifecycle\n\n### L `l`\n\nStates: `a`, `b`\n\n- a -> c\n",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("t.md:7:3: error[unknown-state]: state `c`"),
        "{err}"
    );
    let err = trackgen::load_str("t.md", "t", "## Lifecycle\n\n### L `l`\n\nNothing.\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("error[empty-lifecycle]"), "{err}");
}

#[test]
fn unknown_object_types_and_recursion_are_errors() {
    let head = "## Objects\n\n### A `a`\n\n| Name | Type |\n|---|---|\n";
    let err = trackgen::load_str("t.md", "t", &format!("{head}| x | Bee |\n"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("t.md:7:7: error[unknown-type]: unknown type `Bee`"),
        "{err}"
    );
    let err = trackgen::load_str("t.md", "t", &format!("{head}| x | A[] |\n"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("error[recursive-object]"), "{err}");
}
