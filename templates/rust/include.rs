{{ header }}
//
// The items of the tracker, for `include!` (no crate attributes or docs).

{% include "rust/items.rs" %}
