//! TypeScript naming data: keywords, reserved names, the escape, and the rules for each kind of
//! identifier the backend makes. Property keys are never identifiers here: they are wire names,
//! printed as keys (quoted when they are not identifiers, see [`property_key`]).
//!
//! Choices, written down:
//! - types `UpperCamel`, tracker methods `lowerCamel`, enum value arrays `SHOUTY_SNAKE` + `_VALUES`;
//! - a keyword or reserved name gets a trailing `_` (`Tracker_`, `class_`), reported as a note;
//! - a leading digit gets a `_` prefix (`_9lives`): valid in every casing and visibly generated.

use super::super::naming::{self, Case, Rules, Scope};
use crate::diag::{Diagnostics, Span};

/// Reserved words of ECMAScript (incl. strict mode and module code) and TypeScript's keywords,
/// from the TypeScript scanner's keyword table (`textToKeywordObj` in
/// <https://github.com/microsoft/TypeScript/blob/main/src/compiler/scanner.ts>) plus the strict-mode
/// restricted bindings `arguments` and `eval`. Checked case-sensitively, so they only ever match
/// lower-case identifiers (methods), never `UpperCamel` types.
pub const KEYWORDS: &[&str] = &[
    "abstract",
    "accessor",
    "any",
    "arguments",
    "as",
    "assert",
    "asserts",
    "async",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "defer",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "global",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "intrinsic",
    "is",
    "keyof",
    "let",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "out",
    "override",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "satisfies",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "using",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Type names of the generated module itself (runtime and SDK) and globals users rely on: an
/// event called `Map` must not shadow `Map` in the module that uses it, and one called `Event`
/// must not hide the DOM's `Event` from the user's code.
pub const RESERVED_TYPES: &[&str] = &[
    // The SDK (runtime.ts and the generated parts; keep in step with templates/typescript/).
    "Check",
    "Envelope",
    "EnvelopeFields",
    "FieldSpec",
    "JsonValue",
    "LifecycleError",
    "LifecycleErrorKind",
    "LifecycleTable",
    "NoopSink",
    "ParseError",
    "ParseErrorKind",
    "ParseResult",
    "Presence",
    "RecordingSink",
    "Sink",
    "Tracker",
    "TrackerOptions",
    "Transition",
    "TypeSpec",
    // ECMAScript 2022 globals and TypeScript's utility types (lib.es2022.full.d.ts).
    "AggregateError",
    "Array",
    "ArrayBuffer",
    "ArrayBufferLike",
    "ArrayBufferView",
    "ArrayLike",
    "AsyncGenerator",
    "AsyncGeneratorFunction",
    "AsyncIterable",
    "AsyncIterableIterator",
    "AsyncIterator",
    "Atomics",
    "Awaited",
    "BigInt",
    "BigInt64Array",
    "BigUint64Array",
    "Boolean",
    "CallableFunction",
    "Capitalize",
    "ConcatArray",
    "ConstructorParameters",
    "DataView",
    "Date",
    "Error",
    "EvalError",
    "Exclude",
    "Extract",
    "FinalizationRegistry",
    "Float32Array",
    "Float64Array",
    "Function",
    "Generator",
    "GeneratorFunction",
    "IArguments",
    "Infinity",
    "InstanceType",
    "Int16Array",
    "Int32Array",
    "Int8Array",
    "Intl",
    "Iterable",
    "IterableIterator",
    "Iterator",
    "IteratorResult",
    "JSON",
    "Lowercase",
    "Map",
    "Math",
    "NaN",
    "NewableFunction",
    "NoInfer",
    "NonNullable",
    "Number",
    "Object",
    "Omit",
    "OmitThisParameter",
    "Parameters",
    "Partial",
    "Pick",
    "Promise",
    "PromiseLike",
    "PropertyDescriptor",
    "PropertyKey",
    "Proxy",
    "RangeError",
    "Readonly",
    "ReadonlyArray",
    "ReadonlyMap",
    "ReadonlySet",
    "Record",
    "ReferenceError",
    "Reflect",
    "RegExp",
    "Required",
    "ReturnType",
    "Set",
    "SharedArrayBuffer",
    "String",
    "Symbol",
    "SyntaxError",
    "TemplateStringsArray",
    "ThisParameterType",
    "ThisType",
    "TypeError",
    "TypedPropertyDescriptor",
    "URIError",
    "Uint16Array",
    "Uint32Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Uncapitalize",
    "Uppercase",
    "WeakMap",
    "WeakRef",
    "WeakSet",
    // Browser and Node.js globals that tracking code uses next to ours.
    "AbortController",
    "AbortSignal",
    "Blob",
    "Buffer",
    "Console",
    "Crypto",
    "CustomEvent",
    "Document",
    "Element",
    "ErrorEvent",
    "Event",
    "EventTarget",
    "File",
    "FocusEvent",
    "FormData",
    "Headers",
    "History",
    "HTMLElement",
    "Image",
    "InputEvent",
    "KeyboardEvent",
    "Location",
    "MessageEvent",
    "MouseEvent",
    "Navigator",
    "Node",
    "NodeJS",
    "Performance",
    "PointerEvent",
    "Request",
    "Response",
    "Storage",
    "TextDecoder",
    "TextEncoder",
    "UIEvent",
    "URL",
    "URLSearchParams",
    "WebSocket",
    "Window",
    "Worker",
];

/// Members a `Tracker` method must not be called: its own API and what every object inherits
/// (`toString`, ...). `toJSON` and `then` are reserved because `JSON.stringify` and `await` call
/// them.
pub const RESERVED_METHODS: &[&str] = &[
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "__proto__",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "then",
    "toJSON",
    "toLocaleString",
    "toString",
    "track",
    "valueOf",
];

/// Trailing underscore: `class` → `class_`, `Tracker` → `Tracker_`.
pub fn escape(id: &str) -> String {
    format_line!("{id}_")
}

/// Rules for type names and other module-level bindings.
pub const TYPE_RULES: Rules = Rules {
    keywords: KEYWORDS,
    reserved: RESERVED_TYPES,
    escape,
    digit_prefix: "_",
};

/// Rules for `Tracker` method names.
pub const METHOD_RULES: Rules = Rules {
    keywords: KEYWORDS,
    reserved: RESERVED_METHODS,
    escape,
    digit_prefix: "_",
};

/// Whether `s` can be written as a property key without quotes (an ASCII identifier name;
/// keywords are fine as keys).
pub fn is_identifier_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property key for the wire name `wire`: bare when it is an identifier name, else a string
/// literal. Keys are never escaped: they are the JSON keys.
pub fn property_key(wire: &str) -> String {
    if is_identifier_name(wire) {
        wire.to_owned()
    } else {
        super::text::string_literal(wire)
    }
}

/// Claims `{base} {suffix}` as an `UpperCamel` type name in `scope` (`form` + `group` →
/// `FormGroup`), after checking that `base` alone has something to make an identifier from (so
/// `🎉` is an error rather than a bare `Group`).
pub fn claim_type(
    scope: &mut Scope,
    base: &str,
    suffix: &str,
    at: Span,
    what: &str,
    d: &mut Diagnostics,
) -> String {
    if naming::ident(&TYPE_RULES, base, Case::UpperCamel).is_none() {
        d.error(
            "bad-identifier",
            at,
            format_line!(
                "{what} name `{base}` has no letters or digits to make an identifier from"
            ),
        );
        return "_invalid".to_owned();
    }
    let wire = if suffix.is_empty() {
        base.to_owned()
    } else {
        format_line!("{base} {suffix}")
    };
    scope.claim(&TYPE_RULES, &wire, Case::UpperCamel, at, what, d)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diag::SourceFile;

    fn diags() -> Diagnostics {
        Diagnostics::new(Arc::new(SourceFile::new("x.md", "line one\nline two\n")))
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in [KEYWORDS, RESERVED_METHODS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted, list);
        }
        let mut types = RESERVED_TYPES.to_vec();
        types.sort_unstable();
        types.dedup();
        assert_eq!(
            types.len(),
            RESERVED_TYPES.len(),
            "duplicate reserved type name"
        );
    }

    #[test]
    fn every_keyword_is_escaped_as_a_method() {
        for kw in KEYWORDS {
            let (id, escaped) = naming::ident(&METHOD_RULES, kw, Case::LowerCamel).unwrap();
            assert!(escaped, "{kw}");
            assert_eq!(id, format_line!("{kw}_"));
        }
    }

    #[test]
    fn every_reserved_method_is_escaped() {
        for name in RESERVED_METHODS {
            let (id, escaped) = naming::ident(&METHOD_RULES, name, Case::LowerCamel).unwrap();
            // heck re-cases some (`__proto__` → `proto`, `toJSON` → `toJson`): those can never be
            // produced, so they need no escape; the rest must be escaped.
            if id.trim_end_matches('_') == *name {
                assert!(escaped, "{name}");
                assert_eq!(id, format_line!("{name}_"));
            }
        }
        assert_eq!(
            naming::ident(&METHOD_RULES, "to_string", Case::LowerCamel)
                .unwrap()
                .0,
            "toString_"
        );
        assert_eq!(
            naming::ident(&METHOD_RULES, "track", Case::LowerCamel)
                .unwrap()
                .0,
            "track_"
        );
        assert_eq!(
            naming::ident(&METHOD_RULES, "then", Case::LowerCamel)
                .unwrap()
                .0,
            "then_"
        );
    }

    #[test]
    fn every_reserved_type_is_escaped() {
        for name in RESERVED_TYPES {
            let (id, escaped) = naming::ident(&TYPE_RULES, name, Case::UpperCamel).unwrap();
            // Acronyms are re-cased by heck (`JSON` → `Json`), which is already a different name.
            if id.trim_end_matches('_') == *name {
                assert!(escaped, "{name}");
                assert_eq!(id, format_line!("{name}_"));
            }
        }
        let ty = |s| naming::ident(&TYPE_RULES, s, Case::UpperCamel).unwrap().0;
        assert_eq!(ty("tracker"), "Tracker_");
        assert_eq!(ty("event"), "Event_");
        assert_eq!(ty("form_data"), "FormData_");
        assert_eq!(ty("record"), "Record_");
        assert_eq!(ty("parse_error"), "ParseError_");
        assert_eq!(ty("json_value"), "JsonValue_");
        assert_eq!(ty("element_click"), "ElementClick");
        assert_eq!(
            ty("class"),
            "Class",
            "keywords are lower case; types are not"
        );
    }

    #[test]
    fn casing_digits_and_hostile_names() {
        let m = |s| naming::ident(&METHOD_RULES, s, Case::LowerCamel).map(|r| r.0);
        let t = |s| naming::ident(&TYPE_RULES, s, Case::UpperCamel).map(|r| r.0);
        let c = |s| naming::ident(&TYPE_RULES, s, Case::ShoutySnake).map(|r| r.0);
        assert_eq!(m("element_click").as_deref(), Some("elementClick"));
        assert_eq!(
            m("Live Chat Conversation Started").as_deref(),
            Some("liveChatConversationStarted")
        );
        assert_eq!(m("9lives").as_deref(), Some("_9lives"));
        assert_eq!(t("9lives").as_deref(), Some("_9lives"));
        assert_eq!(m("class").as_deref(), Some("class_"));
        assert_eq!(m("constructor").as_deref(), Some("constructor_"));
        assert_eq!(m("__proto__").as_deref(), Some("proto"));
        assert_eq!(
            t("42_--terrible==\"event'++name~!3").as_deref(),
            Some("_42TerribleEventName3")
        );
        assert_eq!(c("element_type").as_deref(), Some("ELEMENT_TYPE"));
        assert_eq!(t("🎉"), None);
        assert_eq!(m("***"), None);
    }

    #[test]
    fn claim_type_checks_the_base_and_reports_collisions() {
        let mut d = diags();
        let mut s = Scope::new();
        assert_eq!(
            claim_type(
                &mut s,
                "form",
                "group",
                Span::new(0, 4),
                "data group",
                &mut d
            ),
            "FormGroup"
        );
        assert_eq!(
            claim_type(&mut s, "form_group", "", Span::new(9, 13), "event", &mut d),
            "FormGroup"
        );
        assert_eq!(d.error_count(), 1);
        assert!(
            d.render().contains("x.md:2:1: error[name-collision]"),
            "{}",
            d.render()
        );
        let mut d = diags();
        claim_type(&mut s, "🎉", "group", Span::new(0, 4), "data group", &mut d);
        assert!(
            d.render().contains("error[bad-identifier]"),
            "{}",
            d.render()
        );
    }

    #[test]
    fn property_keys_are_quoted_only_when_needed() {
        assert_eq!(property_key("form_name"), "form_name");
        assert_eq!(property_key("isAgent"), "isAgent");
        assert_eq!(property_key("__v"), "__v");
        assert_eq!(property_key("$ref"), "$ref");
        assert_eq!(property_key("class"), "class");
        assert_eq!(property_key("__proto__"), "__proto__");
        assert_eq!(property_key("user-id"), "\"user-id\"");
        assert_eq!(property_key("9lives"), "\"9lives\"");
        assert_eq!(property_key("café"), "\"café\"");
        assert_eq!(property_key("a b"), "\"a b\"");
        assert_eq!(property_key("say \"hi\""), "'say \"hi\"'");
        assert_eq!(property_key(""), "\"\"");
    }
}
