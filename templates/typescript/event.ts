{%- let i = event.interface %}

{%- include "typescript/interface.ts" %}

{%~ for line in event.fields %}
{{ line }}
{%- endfor %}

{%~ for line in event.parse_doc %}
{{ line }}
{%- endfor %}

{%- for line in event.parse_head %}
{{ line }}
{%- endfor %}
{{ event.parse_body }}
}
