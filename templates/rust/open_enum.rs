{{ e.doc }}
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum {{ e.name }} {
{%- for v in e.variants %}
{{ v.doc }}
    {{ v.ident }},
{%- endfor %}
    /// Any other value: the enum is open. [`Self::parse`] never puts a known value here.
    Other(String),
}

impl {{ e.name }} {
    /// Every known value, in spec order.
{{ e.all }}

    /// Every known value as it is sent, in spec order.
{{ e.values }}

    /// The value as it is sent.
    pub fn as_str(&self) -> &str {
        match self {
{{ e.as_str_arms }}
            Self::Other(value) => value,
        }
    }

    /// The value sent as `value`: a known one (case and spaces count), else [`Self::Other`].
    pub fn parse(value: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == value)
            .unwrap_or_else(|| Self::Other(value.to_owned()))
    }

    /// Whether this is one of the known values (not [`Self::Other`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Other(_))
    }
}

impl std::fmt::Display for {{ e.name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for {{ e.name }} {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::parse(s))
    }
}

impl From<&str> for {{ e.name }} {
    fn from(value: &str) -> Self {
        Self::parse(value)
    }
}

impl serde::Serialize for {{ e.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for {{ e.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value: String = serde::Deserialize::deserialize(deserializer)?;
        Ok(Self::parse(&value))
    }
}
{%- if e.wire %}

impl Wire for {{ e.name }} {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        match value {
            Value::String(s) => Ok(Self::parse(s)),
            other => Err(unfit::<Self>(other, pointer)),
        }
    }

    fn to_wire(&self) -> Value {
        Value::from(self.as_str())
    }
}
{%- endif %}
