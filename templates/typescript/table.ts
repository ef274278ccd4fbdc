{%- let i = table.interface %}

{%- include "typescript/interface.ts" %}

{%~ for line in table.fields %}
{{ line }}
{%- endfor %}

{%~ for line in table.parse_doc %}
{{ line }}
{%- endfor %}

{%- for line in table.parse_head %}
{{ line }}
{%- endfor %}
{{ table.parse_body }}
}
