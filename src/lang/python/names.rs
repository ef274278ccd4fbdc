//! Python naming data: keywords, built-ins and the SDK's own names, per kind of identifier.
//!
//! Escape: a trailing `_` (PEP 8's convention: `type_`, `class_`, `Tracker_`), which keeps the name
//! public. A leading digit gets the prefix `n` (`9lives` → `n9lives`).

use crate::lang::naming::Rules;

/// Hard keywords (`keyword.kwlist`) and soft keywords (`keyword.softkwlist`, `type` from 3.12),
/// https://docs.python.org/3/reference/lexical_analysis.html#keywords
#[cfg(test)]
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "_", "and", "as", "assert", "async", "await", "break", "case",
    "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass",
    "raise", "return", "try", "type", "while", "with", "yield",
];

/// Lower-case names of the `builtins` module (`dir(builtins)`, Python 3.11–3.13),
/// https://docs.python.org/3/library/functions.html. A field or method called `str` would shadow
/// the built-in inside the class body (annotations of later fields resolve to it), so they are
/// escaped in every snake-case scope; `self` and `cls` name the methods' first parameters.
const SNAKE_WORDS: &[&str] = &[
    // keywords
    "False",
    "None",
    "True",
    "_",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "case",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "match",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "type",
    "while",
    "with",
    "yield",
    // built-ins
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
    // first parameters
    "cls",
    "self",
];

/// Keywords plus the capitalised names of `builtins` (exceptions, warnings, `Ellipsis`...): a
/// class called `Exception` would shadow the built-in for everyone importing the package.
const TYPE_WORDS: &[&str] = &[
    // keywords
    "False",
    "None",
    "True",
    // built-ins
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "PythonFinalizationError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
];

/// Module-level names the generated package defines or imports itself.
pub(super) const MODULE_RESERVED: &[&str] = &[
    // the SDK (re-exported from `_runtime` or defined in `__init__`)
    "ErrorKind",
    "JsonValue",
    "NoopSink",
    "ParseError",
    "RecordingSink",
    "Sink",
    "Tracker",
    "EVENT_NAMES",
    "Envelope",
    "EnvelopeFields",
    "LifecycleError",
    "ParsedEnvelope",
    // imports of the generated modules
    "ClassVar",
    "Mapping",
    "Literal",
    "NoReturn",
    "Self",
    "TYPE_CHECKING",
    "TypeAlias",
];

/// Field names the dataclasses define themselves (`additional` holds the keys of a `*` row; it
/// is reserved in every class, so adding a `*` row never renames a field).
const FIELD_RESERVED: &[&str] = &["additional", "from_dict", "to_dict"];

/// Underscore-led names the dataclasses define themselves.
pub(super) const PRIVATE_RESERVED: &[&str] = &["_from_wire"];

/// `Tracker` members besides the per-event methods.
const METHOD_RESERVED: &[&str] = &[
    "envelope",
    "sink",
    "track",
    "tracker_name",
    "tracker_version",
];

/// Trailing underscore, PEP 8's way to avoid a clash with a keyword.
fn trailing_underscore(id: &str) -> String {
    format_line!("{id}_")
}

/// Classes, type aliases and module constants (one module namespace).
pub(super) const MODULE: Rules = Rules {
    keywords: TYPE_WORDS,
    reserved: MODULE_RESERVED,
    escape: trailing_underscore,
    digit_prefix: "n",
};

/// Dataclass fields.
pub(super) const FIELDS: Rules = Rules {
    keywords: SNAKE_WORDS,
    reserved: FIELD_RESERVED,
    escape: trailing_underscore,
    digit_prefix: "n",
};

/// `Tracker` methods.
pub(super) const METHODS: Rules = Rules {
    keywords: SNAKE_WORDS,
    reserved: METHOD_RESERVED,
    escape: trailing_underscore,
    digit_prefix: "n",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::naming::{Case, ident};

    fn id(rules: &Rules, s: &str, case: Case) -> Option<String> {
        ident(rules, s, case).map(|(i, _)| i)
    }

    #[test]
    fn keywords_are_escaped_in_snake_scopes() {
        for kw in KEYWORDS
            .iter()
            .filter(|k| k.chars().all(|c| c.is_ascii_lowercase()))
        {
            assert_eq!(
                id(&FIELDS, kw, Case::Snake),
                Some(format_line!("{kw}_")),
                "{kw}"
            );
            assert_eq!(
                id(&METHODS, kw, Case::Snake),
                Some(format_line!("{kw}_")),
                "{kw}"
            );
        }
        for kw in KEYWORDS {
            assert!(SNAKE_WORDS.contains(kw), "{kw}");
        }
    }

    #[test]
    fn soft_keywords_count() {
        for s in ["match", "case", "type"] {
            assert_eq!(id(&FIELDS, s, Case::Snake), Some(format_line!("{s}_")));
        }
        // `_` never reaches the rules: nothing usable is left.
        assert_eq!(id(&FIELDS, "_", Case::Snake), None);
    }

    #[test]
    fn builtins_and_sdk_members() {
        for b in [
            "id", "type", "list", "dict", "object", "str", "int", "float", "bool", "self",
        ] {
            assert_eq!(
                id(&FIELDS, b, Case::Snake),
                Some(format_line!("{b}_")),
                "{b}"
            );
        }
        assert_eq!(
            id(&FIELDS, "to_dict", Case::Snake).as_deref(),
            Some("to_dict_")
        );
        assert_eq!(
            id(&FIELDS, "fromDict", Case::Snake).as_deref(),
            Some("from_dict_")
        );
        assert_eq!(id(&FIELDS, "track", Case::Snake).as_deref(), Some("track"));
        assert_eq!(
            id(&FIELDS, "tracker_name", Case::Snake).as_deref(),
            Some("tracker_name")
        );
        assert_eq!(
            id(&METHODS, "track", Case::Snake).as_deref(),
            Some("track_")
        );
        assert_eq!(id(&METHODS, "sink", Case::Snake).as_deref(), Some("sink_"));
        assert_eq!(
            id(&METHODS, "Tracker Name", Case::Snake).as_deref(),
            Some("tracker_name_")
        );
        assert_eq!(
            id(&METHODS, "element_click", Case::Snake).as_deref(),
            Some("element_click")
        );
    }

    #[test]
    fn capitalised_keywords_and_module_names() {
        for (wire, want) in [
            ("none", "None_"),
            ("true", "True_"),
            ("tracker", "Tracker_"),
            ("sink", "Sink_"),
            ("recording sink", "RecordingSink_"),
            ("noop_sink", "NoopSink_"),
            ("parse error", "ParseError_"),
            ("json value", "JsonValue_"),
            ("error_kind", "ErrorKind_"),
            ("exception", "Exception_"),
            ("value error", "ValueError_"),
            ("literal", "Literal_"),
            ("self", "Self_"),
            ("type alias", "TypeAlias_"),
            ("class var", "ClassVar_"),
            ("element_click", "ElementClick"),
        ] {
            assert_eq!(
                id(&MODULE, wire, Case::UpperCamel).as_deref(),
                Some(want),
                "{wire}"
            );
        }
        assert_eq!(
            id(&MODULE, "event names", Case::ShoutySnake).as_deref(),
            Some("EVENT_NAMES_")
        );
        assert_eq!(
            id(&MODULE, "type checking", Case::ShoutySnake).as_deref(),
            Some("TYPE_CHECKING_")
        );
    }

    #[test]
    fn casing_digits_and_garbage() {
        assert_eq!(
            id(&FIELDS, "isAgent", Case::Snake).as_deref(),
            Some("is_agent")
        );
        assert_eq!(id(&FIELDS, "__v", Case::Snake).as_deref(), Some("v"));
        assert_eq!(
            id(&FIELDS, "user-id", Case::Snake).as_deref(),
            Some("user_id")
        );
        assert_eq!(
            id(&FIELDS, "9lives", Case::Snake).as_deref(),
            Some("n9lives")
        );
        assert_eq!(
            id(&FIELDS, "__proto__", Case::Snake).as_deref(),
            Some("proto")
        );
        assert_eq!(
            id(&MODULE, "9 lives", Case::UpperCamel).as_deref(),
            Some("n9Lives")
        );
        assert_eq!(
            id(&MODULE, "class", Case::UpperCamel).as_deref(),
            Some("Class")
        );
        assert_eq!(id(&FIELDS, "🎉", Case::Snake), None);
        assert_eq!(id(&FIELDS, "--", Case::Snake), None);
    }

    #[test]
    fn every_word_is_a_python_identifier() {
        for w in SNAKE_WORDS.iter().chain(TYPE_WORDS).chain(MODULE_RESERVED) {
            assert!(
                w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{w}"
            );
        }
    }
}
