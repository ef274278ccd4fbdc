//! Names in the schema. JSON Schema has no identifiers: `$defs` keys are the model's ids with a
//! kind prefix (`event.element_click`, `group.form`, `enum.element_type`, `object.contact`,
//! `lifecycle.interaction`), property keys are wire
//! names verbatim, enum values are wire values. So there are no keywords to escape and no casing;
//! what is left is (1) making every `$ref` a correct URI fragment for any id, and (2) refusing
//! models whose names would collide in the schema (same `$defs` key, same event name).

use crate::diag::{Diagnostic, Diagnostics, Severity, Span};
use crate::model::Model;

/// The `$defs` key of an event.
pub(super) fn event_key(id: &str) -> String {
    format!("event.{id}")
}

/// The `$defs` key of a data group.
pub(super) fn group_key(id: &str) -> String {
    format!("group.{id}")
}

/// The `$defs` key of a named enum.
pub(super) fn enum_key(name: &str) -> String {
    format!("enum.{name}")
}

/// The `$defs` key of an object type.
pub(super) fn object_key(id: &str) -> String {
    format!("object.{id}")
}

/// The `$defs` key of a lifecycle.
pub(super) fn lifecycle_key(id: &str) -> String {
    format!("lifecycle.{id}")
}

/// The `$ref` that points at `$defs/<key>` in the same document: a URI fragment holding an
/// RFC 6901 pointer (`~` → `~0`, `/` → `~1`), percent-encoded where RFC 3986 does not allow the
/// character in a fragment (so `%`, spaces, quotes and non-ASCII are `%XX` UTF-8 bytes).
pub(super) fn def_ref(key: &str) -> String {
    format!("#/$defs/{}", fragment(&pointer_token(key)))
}

/// One RFC 6901 reference token.
pub(super) fn pointer_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Percent-encodes `s` for a URI fragment. Keeps RFC 3986 `unreserved`, `sub-delims`, `:`, `@`,
/// `/` and `?`; everything else (including `%` itself) becomes `%XX`.
pub(super) fn fragment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The schema's `$id`: `urn:trackgen:<spec name>`. A URN rather than an `https://` address
/// because we do not host the schema anywhere (an `https` id would promise a location that does
/// not exist), and rather than a relative id because a relative root `$id` depends on where the
/// file was loaded from, which 2020-12 leaves to the implementation. Characters outside RFC 3986
/// `unreserved` are percent-encoded.
pub(super) fn schema_id(spec_name: &str) -> String {
    let mut nss = String::with_capacity(spec_name.len());
    for b in spec_name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            nss.push(char::from(b));
        } else {
            nss.push_str(&format!("%{b:02X}"));
        }
    }
    format!("urn:trackgen:{nss}")
}

/// The output file name: `<spec name>.schema.json`.
pub(super) fn file_name(spec_name: &str) -> String {
    format!("{spec_name}.schema.json")
}

/// Reports what would collide in the schema: two `$defs` entries with the same key, or two events
/// with the same wire name (the envelope's `event` could not tell them apart). Lowering already
/// refuses duplicate ids; this is the backend's own guard, with both spec lines.
pub(super) fn check_collisions(model: &Model, d: &mut Diagnostics) {
    let mut keys: crate::NameMap<String, Span> = crate::NameMap::default();
    let mut claim = |key: String, at: Span, d: &mut Diagnostics| {
        if let Some(first) = keys.get(&key) {
            d.push(
                Diagnostic::new(
                    Severity::Error,
                    "name-collision",
                    at,
                    format!("two definitions would both be `$defs/{key}` in the JSON Schema"),
                )
                .with_label(*first, "the other one")
                .with_help("rename one of them in the spec"),
            );
        } else {
            keys.insert(key, at);
        }
    };
    for ev in &model.events {
        claim(event_key(&ev.id), ev.span, d);
    }
    for g in &model.groups {
        claim(group_key(&g.id), g.span, d);
    }
    let enum_uses = first_enum_uses(model);
    for e in &model.enums {
        // Enums carry a line, not a span: point at the first row that uses the enum.
        let at = enum_uses.get(e.name.as_str()).copied().unwrap_or_default();
        claim(enum_key(&e.name), at, d);
    }
    for o in &model.objects {
        claim(object_key(&o.id), o.span, d);
    }
    for l in &model.lifecycles {
        // Lifecycles carry a line, not a span: point at the start of that line.
        let at = d.file().offset(l.line, 1);
        claim(lifecycle_key(&l.id), Span::new(at, at), d);
    }

    let mut names: crate::NameMap<&str, Span> = crate::NameMap::default();
    for ev in &model.events {
        if let Some(first) = names.get(ev.name.as_str()) {
            d.push(
                Diagnostic::new(
                    Severity::Error,
                    "name-collision",
                    ev.span,
                    format!("two events are both sent as `{}`", ev.name),
                )
                .with_label(*first, "the other one")
                .with_help("rename one of them in the spec"),
            );
        } else {
            names.insert(&ev.name, ev.span);
        }
    }
}

/// For each enum, the span of the first property (envelope, events, groups, then object types)
/// whose type uses it.
fn first_enum_uses(model: &Model) -> crate::NameMap<&str, Span> {
    crate::lang::first_enum_uses(
        model
            .envelope
            .iter()
            .chain(model.events.iter().flat_map(|e| e.properties.iter()))
            .chain(model.groups.iter().flat_map(|g| g.properties.iter()))
            .chain(model.objects.iter().flat_map(|o| o.properties.iter())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(event_key("element_click"), "event.element_click");
        assert_eq!(group_key("form"), "group.form");
        assert_eq!(enum_key("element_type"), "enum.element_type");
        assert_eq!(object_key("contact_event"), "object.contact_event");
        assert_eq!(lifecycle_key("interaction"), "lifecycle.interaction");
        assert_eq!(file_name("onlive"), "onlive.schema.json");
    }

    #[test]
    fn refs_are_pointer_escaped_then_percent_encoded() {
        assert_eq!(
            def_ref("event.element_click"),
            "#/$defs/event.element_click"
        );
        assert_eq!(def_ref("enum.a/b~c"), "#/$defs/enum.a~1b~0c");
        assert_eq!(def_ref("enum.a b"), "#/$defs/enum.a%20b");
        assert_eq!(def_ref("enum.100%"), "#/$defs/enum.100%25");
        assert_eq!(def_ref("enum.\"q\""), "#/$defs/enum.%22q%22");
        assert_eq!(def_ref("enum.#x"), "#/$defs/enum.%23x");
        assert_eq!(def_ref("enum.é"), "#/$defs/enum.%C3%A9");
        assert_eq!(def_ref("enum.🎉"), "#/$defs/enum.%F0%9F%8E%89");
        assert_eq!(def_ref("enum.a\\b"), "#/$defs/enum.a%5Cb");
        assert_eq!(def_ref("enum.{x}`y`"), "#/$defs/enum.%7Bx%7D%60y%60");
        assert_eq!(def_ref("enum.__v-9:@"), "#/$defs/enum.__v-9:@");
        assert_eq!(def_ref("enum.\u{2028}\n"), "#/$defs/enum.%E2%80%A8%0A");
    }

    #[test]
    fn fragment_output_is_plain_ascii_without_delimiters() {
        let hostile = "*/ \"\"\" ''' \\ ` ${x} {y} <b> # % \u{0} \u{202E} שלום";
        let f = fragment(&pointer_token(hostile));
        assert!(f.is_ascii());
        assert!(!f.contains(['#', ' ', '"', '\\', '`', '{', '}', '<', '>', '\0']));
        // Every `%` starts an escape.
        for (i, _) in f.match_indices('%') {
            let hex = f.get(i + 1..i + 3).unwrap();
            assert!(hex.chars().all(|c| c.is_ascii_hexdigit()), "{f}");
        }
    }

    #[test]
    fn schema_ids() {
        assert_eq!(schema_id("onlive"), "urn:trackgen:onlive");
        assert_eq!(schema_id("all-types_2.x"), "urn:trackgen:all-types_2.x");
        assert_eq!(schema_id("my spec"), "urn:trackgen:my%20spec");
        assert_eq!(schema_id("a/b#c"), "urn:trackgen:a%2Fb%23c");
        assert_eq!(schema_id("ünï"), "urn:trackgen:%C3%BCn%C3%AF");
    }

    fn load(text: &str) -> Model {
        crate::load_str("x.md", "x", text).unwrap().model
    }

    fn diagnostics() -> Diagnostics {
        use crate::diag::SourceFile;
        Diagnostics::new(std::sync::Arc::new(SourceFile::new("x.md", "")))
    }

    #[test]
    fn distinct_names_pass() {
        let model = load(
            "# T\n\n## Events\n\n### A `a`\n\n| Property | Data Type | Possible Values | Description |\n\
             |---|---|---|---|\n| k | string (enum) | \"x\" | k |\n\n### B `b`\n\nNo properties.\n",
        );
        let mut d = diagnostics();
        check_collisions(&model, &mut d);
        assert_eq!(d.error_count(), 0);
    }

    #[test]
    fn two_events_sent_under_one_name_are_an_error() {
        // `Foo Bar` (title, no id) is sent as "Foo Bar"; so is the event with the explicit id.
        let model =
            load("# T\n\n## Events\n\n### Foo Bar\n\nOne.\n\n### Other `Foo Bar`\n\nTwo.\n");
        assert_eq!(model.events.len(), 2, "{:?}", model.events);
        let mut d = diagnostics();
        check_collisions(&model, &mut d);
        assert_eq!(d.error_count(), 1);
        assert!(d.items().iter().any(|x| x.code == "name-collision"));
    }
}
