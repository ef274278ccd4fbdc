// ---------------------------------------------------------------------------------------------
// Runtime, envelopes (templates/rust/envelope.rs, copied verbatim when the plan has events):
// the envelope's shape, and the sinks a tracker sends to.
// ---------------------------------------------------------------------------------------------

/// Checks the first part of the envelope's shape: an object with the keys `event` and
/// `properties`. Returns both, and a reader that knows them: the caller takes the envelope's own
/// fields from it, if any, then calls [`close_envelope`].
fn open_envelope(envelope: &Value) -> Result<(Reader<'_>, &Value, &Value), ParseError> {
    let Value::Object(fields) = envelope else {
        let message = format!("the envelope must be an object, found {}", found(envelope));
        return Err(ParseError::new(ErrorKind::NotAnObject, "", message));
    };
    let missing = |key: &str| {
        let message = format!("the envelope has no {key:?} key");
        ParseError::new(ErrorKind::MissingProperty, &format!("/{key}"), message)
    };
    let event = fields.get("event").ok_or_else(|| missing("event"))?;
    let properties = fields
        .get("properties")
        .ok_or_else(|| missing("properties"))?;
    let mut reader = Reader::new(fields, "");
    reader.known.extend(["event", "properties"]);
    Ok((reader, event, properties))
}

/// The rest of the envelope's shape: no keys but those read, then `event` a string. Returns the
/// event's name; the caller looks the event up, then checks `properties`.
fn close_envelope<'a>(reader: Reader<'_>, event: &'a Value) -> Result<&'a str, ParseError> {
    reader.finish("the envelope", None)?;
    match event {
        Value::String(name) => Ok(name),
        other => {
            let message = format!("expected the event name, a string, found {}", found(other));
            Err(ParseError::new(ErrorKind::WrongType, "/event", message))
        }
    }
}

fn unknown_event(name: &str) -> ParseError {
    let message = format!("{} is not an event of the tracking plan", Value::from(name));
    ParseError::new(ErrorKind::UnknownEvent, "/event", message)
}

/// Parses `properties` (which must be an object) as the event `E`, then wraps it.
fn parse_properties<'a, E, T>(properties: &'a Value, wrap: fn(E) -> T) -> Result<T, ParseError>
where
    E: TryFrom<&'a Map<String, Value>, Error = ParseError>,
{
    match properties {
        Value::Object(map) => E::try_from(map).map(wrap),
        other => {
            let message = format!("expected an object, found {}", found(other));
            Err(ParseError::new(
                ErrorKind::WrongType,
                "/properties",
                message,
            ))
        }
    }
}

/// Where a [`Tracker`] sends envelopes (`{"event": ..., "properties": {...}}`).
///
/// `send` takes `&self`, so one sink can serve several trackers and threads (for example
/// behind an `Arc`); a sink that keeps state uses interior mutability, as [`RecordingSink`]
/// does with a `Mutex`.
pub trait Sink {
    /// Receives one envelope.
    fn send(&self, envelope: Value);
}

impl<S: Sink + ?Sized> Sink for &S {
    fn send(&self, envelope: Value) {
        (**self).send(envelope);
    }
}

impl<S: Sink + ?Sized> Sink for Box<S> {
    fn send(&self, envelope: Value) {
        (**self).send(envelope);
    }
}

impl<S: Sink + ?Sized> Sink for std::sync::Arc<S> {
    fn send(&self, envelope: Value) {
        (**self).send(envelope);
    }
}

/// A sink that drops every envelope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoopSink;

impl Sink for NoopSink {
    fn send(&self, _envelope: Value) {}
}

/// A sink that keeps every envelope in memory, in order: for tests. It is `Send` and `Sync`.
#[derive(Debug, Default)]
pub struct RecordingSink {
    envelopes: std::sync::Mutex<Vec<Value>>,
}

impl RecordingSink {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of the envelopes received so far.
    pub fn envelopes(&self) -> Vec<Value> {
        self.lock().clone()
    }

    /// The envelopes received so far, leaving the sink empty.
    pub fn take(&self) -> Vec<Value> {
        std::mem::take(&mut *self.lock())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Value>> {
        // A panic while holding the lock cannot leave a Vec half-written: keep going.
        self.envelopes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for RecordingSink {
    fn send(&self, envelope: Value) {
        self.lock().push(envelope);
    }
}
