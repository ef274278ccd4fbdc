{{ m.header }}
{{ m.docstring }}

from __future__ import annotations

{{ m.std_imports }}

from . import _runtime as _rt
{{ m.runtime_imports }}
{%- if m.needs_self %}

if TYPE_CHECKING:
    from typing_extensions import Self
{%- endif %}

{{ m.all }}
{%- for e in m.enums %}

{{ e.alias }}
{{ e.alias_doc }}

{{ e.values }}
{{ e.values_doc }}
{%- endfor %}
{%- if !m.checks.is_empty() %}

{% for c in m.checks %}
{{ c }}
{%- endfor %}
{%- endif %}
{%- for r in m.groups %}


{% include "python/record.py" %}
{%- endfor %}
{%- for r in m.events %}


{% include "python/record.py" %}
{%- endfor %}


{{ m.union }}
"""Any event of the plan."""

{{ m.event_names }}
"""The wire names of every event, in spec order."""
{%- if m.has_events %}

{{ m.parsers }}
{%- endif %}

{{ m.tracker.default_name }}
{{ m.tracker.default_version }}
{%- if let Some(s) = m.tracker.name_events %}

{{ s }}
{%- endif %}
{%- if let Some(s) = m.tracker.version_events %}

{{ s }}
{%- endif %}


def parse_envelope(value: object) -> {{ m.union_name }}:
    """Parses an envelope ``{"event": ..., "properties": {...}}`` strictly.

    Raises ParseError with the contract's ``kind`` and JSON ``pointer`` on the first fault.
    """
{%- if m.has_events %}
    name, properties = _rt.split_envelope(value)
    parse = _PARSERS.get(name)
    if parse is None:
        raise _rt.unknown_event(name)
    return parse(properties, "/properties")
{%- else %}
    name, _ = _rt.split_envelope(value)
    raise _rt.unknown_event(name)
{%- endif %}


def to_envelope(event: {{ m.union_name }}) -> dict[str, JsonValue]:
    """The envelope ``{"event": ..., "properties": {...}}`` of an event."""
    return {"event": event.EVENT_NAME, "properties": event.to_dict()}


{% include "python/tracker.py" %}
