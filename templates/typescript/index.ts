{{ v.header }}

{%~ for line in v.module_doc %}
{{ line }}
{%- endfor %}

{{ v.runtime }}

// ---------------------------------------------------------------------------
// Generated from the spec: enums, data groups, events and their parsers, the
// union of all events, and the tracker.
// ---------------------------------------------------------------------------

{%- for e in v.enums %}

{%~ include "typescript/enum.ts" %}
{%- endfor %}

{%- for i in v.groups %}

{%~ include "typescript/interface.ts" %}
{%- endfor %}

{%- for event in v.events %}

{%~ include "typescript/event.ts" %}
{%- endfor %}

{%~ for line in v.union_doc %}
{{ line }}
{%- endfor %}

{%- for line in v.union %}
{{ line }}
{%- endfor %}

{%~ for line in v.events_map %}
{{ line }}
{%- endfor %}

{%~ for line in v.parse_envelope_doc %}
{{ line }}
{%- endfor %}

{%- for line in v.parse_envelope_head %}
{{ line }}
{%- endfor %}
{{ v.parse_envelope_body }}
}

{%~ include "typescript/tracker.ts" %}
