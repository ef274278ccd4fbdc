impl {{ s.name }} {
    /// The event's name on the wire.
{{ ev.name_const }}

    /// Parses the flat `properties` object of this event's envelope, checking it against the
    /// tracking plan; the first fault found is the error.
    pub fn from_properties(properties: &Map<String, Value>) -> Result<Self, ParseError> {
        {{ ev.reader }} = Reader::new(properties, "/properties");
{%- if !ev.takes.is_empty() %}
{{ ev.takes }}
{%- endif %}
{{ ev.finish }}
{{ ev.construct }}
    }

    /// The flat `properties` object of this event's envelope.
    pub fn to_properties(&self) -> Map<String, Value> {
{%- if ev.has_properties %}
        let mut properties = Map::new();
{%- if !ev.puts.is_empty() %}
{{ ev.puts }}
{%- endif %}
{%- if ev.additional %}
        for (key, value) in &self.additional {
            properties
                .entry(key.clone())
                .or_insert_with(|| value.clone());
        }
{%- endif %}
        properties
{%- else %}
        Map::new()
{%- endif %}
    }
{%- if ev.plain %}

    /// The envelope `{"event": ..., "properties": {...}}` of this event.
    pub fn to_envelope(&self) -> Value {
        envelope(Self::NAME, self.to_properties())
    }
{%- endif %}
}

impl TryFrom<&Map<String, Value>> for {{ s.name }} {
    type Error = ParseError;

    fn try_from(properties: &Map<String, Value>) -> Result<Self, ParseError> {
        Self::from_properties(properties)
    }
}

impl serde::Serialize for {{ s.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_properties(), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for {{ s.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let properties: Map<String, Value> = serde::Deserialize::deserialize(deserializer)?;
        Self::from_properties(&properties).map_err(serde::de::Error::custom)
    }
}
