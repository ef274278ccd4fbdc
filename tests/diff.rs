//! `trackgen diff`: a table of spec edits and the classification each must get.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use trackgen::diff::{Bump, Impact};

const BASE: &str = "# Shop

## Events

### Cart Updated `cart_updated`

| Property | Data Type | Possible Values | Description |
|---|---|---|---|
| cart_action | string (enum) | \"add\", \"remove\" | What happened |
| item_count | integer | 3 | Items |
| note? | string | | A note |
| guest_id | string (UUID) | | The visitor |
| language? | string | | Language |

### Checkout `checkout`

| Property | Data Type | Possible Values | Description |
|---|---|---|---|
| total | number | | Total |

## Data

### Session `session`

| Property | Data Type | Possible Values | Description |
|---|---|---|---|
| guest_id | string (UUID) | | The visitor |
| language? | string | | Language |

## Lifecycle

### Cart `cart`

- open -> paid -> shipped
- open -> cancelled
";

fn model(src: &str) -> trackgen::Model {
    trackgen::load_str("t.md", "t", src)
        .unwrap_or_else(|e| panic!("{e}"))
        .model
}

/// (edit, expected change kind, producers, consumers, overall bump)
#[test]
fn classification_table() {
    use Impact::{Breaking as B, Compatible as C};
    let row = |line: &str| format!("| {line} |");
    let cases: Vec<(&str, String, &str, Impact, Impact, Bump)> = vec![
        ("add optional property", BASE.replace(&row("note? | string | | A note"), &format!("{}\n{}", row("note? | string | | A note"), row("coupon? | string | | Coupon"))), "property_added", C, C, Bump::Minor),
        ("add required property", BASE.replace(&row("note? | string | | A note"), &format!("{}\n{}", row("note? | string | | A note"), row("coupon | string | | Coupon"))), "required_property_added", B, C, Bump::Major),
        ("remove property", BASE.replace(&format!("{}\n", row("note? | string | | A note")), ""), "property_removed", B, B, Bump::Major),
        ("widen enum", BASE.replace("\"add\", \"remove\"", "\"add\", \"remove\", \"clear\""), "enum_widened", C, B, Bump::Major),
        ("narrow enum", BASE.replace("\"add\", \"remove\"", "\"add\""), "enum_narrowed", B, C, Bump::Major),
        ("integer to number (widen)", BASE.replace("item_count | integer", "item_count | number"), "type_widened", C, B, Bump::Major),
        ("number to integer (narrow)", BASE.replace("total | number", "total | integer"), "type_narrowed", B, C, Bump::Major),
        ("string to boolean (change)", BASE.replace("note? | string", "note? | boolean"), "type_changed", B, B, Bump::Major),
        ("optional to required", BASE.replace("note? | string", "note | string"), "property_now_required", B, C, Bump::Major),
        ("required to optional", BASE.replace("item_count | integer", "item_count? | integer"), "property_now_optional", C, B, Bump::Major),
        ("add event", BASE.replace("## Data", "### Refund `refund`\n\n| Property | Data Type |\n|---|---|\n| amount | number |\n\n## Data"), "event_added", C, C, Bump::Minor),
        ("remove event", BASE.replace("### Checkout `checkout`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| total | number | | Total |\n\n", ""), "event_removed", B, B, Bump::Major),
        ("add group", format!("{BASE}\n## Data\n\n### Money `money`\n\n| Property | Data Type |\n|---|---|\n| amount | number |\n"), "group_added", C, C, Bump::Minor),
        ("remove group", BASE.replace("### Session `session`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| guest_id | string (UUID) | | The visitor |\n| language? | string | | Language |\n\n", ""), "group_removed", B, B, Bump::Major),
        ("add transition", BASE.replace("- open -> cancelled", "- open -> cancelled\n- paid -> cancelled"), "transition_added", C, B, Bump::Major),
        ("remove transition", BASE.replace("- open -> cancelled\n", ""), "transition_removed", B, C, Bump::Major),
        ("description only", BASE.replace("| Total |", "| Cart total |"), "description_changed", C, C, Bump::Patch),
        ("marked rename", BASE.replace("| note? | string | | A note |", "| remark? | string | | A note (renamed from `note`) |"), "property_renamed", B, B, Bump::Major),
    ];
    let base = model(BASE);
    for (name, edited, kind, producers, consumers, bump) in cases {
        let new = model(&edited);
        let r = trackgen::diff::diff("old", &base, "new", &new);
        let c = r
            .changes
            .iter()
            .find(|c| c.kind == kind)
            .unwrap_or_else(|| panic!("{name}: no `{kind}` in {:#?}", r.changes));
        assert_eq!((c.producers, c.consumers), (producers, consumers), "{name}");
        assert_eq!(r.bump, bump, "{name}: {:#?}", r.changes);
        assert_eq!(r.breaking, bump == Bump::Major, "{name}");
    }
    // An unmarked rename is a removal plus an addition.
    let new = model(&BASE.replace(
        "| note? | string | | A note |",
        "| remark? | string | | A note |",
    ));
    let r = trackgen::diff::diff("old", &base, "new", &new);
    let kinds: Vec<&str> = r.changes.iter().map(|c| c.kind).collect();
    assert!(
        kinds.contains(&"property_added") && kinds.contains(&"property_removed"),
        "{kinds:?}"
    );
    // No change at all.
    let r = trackgen::diff::diff("old", &base, "new", &base);
    assert!(r.changes.is_empty());
    assert_eq!(r.bump, Bump::None);
}

#[test]
fn bumps_apply_to_versions() {
    assert_eq!(Bump::Major.apply("1.4.2").as_deref(), Some("2.0.0"));
    assert_eq!(Bump::Minor.apply("1.4.2").as_deref(), Some("1.5.0"));
    assert_eq!(Bump::Patch.apply("1.4.2-rc.1").as_deref(), Some("1.4.3"));
    assert_eq!(Bump::None.apply("0.1.0").as_deref(), Some("0.1.0"));
    assert_eq!(Bump::Major.apply("1.4"), None);
}
