//! The generated tracker in use: events go to an in-memory sink; incoming payloads are parsed.

use build_rs_example::cart_changed;
use build_rs_example::tracking::{ErrorKind, RecordingSink, ShopEvent, Tracker, parse_envelope};
use serde_json::json;

const GUEST: &str = "123e4567-e89b-12d3-a456-426614174000";

#[test]
fn tracks_into_an_in_memory_sink() {
    let tracker = Tracker::new(RecordingSink::new());
    cart_changed(&tracker, GUEST, true, 3);
    let sent = tracker.sink().envelopes();
    assert_eq!(
        sent,
        [json!({
            "event": "cart_updated",
            "properties": {"cart_action": "add", "item_count": 3, "guest_id": GUEST}
        })]
    );
    // What was sent parses back into the same typed event.
    let ShopEvent::CartUpdated(ev) = parse_envelope(&sent[0]).unwrap() else {
        panic!("not a cart_updated");
    };
    assert_eq!(ev.item_count, 3);
}

#[test]
fn rejects_payloads_that_break_the_plan() {
    let bad = json!({
        "event": "cart_updated",
        "properties": {"cart_action": "Add", "item_count": 3, "guest_id": GUEST}
    });
    let err = parse_envelope(&bad).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotInEnum);
    assert_eq!(err.pointer, "/properties/cart_action");
}
