{{ items.union.doc }}
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // moved into a tracker once; boxing would allocate per event
pub enum {{ items.union.name }} {
{%- for v in items.union.variants %}
{{ v.doc }}
{{ v.variant }}
{%- endfor %}
}

impl {{ items.union.name }} {
    /// The event's name on the wire.
    pub fn name(&self) -> &'static str {
        match self {
{{ items.union.name_arms }}
        }
    }

    /// The flat `properties` object of the event's envelope.
    pub fn to_properties(&self) -> Map<String, Value> {
        match self {
{{ items.union.properties_arms }}
        }
    }

    /// The envelope `{"event": ..., "properties": {...}}`.
    pub fn to_envelope(&self) -> Value {
        envelope(self.name(), self.to_properties())
    }

    /// Parses an envelope, checking it against the tracking plan; the first fault found is the
    /// error, with its kind and JSON pointer.
    pub fn from_envelope(envelope: &Value) -> Result<Self, ParseError> {
        let (name, properties) = open_envelope(envelope)?;
        match name {
{{ items.union.parse_arms }}
            _ => Err(unknown_event(name)),
        }
    }

    /// The keys a [`Tracker`] fills when they are unset.
    fn tracker_fields(&self) -> &'static [&'static str] {
        match self {
{{ items.union.tracker_arms }}
        }
    }
}
{%- for v in items.union.variants %}

{{ v.from_head }}
    fn from(event: {{ v.ty }}) -> Self {
        Self::{{ v.ty }}(event)
    }
}
{%- endfor %}

impl serde::Serialize for {{ items.union.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_envelope(), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for {{ items.union.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let envelope: Value = serde::Deserialize::deserialize(deserializer)?;
        Self::from_envelope(&envelope).map_err(serde::de::Error::custom)
    }
}

/// Parses an envelope `{"event": ..., "properties": {...}}`, checking it against the tracking
/// plan; the first fault found is the error, with its kind and JSON pointer.
pub fn parse_envelope(envelope: &Value) -> Result<{{ items.union.name }}, ParseError> {
    {{ items.union.name }}::from_envelope(envelope)
}
