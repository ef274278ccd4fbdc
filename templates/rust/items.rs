{{ items.runtime }}
{%- if !items.fields_runtime.is_empty() %}

{{ items.fields_runtime }}
{%- endif %}

// ---------------------------------------------------------------------------------------------
// The tracking plan: enums, data groups, events.
// ---------------------------------------------------------------------------------------------
{%- for e in items.enums %}

{% include "rust/enum.rs" %}
{%- endfor %}
{%- for s in items.groups %}

{% include "rust/struct.rs" %}
{%- endfor %}
{%- for ev in items.events %}
{%- let s = ev.def %}

{% include "rust/struct.rs" %}

{% include "rust/event.rs" %}
{%- endfor %}

{% include "rust/union.rs" %}

{% include "rust/tracker.rs" %}
