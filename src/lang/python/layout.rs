//! Line layout the way `ruff format` (black style, line length 88) leaves it, for the few shapes
//! the templates print. The output must already be a fixed point of the formatter, so where the
//! width decides, it is decided here.
//!
//! The main trick is the *magic trailing comma*: a bracketed list that ends with a comma stays
//! one item per line whatever its width. So a call either fits on one line, or is exploded with a
//! trailing comma, and both are fixed points. Single-element tuples and subscripts are the
//! exception (their comma is not magic); they get ruff's exact three shapes.

use super::text::width;

/// `ruff format`'s default line length.
pub(crate) const LINE_LENGTH: usize = 88;

fn pad(indent: usize) -> String {
    " ".repeat(indent)
}

/// Whether a line fits in [`LINE_LENGTH`].
pub(crate) fn fits_line(line: &str) -> bool {
    width(line) <= LINE_LENGTH
}

/// A bracketed list with one item per line and a trailing comma: `head` ends with the opening
/// bracket, `tail` starts with the closing one. With no items, `head` and `tail` join.
pub(crate) fn exploded(indent: usize, head: &str, items: &[String], tail: &str) -> String {
    let p = pad(indent);
    if items.is_empty() {
        return format!("{p}{head}{tail}");
    }
    let mut out = format!("{p}{head}\n");
    for item in items {
        out.push_str(&indent_lines(&format!("{item},"), indent + 4));
        out.push('\n');
    }
    out.push_str(&p);
    out.push_str(tail);
    out
}

/// A call-shaped construct: `head(a, b, c)tail` on one line when it fits, else [`exploded`].
/// Items must be single-line.
pub(crate) fn call(indent: usize, head: &str, items: &[String], tail: &str) -> String {
    let one = format!("{}{head}{}{tail}", pad(indent), items.join(", "));
    if items.iter().all(|i| !i.contains('\n')) && fits_line(&one) {
        one
    } else {
        exploded(indent, head, items, tail)
    }
}

/// A tuple display `(a, b)` on the right of `head`: exploded for two or more items, `()` for
/// none, and for one item `("x",)` when it fits, else the item on its own line.
pub(crate) fn tuple(indent: usize, head: &str, items: &[String]) -> String {
    match items {
        [one] => {
            let line = format!("{}{head}({one},)", pad(indent));
            if fits_line(&line) {
                line
            } else {
                exploded(indent, &format!("{head}("), items, ")")
            }
        }
        _ => exploded(indent, &format!("{head}("), items, ")"),
    }
}

/// A subscript `Name[a, b]` after `head` (`head` ends with `Name[`): exploded for two or more
/// items; a single item stays on the line when it fits, else goes on its own line without a
/// comma (a single subscript's trailing comma is not magic).
pub(crate) fn subscript(indent: usize, head: &str, items: &[String]) -> String {
    match items {
        [one] => {
            let p = pad(indent);
            let line = format!("{p}{head}{one}]");
            if fits_line(&line) {
                line
            } else {
                format!("{p}{head}\n{}{one}\n{p}]", pad(indent + 4))
            }
        }
        _ => exploded(indent, head, items, "]"),
    }
}

/// `Name: TypeAlias = A | B | C` at top level: one line, or the union in parentheses on one
/// line, or one member per line with leading `|`. No members gives `NoReturn`.
pub(crate) fn union_alias(name: &str, members: &[String]) -> String {
    let head = format!("{name}: TypeAlias = ");
    if members.is_empty() {
        return format!("{head}NoReturn");
    }
    let joined = members.join(" | ");
    let one = format!("{head}{joined}");
    if fits_line(&one) || members.len() == 1 {
        return one;
    }
    let inner = format!("    {joined}");
    if fits_line(&inner) {
        return format!("{head}(\n{inner}\n)");
    }
    let mut out = format!("{head}(\n");
    for (i, m) in members.iter().enumerate() {
        out.push_str(if i == 0 { "    " } else { "    | " });
        out.push_str(m);
        out.push('\n');
    }
    out.push(')');
    out
}

/// `head = atom` (head without the `=`): one line when it fits; else the atom in parentheses on
/// its own line when that fits; else one line anyway (ruff leaves an atom it cannot shorten).
pub(crate) fn assign(indent: usize, head: &str, atom: &str) -> String {
    let p = pad(indent);
    let one = format!("{p}{head} = {atom}");
    let inner = format!("{}{atom}", pad(indent + 4));
    if fits_line(&one) || !fits_line(&inner) {
        one
    } else {
        format!("{p}{head} = (\n{inner}\n{p})")
    }
}

/// What follows a field's annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Default {
    /// A required field: no default.
    Required,
    /// An optional field: `= None`.
    None,
    /// A group whose properties are all optional: `= field(default_factory=Group)`.
    Factory(String),
}

/// A dataclass field declaration at indent 4.
pub(crate) fn field(ident: &str, ty: &str, default: &Default) -> String {
    let one = match default {
        Default::Required => format!("    {ident}: {ty}"),
        Default::None => format!("    {ident}: {ty} = None"),
        Default::Factory(g) => format!("    {ident}: {ty} = field(default_factory={g})"),
    };
    if fits_line(&one) {
        return one;
    }
    match default {
        Default::None => format!("    {ident}: (\n        {ty}\n    ) = None"),
        Default::Factory(g) => {
            format!("    {ident}: {ty} = field(\n        default_factory={g},\n    )")
        }
        Default::Required => {
            let head = format!("    {ident}: ");
            match ty.split_once('[') {
                Some((name, rest)) if !ty.contains(" | ") => {
                    let inner = rest.strip_suffix(']').unwrap_or(rest);
                    format!("{head}{name}[\n        {inner}\n    ]")
                }
                _ if fits_line(&format!("{head}(")) => format!("{head}(\n        {ty}\n    )"),
                _ => one,
            }
        }
    }
}

/// Indents every non-empty line of `text` by `indent` spaces.
pub(crate) fn indent_lines(text: &str, indent: usize) -> String {
    let p = pad(indent);
    text.split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{p}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn calls_fit_or_explode() {
        assert_eq!(
            call(8, "v0 = f(", &s(&["a", "b"]), ")"),
            "        v0 = f(a, b)"
        );
        let long = "x".repeat(80);
        assert_eq!(
            call(8, "v0 = f(", &s(&["a", &long]), ")"),
            format!("        v0 = f(\n            a,\n            {long},\n        )")
        );
        assert_eq!(call(0, "f(", &[], ")"), "f()");
    }

    #[test]
    fn single_items() {
        assert_eq!(tuple(0, "X = ", &s(&["\"a\""])), "X = (\"a\",)");
        assert_eq!(tuple(0, "X = ", &[]), "X = ()");
        let long = format!("\"{}\"", "y".repeat(90));
        assert_eq!(
            tuple(0, "X = ", &s(&[&long])),
            format!("X = (\n    {long},\n)")
        );
        assert_eq!(subscript(0, "A = L[", &s(&["\"a\""])), "A = L[\"a\"]");
        assert_eq!(
            subscript(0, "A = L[", &s(&[&long])),
            format!("A = L[\n    {long}\n]")
        );
        assert_eq!(
            subscript(0, "A = L[", &s(&["1", "2"])),
            "A = L[\n    1,\n    2,\n]"
        );
    }

    #[test]
    fn unions() {
        assert_eq!(union_alias("E", &s(&["A", "B"])), "E: TypeAlias = A | B");
        assert_eq!(union_alias("E", &[]), "E: TypeAlias = NoReturn");
        let many: Vec<String> = (0..9).map(|i| format!("Event{i}")).collect();
        assert_eq!(
            union_alias("E", &many),
            "E: TypeAlias = (\n    Event0 | Event1 | Event2 | Event3 | Event4 | Event5 | Event6 | Event7 | Event8\n)"
        );
        let more: Vec<String> = (0..12).map(|i| format!("Event{i}")).collect();
        assert!(union_alias("E", &more).contains("\n    | Event11\n)"));
    }

    #[test]
    fn fields() {
        assert_eq!(
            field("a", "str | None", &Default::None),
            "    a: str | None = None"
        );
        let long = "f".repeat(80);
        assert_eq!(
            field(&long, "str | None", &Default::None),
            format!("    {long}: (\n        str | None\n    ) = None")
        );
        assert_eq!(
            field(&long, "dict[str, JsonValue]", &Default::Required),
            format!("    {long}: dict[\n        str, JsonValue\n    ]")
        );
        assert_eq!(
            field(&long, "G", &Default::Factory("G".into())),
            format!("    {long}: G = field(\n        default_factory=G,\n    )")
        );
    }
}
