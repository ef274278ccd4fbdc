//! The naming engine shared by the backends: case → sanitise → escape → unique per scope.
//!
//! Each language supplies its data ([`Rules`]: keywords, reserved names, how to escape) in its own
//! `names.rs`. Wire names never change; identifiers are derived from them here and live only in
//! backend views.
//!
//! Collisions after conversion (`Order Completed` and `order_completed` both become
//! `OrderCompleted`) are errors naming both spec lines; we never add numeric suffixes, because then
//! reordering a spec would rename someone's method.

use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::NameMap;
use crate::diag::{Diagnostic, Diagnostics, Severity, Span};

/// Identifier casing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `ElementClick`
    UpperCamel,
    /// `elementClick`
    LowerCamel,
    /// `element_click`
    Snake,
    /// `ELEMENT_CLICK`
    ShoutySnake,
}

/// One language's naming data.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Keywords (case-sensitive).
    pub keywords: &'static [&'static str],
    /// Names the generated code or the language's standard library already uses at top level
    /// (`Tracker`, `Sink`, TypeScript's `Event`...). Checked case-sensitively after casing.
    pub reserved: &'static [&'static str],
    /// How to turn a keyword or reserved name into a usable identifier (`r#type`, `class_`).
    pub escape: fn(&str) -> String,
    /// Prefix for an identifier that would start with a digit.
    pub digit_prefix: &'static str,
}

/// Converts `base` to an identifier: case with heck, keep ASCII identifier characters, prefix a
/// leading digit, escape keywords and reserved names. Returns `None` when nothing usable remains
/// (the caller reports that with the spec line). The `bool` is `true` when the name was escaped.
pub fn ident(rules: &Rules, base: &str, case: Case) -> Option<(String, bool)> {
    let mut id = cased(base, case)?;
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id = format!("{}{id}", rules.digit_prefix);
    }
    if rules.keywords.contains(&id.as_str()) || rules.reserved.contains(&id.as_str()) {
        return Some(((rules.escape)(&id), true));
    }
    Some((id, false))
}

thread_local! {
    /// [`cased`] results of this thread, one map per [`Case`]: a backend converts the same wire
    /// names many times (a group's properties in every event that includes it), and heck's casing
    /// dominates the cost. Emptied by [`forget_cased`] when a backend finishes.
    static CASED: std::cell::RefCell<[NameMap<String, Option<String>>; 4]> =
        std::cell::RefCell::default();
}

/// `base` cased with heck and reduced to ASCII identifier characters; `None` when nothing
/// usable remains. Memoised per thread (the result depends only on `base` and `case`).
fn cased(base: &str, case: Case) -> Option<String> {
    let slot = case as usize;
    if let Some(hit) = CASED.with_borrow(|m| m.get(slot).and_then(|m| m.get(base)).cloned()) {
        return hit;
    }
    let value = cased_uncached(base, case);
    CASED.with_borrow_mut(|m| {
        if let Some(m) = m.get_mut(slot) {
            m.insert(base.to_owned(), value.clone());
        }
    });
    value
}

/// Empties this thread's memo of [`cased`], so that a long-lived process does not keep the names
/// of every spec it has generated.
pub fn forget_cased() {
    CASED.with_borrow_mut(|m| m.iter_mut().for_each(|m| *m = NameMap::default()));
}

fn cased_uncached(base: &str, case: Case) -> Option<String> {
    // ASCII letters and digits are word material for heck; a letter or digit of another script
    // becomes its own word `u{hex}`, so `שלום` and `café` still give distinct, stable identifiers;
    // everything else separates words.
    let mut cleaned = String::with_capacity(base.len());
    for c in base.chars() {
        if c.is_ascii_alphanumeric() {
            cleaned.push(c);
        } else if c.is_alphanumeric() {
            cleaned.push_str(&format!(" u{:04x} ", u32::from(c)));
        } else {
            cleaned.push(' ');
        }
    }
    let cased = match case {
        Case::UpperCamel => cleaned.to_upper_camel_case(),
        Case::LowerCamel => cleaned.to_lower_camel_case(),
        Case::Snake => cleaned.to_snake_case(),
        Case::ShoutySnake => cleaned.to_shouty_snake_case(),
    };
    let id: String = cased
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if id.is_empty() || id.chars().all(|c| c == '_') {
        return None;
    }
    Some(id)
}

/// One namespace of identifiers (the types of a module, the fields of a struct...). Claims are
/// checked for uniqueness after conversion.
#[derive(Debug, Default)]
pub struct Scope {
    taken: NameMap<String, (String, Span)>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Scope::default()
    }

    /// Marks `ident` as used by the generated code itself (no spec location).
    pub fn reserve(&mut self, ident: &str) {
        self.taken
            .insert(ident.to_owned(), (String::new(), Span::default()));
    }

    /// Derives an identifier for `wire` and claims it. Reports (as errors in `d`) a name with
    /// nothing usable in it, and a collision with an earlier claim; reports a note when a keyword
    /// was escaped. `what` says what is being named ("event", "property"...), for messages.
    pub fn claim(
        &mut self,
        rules: &Rules,
        wire: &str,
        case: Case,
        at: Span,
        what: &str,
        d: &mut Diagnostics,
    ) -> String {
        let Some((id, escaped)) = ident(rules, wire, case) else {
            d.error(
                "bad-identifier",
                at,
                format!("{what} name `{wire}` has no letters or digits to make an identifier from"),
            );
            return "_invalid".to_owned();
        };
        if escaped {
            d.note(
                "renamed-reserved",
                at,
                format!("{what} `{wire}` is a reserved word here and is named `{id}`"),
            );
        }
        // A name the generated code itself uses in this scope (`sink`, `track`...) is escaped like
        // a keyword, not reported as a collision: the spec did nothing wrong.
        let id = match self.taken.get(&id) {
            Some((other, _)) if other.is_empty() && !escaped => {
                let renamed = (rules.escape)(&id);
                d.note(
                    "renamed-reserved",
                    at,
                    format!(
                        "{what} `{wire}` would be named `{id}`, which the generated code uses; \
                         it is named `{renamed}`"
                    ),
                );
                renamed
            }
            _ => id,
        };
        if let Some((other, other_at)) = self.taken.get(&id) {
            let msg = if other.is_empty() {
                format!(
                    "{what} `{wire}` would be named `{id}`, which the generated code already uses"
                )
            } else {
                format!("{what} `{wire}` and `{other}` would both be named `{id}`")
            };
            let mut diag = Diagnostic::new(Severity::Error, "name-collision", at, msg);
            if !other.is_empty() {
                diag = diag.with_label(*other_at, "the other one");
            }
            d.push(diag.with_help("rename one of them in the spec"));
            return id;
        }
        self.taken.insert(id.clone(), (wire.to_owned(), at));
        id
    }
}

/// The fields of one record, for languages where a wire name that starts with `_` keeps one
/// leading underscore (`_id` → `_id`, `__v` → `_v`): `_id` and `id` (MongoDB documents have both)
/// stay two fields, `_id` and `id_`. Other names follow the language's field [`Rules`].
/// Underscore-led identifiers can only collide with each other: casing never starts an
/// identifier with `_`. `private` lists underscore names the generated code itself uses
/// (`_from_wire`); a field that would take one is escaped with a note.
#[derive(Debug)]
pub struct FieldScope {
    scope: Scope,
    underscored: NameMap<String, (String, Span)>,
    fields: &'static Rules,
    private: &'static [&'static str],
}

impl FieldScope {
    /// An empty scope with the language's field rules and its private names.
    pub fn new(fields: &'static Rules, private: &'static [&'static str]) -> Self {
        FieldScope {
            scope: Scope::new(),
            underscored: NameMap::default(),
            fields,
            private,
        }
    }

    /// The field identifier of `wire`, claimed; problems (collisions, nothing usable) go to `d`.
    pub fn claim(&mut self, wire: &str, at: Span, what: &str, d: &mut Diagnostics) -> String {
        let casing_only = Rules {
            keywords: &[],
            reserved: &[],
            ..*self.fields
        };
        let rest = if wire.starts_with('_') {
            ident(&casing_only, wire, Case::Snake)
        } else {
            None
        };
        let Some((base, _)) = rest else {
            return self
                .scope
                .claim(self.fields, wire, Case::Snake, at, what, d);
        };
        let mut id = format!("_{base}");
        if self.private.contains(&id.as_str()) {
            id = (self.fields.escape)(&id);
            d.note(
                "renamed-reserved",
                at,
                format!("{what} `{wire}` is a reserved word here and is named `{id}`"),
            );
        }
        if let Some((other, other_at)) = self.underscored.get(&id) {
            let msg = format!("{what} `{wire}` and `{other}` would both be named `{id}`");
            let diag = Diagnostic::new(Severity::Error, "name-collision", at, msg)
                .with_label(*other_at, "the other one")
                .with_help("rename one of them in the spec");
            d.push(diag);
            return id;
        }
        self.underscored.insert(id.clone(), (wire.to_owned(), at));
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        format!("{s}_")
    }
    const RULES: Rules = Rules {
        keywords: &["type", "class"],
        reserved: &["Tracker"],
        escape: esc,
        digit_prefix: "n",
    };

    #[test]
    fn casing_and_sanitising() {
        let id = |s, c| ident(&RULES, s, c).map(|(i, _)| i);
        assert_eq!(
            id("element_click", Case::UpperCamel).as_deref(),
            Some("ElementClick")
        );
        assert_eq!(
            id("Live Chat Conversation Started", Case::Snake).as_deref(),
            Some("live_chat_conversation_started")
        );
        assert_eq!(id("isAgent", Case::Snake).as_deref(), Some("is_agent"));
        assert_eq!(id("__v", Case::Snake).as_deref(), Some("v"));
        assert_eq!(
            id("XMLHttpRequest", Case::Snake).as_deref(),
            Some("xml_http_request")
        );
        assert_eq!(
            id("42 terrible==\"name'", Case::UpperCamel).as_deref(),
            Some("n42TerribleName")
        );
        assert_eq!(id("type", Case::Snake).as_deref(), Some("type_"));
        assert_eq!(id("tracker", Case::UpperCamel).as_deref(), Some("Tracker_"));
        assert_eq!(id("🎉", Case::Snake), None);
        assert_eq!(id("___", Case::Snake), None);
        assert_eq!(id("café", Case::Snake).as_deref(), Some("caf_u00e9"));
        assert_eq!(
            id("שלום", Case::UpperCamel).as_deref(),
            Some("U05e9U05dcU05d5U05dd")
        );
        assert_eq!(id("🎉 party", Case::UpperCamel).as_deref(), Some("Party"));
    }

    #[test]
    fn collisions_are_errors_with_both_places() {
        use crate::diag::SourceFile;
        use std::sync::Arc;
        let mut d = Diagnostics::new(Arc::new(SourceFile::new(
            "x.md",
            "Order Completed\norder_completed\n",
        )));
        let mut s = Scope::new();
        s.claim(
            &RULES,
            "Order Completed",
            Case::UpperCamel,
            Span::new(0, 15),
            "event",
            &mut d,
        );
        s.claim(
            &RULES,
            "order_completed",
            Case::UpperCamel,
            Span::new(16, 31),
            "event",
            &mut d,
        );
        assert_eq!(d.error_count(), 1);
        let out = d.render();
        assert!(out.contains("x.md:2:1: error[name-collision]"), "{out}");
        // A name the generated code reserved in the scope is escaped, with a note.
        let mut s = Scope::new();
        s.reserve("sink");
        let got = s.claim(
            &RULES,
            "sink",
            Case::Snake,
            Span::new(0, 4),
            "event",
            &mut d,
        );
        assert_eq!(got, "sink_");
        assert_eq!(d.error_count(), 1, "no new error");
        assert!(out.contains("the other one"), "{out}");
    }
}
