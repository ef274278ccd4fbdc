class Tracker:
    """Serialises typed events and hands their envelopes to a sink.

    ``tracker_name`` and ``tracker_version`` fill the properties of the same names when an event
    has them and they were left unset.
{%- if m.tracker.has_envelope %}

    ``envelope`` holds the envelope's own fields (see EnvelopeFields), written into every
    envelope; a call can replace them.
{%- endif %}
    """

    def __init__(
        self,
        sink: Sink,
        *,
{%- if m.tracker.envelope_required %}
        envelope: EnvelopeFields,
{%- else if m.tracker.has_envelope %}
        envelope: EnvelopeFields | None = None,
{%- endif %}
        tracker_name: str | None = None,
        tracker_version: str | None = None,
    ) -> None:
        """Wraps ``sink``; the name and version default to this package's."""
        self.sink = sink
{%- if m.tracker.envelope_required %}
        self.envelope = envelope
{%- else if m.tracker.has_envelope %}
        self.envelope = EnvelopeFields() if envelope is None else envelope
{%- endif %}
        self.tracker_name = _NAME if tracker_name is None else tracker_name
        self.tracker_version = _VERSION if tracker_version is None else tracker_version
{%- if m.tracker.has_envelope %}

{{ m.tracker.track_def }}
        """Serialises ``event`` and sends its envelope.

        ``envelope`` replaces the tracker's envelope fields for this call.
        """
{%- else %}

    def track(self, event: {{ m.union_name }}) -> None:
        """Serialises ``event`` and sends ``{"event": ..., "properties": {...}}``."""
{%- endif %}
        properties: dict[str, JsonValue] = event.to_dict()
{%- if m.tracker.name_events.is_some() %}
        if event.EVENT_NAME in _TRACKER_NAME_EVENTS:
            properties.setdefault("tracker_name", self.tracker_name)
{%- endif %}
{%- if m.tracker.version_events.is_some() %}
        if event.EVENT_NAME in _TRACKER_VERSION_EVENTS:
            properties.setdefault("tracker_version", self.tracker_version)
{%- endif %}
{%- if m.tracker.has_envelope %}
        out = (self.envelope if envelope is None else envelope).to_dict()
        out["event"] = event.EVENT_NAME
        out["properties"] = properties
        self.sink.send(out)
{%- else %}
        self.sink.send({"event": event.EVENT_NAME, "properties": properties})
{%- endif %}
{%- for meth in m.tracker.methods %}

{{ meth.def }}
{{ meth.doc }}
{{ meth.call }}
{%- endfor %}
