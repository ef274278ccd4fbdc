{{ m.header }}
{{ m.docstring }}

from __future__ import annotations

{{ m.std_imports }}

from . import _runtime as _rt
{{ m.runtime_imports }}

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
{%- for r in m.objects %}


{% include "python/record.py" %}
{%- endfor %}
{%- if !m.late_checks.is_empty() %}

{% for c in m.late_checks %}
{{ c }}
{%- endfor %}
{%- endif %}
{%- for r in m.groups %}


{% include "python/record.py" %}
{%- endfor %}
{%- for r in m.events %}


{% include "python/record.py" %}
{%- endfor %}
{%- if let Some(r) = m.envelope %}


{% include "python/record.py" %}
{%- endif %}


{{ m.union }}
"""Any event of the plan."""

{{ m.event_names }}
"""The wire names of every event, in spec order."""
{%- if m.has_events %}

{{ m.parsers }}
{%- endif %}
{%- if m.envelope.is_some() %}


@dataclass(frozen=True, slots=True)
class ParsedEnvelope:
    """An envelope parsed by ``parse_envelope``: the event and the envelope's fields."""

{{ m.parsed_event }}
    """The event, with its properties."""

    fields: EnvelopeFields
    """The envelope's fields besides ``event`` and ``properties``."""

    def to_envelope(self) -> dict[str, JsonValue]:
        """The envelope again: ``to_envelope(self.event, self.fields)``."""
        return to_envelope(self.event, self.fields)
{%- endif %}
{%- for l in m.lifecycles %}


{{ l.alias }}
{{ l.alias_doc }}


class {{ l.class }}:
{{ l.doc }}
{%- for c in l.constants %}

{{ c }}
{%- endfor %}

{{ l.state_field }}

    def __init__(self) -> None:
        """Starts before the first state."""
        self._state = None

    @property
{{ l.state_def }}
        """The current state; None before the first ``advance``."""
        return self._state

{{ l.allowed_def }}
        """The states ``advance`` accepts now."""
        if self._state is None:
            return self.INITIAL
        return self.TRANSITIONS[self._state]

    def is_terminal(self) -> bool:
        """Whether the current state is one a sequence may end in."""
        return self._state is not None and self._state in self.TERMINAL

{{ l.advance_def }}
        """Moves to ``state``; raises LifecycleError naming the refused transition."""
        allowed = self.allowed()
        if state not in allowed:
            raise LifecycleError(self._state, state, allowed)
        self._state = state
{%- endfor %}
{%- if m.envelope.is_some() || !m.lifecycles.is_empty() %}
{# a class ends above: two blank lines #}
{%- endif %}

{{ m.tracker.default_name }}
{{ m.tracker.default_version }}
{%- if let Some(s) = m.tracker.name_events %}

{{ s }}
{%- endif %}
{%- if let Some(s) = m.tracker.version_events %}

{{ s }}
{%- endif %}
{%- if m.envelope.is_some() %}


def parse_envelope(value: object) -> ParsedEnvelope:
    """Parses an envelope ``{..., "event": ..., "properties": {...}}`` strictly.

    Returns the event and the envelope's fields (checked first, in table order). Raises
    ParseError with the contract's ``kind`` and JSON ``pointer`` on the first fault.
    """
    envelope = _rt.envelope_object(value)
{%- if m.has_events %}
    fields = EnvelopeFields._from_wire(envelope, "")
    name = _rt.event_name(envelope)
    parse = _PARSERS.get(name)
    if parse is None:
        raise _rt.unknown_event(name)
    return ParsedEnvelope(parse(envelope["properties"], "/properties"), fields)
{%- else %}
    EnvelopeFields._from_wire(envelope, "")
    raise _rt.unknown_event(_rt.event_name(envelope))
{%- endif %}


{{ m.to_envelope_def }}
    """The envelope of an event: the envelope's ``fields``, ``event`` and ``properties``."""
    out = fields.to_dict()
    out["event"] = event.EVENT_NAME
    out["properties"] = event.to_dict()
    return out
{%- else %}


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
{%- endif %}


{% include "python/tracker.py" %}
