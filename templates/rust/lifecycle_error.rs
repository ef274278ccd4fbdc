// ---------------------------------------------------------------------------------------------
// Runtime, lifecycles (templates/rust/lifecycle_error.rs, copied verbatim when the plan has
// lifecycles): the error of a refused transition.
// ---------------------------------------------------------------------------------------------

/// A state a lifecycle refused: the transition `from -> to` is not allowed (or `to` cannot come
/// first, when `from` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LifecycleError<S> {
    /// The state the lifecycle is in; `None` before its first state.
    pub from: Option<S>,
    /// The refused state.
    pub to: S,
    /// The states allowed next, in the order the tracking plan first mentions them.
    pub allowed: Vec<S>,
}

impl<S: std::fmt::Display> std::fmt::Display for LifecycleError<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let quote = |s: &S| Value::from(s.to_string()).to_string();
        let allowed: Vec<String> = self.allowed.iter().map(quote).collect();
        let to = quote(&self.to);
        match &self.from {
            None => write!(
                f,
                "{to} cannot come first; a sequence starts with: {}",
                allowed.join(", ")
            ),
            Some(from) if allowed.is_empty() => write!(
                f,
                "{} -> {to} is not allowed; nothing may follow {}",
                quote(from),
                quote(from)
            ),
            Some(from) => write!(
                f,
                "{} -> {to} is not allowed; from {}: {}",
                quote(from),
                quote(from),
                allowed.join(", ")
            ),
        }
    }
}

impl<S: std::fmt::Debug + std::fmt::Display> std::error::Error for LifecycleError<S> {}
