{{ u.doc }}
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // moved into a tracker once; boxing would allocate per event
pub enum {{ u.name }} {
{%- for v in u.variants %}
{{ v.doc }}
{{ v.variant }}
{%- endfor %}
}

impl {{ u.name }} {
    /// The event's name on the wire.
    pub fn name(&self) -> &'static str {
        match self {
{{ u.name_arms }}
        }
    }

    /// The flat `properties` object of the event's envelope.
    pub fn to_properties(&self) -> Map<String, Value> {
        match self {
{{ u.properties_arms }}
        }
    }
{%- if u.plain %}

    /// The envelope `{"event": ..., "properties": {...}}`.
    pub fn to_envelope(&self) -> Value {
        envelope(self.name(), self.to_properties())
    }

    /// Parses an envelope, checking it against the tracking plan; the first fault found is the
    /// error, with its kind and JSON pointer.
    pub fn from_envelope(envelope: &Value) -> Result<Self, ParseError> {
        let (reader, event, properties) = open_envelope(envelope)?;
        let name = close_envelope(reader, event)?;
        match name {
{{ u.parse_arms }}
            _ => Err(unknown_event(name)),
        }
    }
{%- else %}

    /// Parses the event called `name` from its envelope's `properties` (the envelope's shape and
    /// own fields already checked).
    fn from_parts(name: &str, properties: &Value) -> Result<Self, ParseError> {
        match name {
{{ u.parse_arms }}
            _ => Err(unknown_event(name)),
        }
    }
{%- endif %}

    /// The keys a [`Tracker`] fills when they are unset.
    fn tracker_fields(&self) -> &'static [&'static str] {
        match self {
{{ u.tracker_arms }}
        }
    }
}
{%- for v in u.variants %}

{{ v.from_head }}
    fn from(event: {{ v.ty }}) -> Self {
        Self::{{ v.ty }}(event)
    }
}
{%- endfor %}
{%- if u.plain %}

impl serde::Serialize for {{ u.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_envelope(), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for {{ u.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let envelope: Value = serde::Deserialize::deserialize(deserializer)?;
        Self::from_envelope(&envelope).map_err(serde::de::Error::custom)
    }
}

/// Parses an envelope `{"event": ..., "properties": {...}}`, checking it against the tracking
/// plan; the first fault found is the error, with its kind and JSON pointer.
pub fn parse_envelope(envelope: &Value) -> Result<{{ u.name }}, ParseError> {
    {{ u.name }}::from_envelope(envelope)
}

/// The envelope `{"event": name, "properties": properties}`.
fn envelope(name: &str, properties: Map<String, Value>) -> Value {
    let mut envelope = Map::new();
    envelope.insert("event".to_owned(), Value::from(name));
    envelope.insert("properties".to_owned(), Value::Object(properties));
    Value::Object(envelope)
}
{%- endif %}
