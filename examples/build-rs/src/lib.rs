//! A downstream crate whose tracker is generated from `tracking/shop.md` by `build.rs`.
//!
//! Nothing generated is committed here: `build.rs` writes `$OUT_DIR/shop.rs` on every build where
//! the spec changed, and this module includes it.

/// The tracker generated from `tracking/shop.md`.
pub mod tracking {
    include!(concat!(env!("OUT_DIR"), "/shop.rs"));
}

use tracking::{CartAction, CartUpdated, SessionGroup, Sink, Tracker};

/// What the shop's code does when the cart changes: builds the typed event and tracks it.
pub fn cart_changed<S: Sink>(tracker: &Tracker<S>, guest: &str, added: bool, items: i64) {
    tracker.cart_updated(CartUpdated {
        session: SessionGroup {
            guest_id: guest.to_owned(),
            language: None,
        },
        cart_action: if added {
            CartAction::Add
        } else {
            CartAction::Remove
        },
        item_count: items,
    });
}
