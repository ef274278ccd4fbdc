{{ e.doc }}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum {{ e.name }} {
{%- for v in e.variants %}
{{ v.doc }}
    {{ v.ident }},
{%- endfor %}
}

impl {{ e.name }} {
    /// Every value, in spec order.
{{ e.all }}

    /// Every value as it is sent, in spec order.
{{ e.values }}

    /// The value as it is sent.
    pub const fn as_str(self) -> &'static str {
        match self {
{{ e.as_str_arms }}
        }
    }

    /// The value sent as `value`, if it is one (case and spaces count).
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == value)
    }
}

impl std::fmt::Display for {{ e.name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for {{ e.name }} {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        Self::parse(s).ok_or_else(|| {
            let message = format!("{s:?} is not one of {:?}", Self::VALUES);
            ParseError::new(ErrorKind::NotInEnum, "", message)
        })
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
        value.parse().map_err(serde::de::Error::custom)
    }
}
{%- if e.wire %}

impl Wire for {{ e.name }} {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        value
            .as_str()
            .and_then(Self::parse)
            .ok_or_else(|| unfit::<Self>(value, pointer))
    }

    fn to_wire(&self) -> Value {
        Value::from(self.as_str())
    }
}
{%- endif %}
