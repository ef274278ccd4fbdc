{%- for line in i.doc %}
{{ line }}
{%- endfor %}

{%- for line in i.head %}
{{ line }}
{%- endfor %}

{%- if !i.members.is_empty() %}

{%- for m in i.members %}

{%- for line in m.doc %}
{{ line }}
{%- endfor %}

{%- for line in m.lines %}
{{ line }}
{%- endfor %}
{%- endfor %}
}
{%- endif %}
