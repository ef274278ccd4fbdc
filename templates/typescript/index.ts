{{ v.header }}

{%~ for line in v.module_doc %}
{{ line }}
{%- endfor %}

{{ v.runtime }}

{%- if let Some(lifecycle) = v.runtime_lifecycle %}

{{ lifecycle }}
{%- endif %}

// ---------------------------------------------------------------------------
// Generated from the spec: enums, data groups, events and their parsers, the
// union of all events, and the tracker.
// ---------------------------------------------------------------------------

{%- for e in v.enums %}

{%~ include "typescript/enum.ts" %}
{%- endfor %}

{%- for table in v.objects %}

{%~ include "typescript/table.ts" %}
{%- endfor %}

{%- for i in v.groups %}

{%~ include "typescript/interface.ts" %}
{%- endfor %}

{%- for table in v.events %}

{%~ include "typescript/table.ts" %}
{%- endfor %}

{%- if let Some(i) = v.envelope_fields %}

{%~ include "typescript/interface.ts" %}
{%- endif %}

{%~ for line in v.union_doc %}
{{ line }}
{%- endfor %}

{%- for line in v.union %}
{{ line }}
{%- endfor %}

{%- if !v.envelope_union.is_empty() %}

{%~ for line in v.envelope_union %}
{{ line }}
{%- endfor %}
{%- endif %}

{%~ for line in v.events_map %}
{{ line }}
{%- endfor %}

{%- if !v.envelope_rows.is_empty() %}

{%~ for line in v.envelope_rows %}
{{ line }}
{%- endfor %}
{%- endif %}

{%~ for line in v.parse_envelope_doc %}
{{ line }}
{%- endfor %}

{%- for line in v.parse_envelope_head %}
{{ line }}
{%- endfor %}
{{ v.parse_envelope_body }}
}

{%- for l in v.lifecycles %}

{%~ include "typescript/lifecycle.ts" %}
{%- endfor %}

{%~ include "typescript/tracker.ts" %}
