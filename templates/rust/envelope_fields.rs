impl EnvelopeFields {
    /// Takes the fields from an envelope's reader, in table order.
    fn take(reader: &mut Reader<'_>) -> Result<Self, ParseError> {
{{ envelope.takes }}
{{ envelope.construct }}
    }

    /// The envelope of an event: these fields, then `event` and `properties`.
    pub fn wrap(&self, name: &str, properties: Map<String, Value>) -> Value {
        let mut envelope = Map::new();
{{ envelope.puts }}
        envelope.insert("event".to_owned(), Value::from(name));
        envelope.insert("properties".to_owned(), Value::Object(properties));
        Value::Object(envelope)
    }
}

/// An envelope of the tracking plan: its own fields and the event.
///
/// What [`parse_envelope`] returns; serialising it gives back the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The envelope's own fields.
    pub fields: EnvelopeFields,
    /// The event.
    pub event: {{ envelope.union }},
}

impl Envelope {
    /// Parses an envelope, checking it against the tracking plan; the first fault found is the
    /// error, with its kind and JSON pointer.
    pub fn from_value(envelope: &Value) -> Result<Self, ParseError> {
        let (mut reader, event, properties) = open_envelope(envelope)?;
        let fields = EnvelopeFields::take(&mut reader)?;
        let name = close_envelope(reader, event)?;
        let event = {{ envelope.union }}::from_parts(name, properties)?;
        Ok(Self { fields, event })
    }

    /// The envelope as JSON: the fields, then `event` and `properties`.
    pub fn to_value(&self) -> Value {
        let properties = self.event.to_properties();
        self.fields.wrap(self.event.name(), properties)
    }
}

impl serde::Serialize for Envelope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_value(), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Envelope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let envelope: Value = serde::Deserialize::deserialize(deserializer)?;
        Self::from_value(&envelope).map_err(serde::de::Error::custom)
    }
}

/// Parses an envelope, checking it against the tracking plan; the first fault found is the
/// error, with its kind and JSON pointer. Returns the envelope's fields and its event.
pub fn parse_envelope(envelope: &Value) -> Result<Envelope, ParseError> {
    Envelope::from_value(envelope)
}
