//! Rust naming data: keywords, the names the generated crate itself uses, and how to escape them.
//!
//! Types are `UpperCamel`, fields, locals and methods `snake_case`, enum variants `UpperCamel`.
//! A keyword becomes a raw identifier (`r#type`), except the five that cannot be raw (`crate`,
//! `self`, `Self`, `super`, `_`), which get a trailing underscore (`self_`), like every reserved
//! name that is not a keyword (`Tracker_`): `r#Tracker` would be the same identifier as `Tracker`.
//! A leading digit gets `N` (types, variants) or `n` (fields, methods) in front.

use crate::lang::naming::Rules;

/// Every keyword of Rust 2015–2024, strict and reserved, sorted.
/// Source: <https://doc.rust-lang.org/reference/keywords.html> (weak keywords such as `union`
/// and `macro_rules` are usable identifiers and are not listed).
pub(super) const KEYWORDS: &[&str] = &[
    "Self", "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["Self", "_", "crate", "self", "super"];

/// Type names the generated crate defines or relies on, sorted. A spec type with one of these
/// names would shadow ours or the prelude's.
pub(super) const RESERVED_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "BTreeMap",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Deserializer",
    "Display",
    "Drop",
    "Envelope",
    "EnvelopeFields",
    "Eq",
    "Err",
    "ErrorKind",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "Format",
    "From",
    "FromIterator",
    "FromStr",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "LifecycleError",
    "Map",
    "None",
    "NoopSink",
    "Number",
    "ObjectType",
    "Ok",
    "Option",
    "Ord",
    "ParseError",
    "PartialEq",
    "PartialOrd",
    "Reader",
    "RecordingSink",
    "Result",
    "Send",
    "Serialize",
    "Serializer",
    "Sink",
    "Sized",
    "Slot",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "Tracker",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Value",
    "Vec",
    "Wire",
    "WireType",
];

/// Locals of the generated parse functions, which share a namespace with field names.
/// `additional` is the field that keeps the keys a `*` row accepts.
pub(super) const RESERVED_FIELDS: &[&str] = &["additional", "properties", "reader"];

/// Methods of `Tracker` that are not events.
pub(super) const RESERVED_METHODS: &[&str] = &["fields", "new", "sink", "track", "with_tracker"];

/// Escapes a keyword or reserved name: `r#type`, but `self_`, `Self_`, `Tracker_`.
pub(super) fn escape(id: &str) -> String {
    if KEYWORDS.contains(&id) && !NOT_RAW.contains(&id) {
        format_line!("r#{id}")
    } else {
        format_line!("{id}_")
    }
}

/// Type names: events, groups, enums.
pub(super) const TYPES: Rules = Rules {
    keywords: KEYWORDS,
    reserved: RESERVED_TYPES,
    escape,
    digit_prefix: "N",
};

/// Struct fields (and the parse locals named after them).
pub(super) const FIELDS: Rules = Rules {
    keywords: KEYWORDS,
    reserved: RESERVED_FIELDS,
    escape,
    digit_prefix: "n",
};

/// `Tracker` methods, one per event.
pub(super) const METHODS: Rules = Rules {
    keywords: KEYWORDS,
    reserved: RESERVED_METHODS,
    escape,
    digit_prefix: "n",
};

/// Enum variants (one per allowed value). Always written `Self::X` or `Enum::X`, so only
/// keywords need escaping.
pub(super) const VARIANTS: Rules = Rules {
    keywords: KEYWORDS,
    reserved: &[],
    escape,
    digit_prefix: "N",
};

/// Variants of an open enum: the known values, plus `Other` for any other string.
pub(super) const OPEN_VARIANTS: Rules = Rules {
    keywords: KEYWORDS,
    reserved: &["Other"],
    escape,
    digit_prefix: "N",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostics, Span};
    use crate::lang::naming::FieldScope;
    use crate::lang::naming::{Case, ident};

    fn id(rules: &Rules, s: &str, case: Case) -> Option<String> {
        ident(rules, s, case).map(|(i, _)| i)
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in [KEYWORDS, RESERVED_TYPES, RESERVED_FIELDS, RESERVED_METHODS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted, list);
        }
    }

    #[test]
    fn every_keyword_is_escaped_in_every_case() {
        for kw in KEYWORDS {
            let e = escape(kw);
            if NOT_RAW.contains(kw) {
                assert_eq!(e, format_line!("{kw}_"));
            } else {
                assert_eq!(e, format_line!("r#{kw}"));
            }
            // Whatever casing produces, the result is never a bare keyword.
            for case in [Case::Snake, Case::UpperCamel] {
                for rules in [&TYPES, &FIELDS, &METHODS, &VARIANTS] {
                    if let Some(out) = id(rules, kw, case) {
                        assert!(!KEYWORDS.contains(&out.as_str()), "{kw} -> {out}");
                    }
                }
            }
        }
    }

    #[test]
    fn keywords_as_fields_and_methods() {
        assert_eq!(id(&FIELDS, "type", Case::Snake).as_deref(), Some("r#type"));
        assert_eq!(id(&FIELDS, "self", Case::Snake).as_deref(), Some("self_"));
        assert_eq!(id(&FIELDS, "super", Case::Snake).as_deref(), Some("super_"));
        assert_eq!(id(&FIELDS, "crate", Case::Snake).as_deref(), Some("crate_"));
        assert_eq!(id(&FIELDS, "gen", Case::Snake).as_deref(), Some("r#gen"));
        assert_eq!(
            id(&FIELDS, "async", Case::Snake).as_deref(),
            Some("r#async")
        );
        assert_eq!(id(&FIELDS, "try", Case::Snake).as_deref(), Some("r#try"));
        assert_eq!(id(&FIELDS, "None", Case::Snake).as_deref(), Some("none"));
        assert_eq!(id(&METHODS, "class", Case::Snake).as_deref(), Some("class"));
        assert_eq!(
            id(&METHODS, "match", Case::Snake).as_deref(),
            Some("r#match")
        );
        assert_eq!(
            id(&METHODS, "track", Case::Snake).as_deref(),
            Some("track_")
        );
        assert_eq!(id(&METHODS, "new", Case::Snake).as_deref(), Some("new_"));
        assert_eq!(
            id(&METHODS, "With Tracker", Case::Snake).as_deref(),
            Some("with_tracker_")
        );
        assert_eq!(
            id(&FIELDS, "reader", Case::Snake).as_deref(),
            Some("reader_")
        );
        assert_eq!(
            id(&FIELDS, "properties", Case::Snake).as_deref(),
            Some("properties_")
        );
    }

    #[test]
    fn reserved_type_names() {
        assert_eq!(
            id(&TYPES, "tracker", Case::UpperCamel).as_deref(),
            Some("Tracker_")
        );
        assert_eq!(
            id(&TYPES, "self", Case::UpperCamel).as_deref(),
            Some("Self_")
        );
        assert_eq!(
            id(&TYPES, "option", Case::UpperCamel).as_deref(),
            Some("Option_")
        );
        assert_eq!(
            id(&TYPES, "parse error", Case::UpperCamel).as_deref(),
            Some("ParseError_")
        );
        assert_eq!(
            id(&TYPES, "value", Case::UpperCamel).as_deref(),
            Some("Value_")
        );
        assert_eq!(
            id(&TYPES, "class", Case::UpperCamel).as_deref(),
            Some("Class")
        );
        for r in RESERVED_TYPES {
            assert_eq!(escape(r), format_line!("{r}_"));
        }
    }

    #[test]
    fn variants_and_digits() {
        assert_eq!(
            id(&VARIANTS, "self", Case::UpperCamel).as_deref(),
            Some("Self_")
        );
        assert_eq!(
            id(&VARIANTS, "beta gamma", Case::UpperCamel).as_deref(),
            Some("BetaGamma")
        );
        assert_eq!(
            id(&VARIANTS, "None", Case::UpperCamel).as_deref(),
            Some("None")
        );
        assert_eq!(
            id(&VARIANTS, "3d", Case::UpperCamel).as_deref(),
            Some("N3d")
        );
        assert_eq!(
            id(&FIELDS, "9lives", Case::Snake).as_deref(),
            Some("n9lives")
        );
        assert_eq!(
            id(&TYPES, "42 terrible", Case::UpperCamel).as_deref(),
            Some("N42Terrible")
        );
        assert_eq!(
            id(&FIELDS, "__proto__", Case::Snake).as_deref(),
            Some("proto")
        );
        assert_eq!(
            id(&FIELDS, "isAgent", Case::Snake).as_deref(),
            Some("is_agent")
        );
        assert_eq!(
            id(&FIELDS, "the-dash", Case::Snake).as_deref(),
            Some("the_dash")
        );
        assert_eq!(id(&FIELDS, "*/", Case::Snake), None);
        assert_eq!(
            id(&OPEN_VARIANTS, "other", Case::UpperCamel).as_deref(),
            Some("Other_")
        );
    }

    #[test]
    fn underscore_led_fields_keep_one_underscore() {
        use crate::diag::SourceFile;
        use std::sync::Arc;
        let mut d = Diagnostics::new(Arc::new(SourceFile::new("t.md", "x")));
        let mut scope = FieldScope::new(&FIELDS, &[]);
        let at = Span::default();
        let mut claim = |w: &str| scope.claim(w, at, "property", &mut d);
        assert_eq!(claim("_id"), "_id");
        assert_eq!(claim("id"), "id");
        assert_eq!(claim("__v"), "_v");
        assert_eq!(claim("_type"), "_type");
        assert_eq!(claim("type"), "r#type");
        assert_eq!(claim("additional"), "additional_");
        assert_eq!(claim("_9"), "_n9");
        assert_eq!(claim("_"), "_invalid");
        assert_eq!(claim("_V"), "_v");
        let out = d.render();
        assert!(
            out.contains("property `_V` and `__v` would both be named `_v`"),
            "{out}"
        );
        assert!(out.contains("property name `_` has no letters"), "{out}");
    }
}
