// ---------------------------------------------------------------------------------------------
// Runtime, part two (templates/rust/fields.rs, copied verbatim when any table has properties):
// moving checked JSON values in and out of typed fields.
// ---------------------------------------------------------------------------------------------

/// Conversion between a JSON value that passed its [`WireType::check`] and a field's type.
trait Wire: Sized {
    /// The field value of `value`, found at `pointer`. Fails only when the checked value does
    /// not fit the Rust type, with the pointer of what does not fit (never for a checked value:
    /// the plan's integers are within ±(2^53 − 1), which `i64` holds).
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError>;

    /// The JSON value.
    fn to_wire(&self) -> Value;
}

/// The error of a checked value that does not fit the Rust type `T`.
fn unfit<T>(value: &Value, pointer: &str) -> ParseError {
    let message = format!(
        "{} does not fit a Rust {}",
        found(value),
        std::any::type_name::<T>()
    );
    ParseError::new(ErrorKind::WrongType, pointer, message)
}

impl Wire for String {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(unfit::<Self>(other, pointer)),
        }
    }

    fn to_wire(&self) -> Value {
        Value::String(self.clone())
    }
}

impl Wire for bool {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        value.as_bool().ok_or_else(|| unfit::<Self>(value, pointer))
    }

    fn to_wire(&self) -> Value {
        Value::Bool(*self)
    }
}

impl Wire for i64 {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        // `3.0` is an integer too; the range check keeps the cast exact.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
        let whole = |f: &f64| f.fract() == 0.0 && (-LIMIT..LIMIT).contains(f);
        value
            .as_i64()
            .or_else(|| value.as_f64().filter(whole).map(|f| f as i64))
            .ok_or_else(|| unfit::<Self>(value, pointer))
    }

    fn to_wire(&self) -> Value {
        Value::from(*self)
    }
}

impl Wire for serde_json::Number {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        match value {
            Value::Number(n) => Ok(n.clone()),
            other => Err(unfit::<Self>(other, pointer)),
        }
    }

    fn to_wire(&self) -> Value {
        Value::Number(self.clone())
    }
}

impl Wire for Map<String, Value> {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        match value {
            Value::Object(object) => Ok(object.clone()),
            other => Err(unfit::<Self>(other, pointer)),
        }
    }

    fn to_wire(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl Wire for Value {
    fn from_wire(value: &Value, _pointer: &str) -> Result<Self, ParseError> {
        Ok(value.clone())
    }

    fn to_wire(&self) -> Value {
        self.clone()
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        let Value::Array(items) = value else {
            return Err(unfit::<Self>(value, pointer));
        };
        let item = |(i, v): (usize, &Value)| T::from_wire(v, &format!("{pointer}/{i}"));
        items.iter().enumerate().map(item).collect()
    }

    fn to_wire(&self) -> Value {
        Value::Array(self.iter().map(T::to_wire).collect())
    }
}

impl<T: Wire> Wire for BTreeMap<String, T> {
    fn from_wire(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        let Value::Object(entries) = value else {
            return Err(unfit::<Self>(value, pointer));
        };
        let entry = |(k, v): (&String, &Value)| {
            let at = format!("{pointer}/{}", pointer_token(k));
            T::from_wire(v, &at).map(|v| (k.clone(), v))
        };
        entries.iter().map(entry).collect()
    }

    fn to_wire(&self) -> Value {
        let entries = self.iter().map(|(k, v)| (k.clone(), v.to_wire()));
        Value::Object(entries.collect())
    }
}

/// A field as the struct holds it: required (`T`) or optional (`Option<T>`, absent on the wire
/// when `None`).
trait Slot: Sized {
    /// The value when the key is absent.
    fn absent(pointer: &str, name: &str) -> Result<Self, ParseError>;

    /// The value of a present key, already checked.
    fn present(value: &Value, pointer: &str) -> Result<Self, ParseError>;

    /// Writes the field under `key`, or nothing for `None`.
    fn put(&self, properties: &mut Map<String, Value>, key: &str);
}

impl<T: Wire> Slot for T {
    fn absent(pointer: &str, name: &str) -> Result<Self, ParseError> {
        let message = format!("the required property {} is missing", Value::from(name));
        Err(ParseError::new(
            ErrorKind::MissingProperty,
            pointer,
            message,
        ))
    }

    fn present(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        T::from_wire(value, pointer)
    }

    fn put(&self, properties: &mut Map<String, Value>, key: &str) {
        properties.insert(key.to_owned(), self.to_wire());
    }
}

impl<T: Wire> Slot for Option<T> {
    fn absent(_pointer: &str, _name: &str) -> Result<Self, ParseError> {
        Ok(None)
    }

    fn present(value: &Value, pointer: &str) -> Result<Self, ParseError> {
        T::from_wire(value, pointer).map(Some)
    }

    fn put(&self, properties: &mut Map<String, Value>, key: &str) {
        if let Some(value) = self {
            value.put(properties, key);
        }
    }
}

impl Reader<'_> {
    /// The property `key`, checked against `ty` (`null` is never accepted).
    fn take<T: Slot>(&mut self, key: &'static str, ty: &WireType) -> Result<T, ParseError> {
        self.known.push(key);
        let pointer = self.pointer_to(key);
        match self.properties.get(key) {
            None => T::absent(&pointer, key),
            Some(value) => {
                ty.check(value, &pointer, key)?;
                T::present(value, &pointer)
            }
        }
    }
}

/// Writes `value` under `key` (nothing for an optional field that is `None`).
fn put<T: Slot>(properties: &mut Map<String, Value>, key: &str, value: &T) {
    value.put(properties, key);
}
