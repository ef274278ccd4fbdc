{{ s.doc }}
{{ s.derive }}
{%- if s.fields.is_empty() %}
pub struct {{ s.name }} {}
{%- else %}
pub struct {{ s.name }} {
{%- for f in s.fields %}
{{ f.doc }}
{{ f.decl() }}
{%- endfor %}
}
{%- endif %}
