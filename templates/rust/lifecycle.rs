{{ l.state_doc }}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum {{ l.state }} {
{%- for v in l.variants %}
{{ v.doc }}
    {{ v.ident }},
{%- endfor %}
}

impl {{ l.state }} {
    /// Every state, in order of first mention.
{{ l.all }}

    /// The state's name in the tracking plan.
    pub const fn as_str(self) -> &'static str {
        match self {
{{ l.as_str_arms }}
        }
    }

    /// The state called `name`, if there is one (case and spaces count).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl std::fmt::Display for {{ l.state }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

{{ l.doc }}
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct {{ l.name }} {
    state: Option<{{ l.state }}>,
}

impl {{ l.name }} {
    /// Every state, in order of first mention.
{{ l.states }}

    /// The states a sequence may start with.
{{ l.initial }}

    /// The states a sequence may end with.
{{ l.terminal }}

    /// The allowed transitions `(from, to)`, in order of first mention.
{{ l.transitions }}

    /// A lifecycle before its first state.
    pub const fn new() -> Self {
        Self { state: None }
    }

    /// The current state; `None` before the first.
    pub const fn state(&self) -> Option<{{ l.state }}> {
        self.state
    }

    /// Whether the current state may end a sequence.
    pub fn is_terminal(&self) -> bool {
        self.state.is_some_and(|s| Self::TERMINAL.contains(&s))
    }

    /// The states allowed next: [`Self::INITIAL`] before the first state, else those the
    /// transitions from the current state lead to.
    pub fn allowed(&self) -> Vec<{{ l.state }}> {
        match self.state {
            None => Self::INITIAL.to_vec(),
            Some(from) => Self::TRANSITIONS
                .iter()
                .filter(|(f, _)| *f == from)
                .map(|(_, to)| *to)
                .collect(),
        }
    }

    /// Moves to `state` when it is allowed next (see [`Self::allowed`]); otherwise the
    /// lifecycle stays where it is and the error names the refused transition.
{{ l.advance }}
        let allowed = self.allowed();
        if allowed.contains(&state) {
            self.state = Some(state);
            Ok(())
        } else {
            Err(LifecycleError {
                from: self.state,
                to: state,
                allowed,
            })
        }
    }
}
