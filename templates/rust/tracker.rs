/// The name a [`Tracker`] puts in unset `tracker_name` properties by default.
{{ tracker.name_const }}

/// The version a [`Tracker`] puts in unset `tracker_version` properties by default.
{{ tracker.version_const }}

/// Sends the events of the tracking plan to a [`Sink`], one typed method per event.
#[derive(Debug)]
pub struct Tracker<S> {
    sink: S,
    name: String,
    version: String,
{%- if tracker.fields %}
    fields: EnvelopeFields,
{%- endif %}
}

impl<S: Sink> Tracker<S> {
{%- if tracker.fields %}
    /// A tracker sending to `sink`, writing `fields` into every envelope, named
    /// [`TRACKER_NAME`], version [`TRACKER_VERSION`].
    pub fn new(sink: S, fields: EnvelopeFields) -> Self {
        Self {
            sink,
            name: TRACKER_NAME.to_owned(),
            version: TRACKER_VERSION.to_owned(),
            fields,
        }
    }
{%- else %}
    /// A tracker sending to `sink`, named [`TRACKER_NAME`], version [`TRACKER_VERSION`].
    pub fn new(sink: S) -> Self {
        Self {
            sink,
            name: TRACKER_NAME.to_owned(),
            version: TRACKER_VERSION.to_owned(),
        }
    }
{%- endif %}

    /// The same tracker, filling unset `tracker_name` and `tracker_version` with these.
    pub fn with_tracker(mut self, name: impl Into<String>, version: impl Into<String>) -> Self {
        self.name = name.into();
        self.version = version.into();
        self
    }

    /// The sink.
    pub fn sink(&self) -> &S {
        &self.sink
    }
{%- if tracker.fields %}

    /// The envelope fields written into every envelope.
    pub fn fields(&self) -> &EnvelopeFields {
        &self.fields
    }
{%- endif %}

    /// Sends any event of the plan: its envelope goes to the sink, with unset `tracker_name` and
    /// `tracker_version` (where the event has them) filled from this tracker.
    pub fn track(&self, event: {{ tracker.union }}) {
        let mut properties = event.to_properties();
        for key in event.tracker_fields() {
            let value = if *key == "tracker_name" {
                &self.name
            } else {
                &self.version
            };
            properties
                .entry(*key)
                .or_insert_with(|| Value::String(value.clone()));
        }
{%- if tracker.fields %}
        self.sink.send(self.fields.wrap(event.name(), properties));
{%- else %}
        self.sink.send(envelope(event.name(), properties));
{%- endif %}
    }
{%- for m in tracker.methods %}

{{ m.doc }}
{{ m.signature }}
        self.track(event.into());
    }
{%- endfor %}
}
