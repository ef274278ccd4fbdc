impl {{ s.name }} {
    /// The object type, as [`WireType::Ref`] refers to it.
    pub const TYPE: ObjectType = ObjectType {
        name: {{ o.id }},
        check: Self::check,
    };

    /// Parses an object of this type, checking it against the tracking plan; the first fault
    /// found is the error, its JSON pointer relative to the object (`/key`).
    pub fn from_properties(properties: &Map<String, Value>) -> Result<Self, ParseError> {
        Self::from_properties_at(properties, "")
    }

    /// Parses an object of this type found at the JSON pointer `pointer` of a larger document:
    /// like [`Self::from_properties`], with errors pointing below `pointer`.
    pub fn from_properties_at(
        properties: &Map<String, Value>,
        pointer: &str,
    ) -> Result<Self, ParseError> {
        {{ o.reader }} = Reader::new(properties, pointer);
{%- if !o.takes.is_empty() %}
{{ o.takes }}
{%- endif %}
{{ o.finish }}
{{ o.construct }}
    }

    /// The object as JSON.
    pub fn to_properties(&self) -> Map<String, Value> {
{%- if o.has_properties %}
        let mut properties = Map::new();
{%- if !o.puts.is_empty() %}
{{ o.puts }}
{%- endif %}
{%- if o.additional %}
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

    fn check(properties: &Map<String, Value>, pointer: &str) -> Result<(), ParseError> {
        Self::from_properties_at(properties, pointer).map(drop)
    }
}

impl TryFrom<&Map<String, Value>> for {{ s.name }} {
    type Error = ParseError;

    fn try_from(properties: &Map<String, Value>) -> Result<Self, ParseError> {
        Self::from_properties(properties)
    }
}
{%- if o.wire %}

impl Wire for {{ s.name }} {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        match value {
            Value::Object(properties) => Self::from_properties_at(properties, pointer),
            other => Err(unfit::<Self>(other, pointer)),
        }
    }

    fn to_wire(&self) -> Value {
        Value::Object(self.to_properties())
    }
}
{%- endif %}

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
