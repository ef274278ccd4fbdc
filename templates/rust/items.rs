{{ items.runtime }}
{%- if !items.fields_runtime.is_empty() %}

{{ items.fields_runtime }}
{%- endif %}
{%- if !items.envelope_runtime.is_empty() %}

{{ items.envelope_runtime }}
{%- endif %}
{%- if !items.lifecycle_runtime.is_empty() %}

{{ items.lifecycle_runtime }}
{%- endif %}

// ---------------------------------------------------------------------------------------------
// The tracking plan: enums, data groups, events.
// ---------------------------------------------------------------------------------------------
{%- for e in items.enums %}

{% if e.open -%}
{% include "rust/open_enum.rs" %}
{%- else -%}
{% include "rust/enum.rs" %}
{%- endif %}
{%- endfor %}
{%- for s in items.groups %}

{% include "rust/struct.rs" %}
{%- endfor %}
{%- for o in items.objects %}
{%- let s = o.def %}

{% include "rust/struct.rs" %}

{% include "rust/object.rs" %}
{%- endfor %}
{%- for ev in items.events %}
{%- let s = ev.def %}

{% include "rust/struct.rs" %}

{% include "rust/event.rs" %}
{%- endfor %}
{%- if let Some(u) = items.union %}

{% include "rust/union.rs" %}
{%- endif %}
{%- if let Some(envelope) = items.envelope %}
{%- let s = envelope.def %}

{% include "rust/struct.rs" %}

{% include "rust/envelope_fields.rs" %}
{%- endif %}
{%- if let Some(tracker) = items.tracker %}

{% include "rust/tracker.rs" %}
{%- endif %}
{%- for l in items.lifecycles %}

{% include "rust/lifecycle.rs" %}
{%- endfor %}
