{%- for line in e.doc %}
{{ line }}
{%- endfor %}

{%- for line in e.alias %}
{{ line }}
{%- endfor %}

{%~ for line in e.values_doc %}
{{ line }}
{%- endfor %}

{%- for line in e.values %}
{{ line }}
{%- endfor %}
