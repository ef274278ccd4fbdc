{{ header }}
{{ docs }}

#![forbid(unsafe_code)]
#![warn(missing_docs)]

{% include "rust/items.rs" %}
