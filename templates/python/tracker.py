class Tracker:
    """Serialises typed events and hands their envelopes to a sink.

    ``tracker_name`` and ``tracker_version`` fill the properties of the same names when an event
    has them and they were left unset.
    """

    def __init__(
        self,
        sink: Sink,
        *,
        tracker_name: str | None = None,
        tracker_version: str | None = None,
    ) -> None:
        """Wraps ``sink``; the name and version default to this package's."""
        self.sink = sink
        self.tracker_name = _NAME if tracker_name is None else tracker_name
        self.tracker_version = _VERSION if tracker_version is None else tracker_version

    def track(self, event: {{ m.union_name }}) -> None:
        """Serialises ``event`` and sends ``{"event": ..., "properties": {...}}``."""
        properties: dict[str, JsonValue] = event.to_dict()
{%- if m.tracker.name_events.is_some() %}
        if event.EVENT_NAME in _TRACKER_NAME_EVENTS:
            properties.setdefault("tracker_name", self.tracker_name)
{%- endif %}
{%- if m.tracker.version_events.is_some() %}
        if event.EVENT_NAME in _TRACKER_VERSION_EVENTS:
            properties.setdefault("tracker_version", self.tracker_version)
{%- endif %}
        self.sink.send({"event": event.EVENT_NAME, "properties": properties})
{%- for meth in m.tracker.methods %}

{{ meth.def }}
{{ meth.doc }}
        self.track(event)
{%- endfor %}
