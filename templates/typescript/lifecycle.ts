{%- for line in l.state_alias %}
{{ line }}
{%- endfor %}

{%~ for line in l.doc %}
{{ line }}
{%- endfor %}
export class {{ l.class }} {
{%- for s in l.statics %}
{%- for line in s %}
{{ line }}
{%- endfor %}
{%- endfor %}

  #state: {{ l.state }} | undefined;

  /** The current state; `undefined` before the first `advance`. */
  get state(): {{ l.state }} | undefined {
    return this.#state;
  }

  /** The states `advance` accepts now (the initial states before the first). */
  allowed(): {{ l.state }}[] {
{%- for line in l.allowed %}
{{ line }}
{%- endfor %}
  }

  /** Whether the current state is one a sequence may end in. */
  isTerminal(): boolean {
{%- for line in l.is_terminal %}
{{ line }}
{%- endfor %}
  }

  /**
   * Moves to `state` when the lifecycle allows it from the current state (an
   * initial state first); otherwise throws a `LifecycleError` naming the
   * refused transition, and the state stays what it was.
   */
  advance(state: {{ l.state }}): void {
{%- for line in l.advance %}
{{ line }}
{%- endfor %}
  }
}
