@dataclass(frozen=True, slots=True, kw_only=True)
class {{ r.name }}:
{{ r.doc }}
{%- for cv in r.class_vars %}

{{ cv }}
{%- endfor %}
{%- for f in r.fields %}

{{ f.decl }}
{%- if !f.doc.is_empty() %}
{{ f.doc }}
{%- endif %}
{%- endfor %}

    def to_dict(self) -> dict[str, JsonValue]:
        """The flat wire object; optional properties left unset are omitted."""
        out: dict[str, JsonValue] = {}
{%- for line in r.to_dict %}
{{ line }}
{%- endfor %}
        return out

    @classmethod
{{ r.from_dict_def }}
        """{{ r.from_dict_doc }}"""
        return cls._from_wire(data, "")

    @classmethod
{{ r.from_wire_def }}
        obj = _rt.as_properties(data, at)
{%- for line in r.parse %}
{{ line }}
{%- endfor %}
{%- if let Some(reject) = r.reject %}
{{ reject }}
{%- endif %}
{{ r.construct }}
