{%- let t = v.tracker %}

{%- for line in t.doc %}
{{ line }}
{%- endfor %}
export class Tracker {
  /** Where envelopes go. */
  readonly sink: Sink;
  /** Sent as `tracker_name` when an event has it and the caller left it unset. */
  readonly trackerName: string;
  /** Sent as `tracker_version` when an event has it and the caller left it unset. */
  readonly trackerVersion: string;

{%- if t.envelope %}

{%- for line in t.envelope_doc %}
{{ line }}
{%- endfor %}
  readonly envelope: EnvelopeFields;
{%- endif %}

{{ t.constructor_head }}
    this.sink = sink;

{%- for line in t.name_init %}
{{ line }}
{%- endfor %}

{%- for line in t.version_init %}
{{ line }}
{%- endfor %}

{%- if t.envelope %}
    this.envelope = { ...options.envelope };
{%- endif %}
  }

{%- for m in t.methods %}

{%~ for line in m.doc %}
{{ line }}
{%- endfor %}

{%- for line in m.head %}
{{ line }}
{%- endfor %}
    const wire = toWire(properties);

{%- for f in m.fills %}
    if (!Object.hasOwn(wire, {{ f.key }})) {
      wire[{{ f.key }}] = this.{{ f.field }};
    }
{%- endfor %}

{%- for line in m.send %}
{{ line }}
{%- endfor %}
  }
{%- endfor %}

{%~ for line in t.track_doc %}
{{ line }}
{%- endfor %}
{{ t.track_head }}

{%- if t.cases.is_empty() %}
    // The plan has no events: nothing reaches this point, and nothing uses the
    // runtime's `toWire`.
    void event;
    void toWire;
{%- else %}
    switch (event.event) {

{%- for c in t.cases %}
      case {{ c.event }}:
        this.{{ c.method }}(event.properties);
        break;
{%- endfor %}
    }
{%- endif %}
  }
}
