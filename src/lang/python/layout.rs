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

/// Appends `indent` spaces.
fn push_pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Whether a line fits in [`LINE_LENGTH`].
pub(crate) fn fits_line(line: &str) -> bool {
    width(line) <= LINE_LENGTH
}

/// A bracketed list with one item per line and a trailing comma: `head` ends with the opening
/// bracket, `tail` starts with the closing one. With no items, `head` and `tail` join.
pub(crate) fn exploded(indent: usize, head: &str, items: &[String], tail: &str) -> String {
    let mut out = String::with_capacity(
        head.len() + tail.len() + items.iter().map(|i| i.len() + indent + 6).sum::<usize>(),
    );
    push_pad(&mut out, indent);
    out.push_str(head);
    if items.is_empty() {
        out.push_str(tail);
        return out;
    }
    out.push('\n');
    for item in items {
        push_indented(&mut out, item, indent + 4);
        out.push_str(",\n");
    }
    push_pad(&mut out, indent);
    out.push_str(tail);
    out
}

/// An expression the layout can split: an atom (never split) or a call whose arguments explode
/// one per line with a magic trailing comma when the call does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expr {
    /// Printed as is.
    Atom(String),
    /// `head` (ending with the opening bracket), arguments, `tail` (starting with the closing one).
    Call {
        /// `f(`.
        head: String,
        /// The arguments.
        args: Vec<Expr>,
        /// `)`, `) -> None:`...
        tail: String,
    },
}

impl Expr {
    /// An atom.
    pub(crate) fn atom(s: impl Into<String>) -> Expr {
        Expr::Atom(s.into())
    }

    /// The expression on one line, appended to `out`.
    fn push_flat(&self, out: &mut String) {
        match self {
            Expr::Atom(s) => out.push_str(s),
            Expr::Call { head, args, tail } => {
                out.push_str(head);
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    a.push_flat(out);
                }
                out.push_str(tail);
            }
        }
    }

    /// The length in bytes of [`Expr::push_flat`]'s text, without building it.
    fn flat_len(&self) -> usize {
        match self {
            Expr::Atom(s) => s.len(),
            Expr::Call { head, args, tail } => {
                head.len()
                    + tail.len()
                    + args.iter().map(Expr::flat_len).sum::<usize>()
                    + 2 * args.len().saturating_sub(1)
            }
        }
    }

    /// The display width of [`Expr::push_flat`]'s text, without building it.
    fn flat_width(&self) -> usize {
        match self {
            Expr::Atom(s) => width(s),
            Expr::Call { head, args, tail } => {
                width(head)
                    + width(tail)
                    + args.iter().map(Expr::flat_width).sum::<usize>()
                    + 2 * args.len().saturating_sub(1)
            }
        }
    }

    /// Appends the expression at `indent`, followed by `suffix` (`,` inside an exploded list):
    /// one line when it fits, else a call's arguments one per line, each laid out the same way.
    fn render_into(&self, out: &mut String, indent: usize, suffix: &str) {
        let fits = indent + self.flat_width() + width(suffix) <= LINE_LENGTH;
        match self {
            Expr::Call { head, args, tail } if !args.is_empty() && !fits => {
                push_pad(out, indent);
                out.push_str(head);
                out.push('\n');
                for a in args {
                    a.render_into(out, indent + 4, ",");
                    out.push('\n');
                }
                push_pad(out, indent);
                out.push_str(tail);
                out.push_str(suffix);
            }
            _ => {
                push_pad(out, indent);
                self.push_flat(out);
                out.push_str(suffix);
            }
        }
    }
}

/// A call-shaped construct: `head(a, b, c)tail` on one line when it fits, else one argument per
/// line with a trailing comma (nested calls split the same way when they do not fit).
pub(crate) fn call_expr(indent: usize, head: &str, args: Vec<Expr>, tail: &str) -> String {
    let call = Expr::Call {
        head: head.to_owned(),
        args,
        tail: tail.to_owned(),
    };
    // Room for the flat text plus, when it splits, each top-level argument's indent, comma and
    // newline: growing the string as it was written was a tenth of the Python backend.
    let lines = match &call {
        Expr::Call { args, .. } => args.len() + 2,
        Expr::Atom(_) => 1,
    };
    let mut out = String::with_capacity(call.flat_len() + lines * (indent + 6));
    call.render_into(&mut out, indent, "");
    out
}

/// [`call_expr`] with atoms only.
pub(crate) fn call(indent: usize, head: &str, items: &[String], tail: &str) -> String {
    call_expr(indent, head, items.iter().map(Expr::atom).collect(), tail)
}

/// `NAME: tuple[Alias, ...] = (values)`: the values exploded (or one value inline when it fits);
/// when even the head does not fit, ruff splits the annotation's brackets first.
pub(crate) fn values_tuple(name: &str, alias: &str, items: &[String]) -> String {
    let head = format_line!("{name}: tuple[{alias}, ...] = ");
    if fits_line(&format_line!("{head}(")) || items.is_empty() {
        return tuple(0, &head, items);
    }
    let split_head = format_line!("{name}: tuple[\n    {alias}, ...\n] = ");
    match items {
        [one] => format_line!("{split_head}({one},)"),
        _ => exploded(0, &format_line!("{split_head}("), items, ")"),
    }
}

/// `Name: TypeAlias = Literal[values]`: exploded for two or more values; one value inline, or on
/// its own line in the brackets, or the whole `Literal[...]` in parentheses, whichever fits first.
pub(crate) fn literal_alias(name: &str, items: &[String]) -> String {
    let head = format_line!("{name}: TypeAlias = Literal[");
    match items {
        [one] => {
            let line = format_line!("{head}{one}]");
            if fits_line(&line) {
                line
            } else if fits_line(&head) {
                format_line!("{head}\n    {one}\n]")
            } else if fits_line(&format_line!("    Literal[{one}]")) {
                format_line!("{name}: TypeAlias = (\n    Literal[{one}]\n)")
            } else {
                line
            }
        }
        _ => exploded(0, &head, items, "]"),
    }
}

/// `Name: TypeAlias = Literal[values] | str` (an open enum): one value on one line, or the union
/// in parentheses on one line, or split before `| str`, or the value on its own line; two or more
/// values exploded (magic trailing comma), always with `| str` on its own line.
pub(crate) fn open_literal_alias(name: &str, items: &[String]) -> String {
    let head = format_line!("{name}: TypeAlias = ");
    if let [one] = items {
        let literal = format_line!("Literal[{one}]");
        let line = format_line!("{head}{literal} | str");
        if fits_line(&line) {
            return line;
        }
        if fits_line(&format_line!("    {literal} | str")) {
            return format_line!("{head}(\n    {literal} | str\n)");
        }
        if fits_line(&format_line!("    {literal}")) {
            return format_line!("{head}(\n    {literal}\n    | str\n)");
        }
        return format_line!("{head}(\n    Literal[\n        {one}\n    ]\n    | str\n)");
    }
    let literal = exploded(4, "Literal[", items, "]");
    format_line!("{head}(\n{literal}\n    | str\n)")
}

/// A type annotation the layout can split: a name, or a subscript `name[args]`. A subscript that
/// does not fit puts its arguments on their own lines: one argument without a comma (a
/// single-element subscript has no magic comma), several with a trailing comma each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ann {
    /// Printed as is.
    Name(String),
    /// `name[args]`.
    Sub(String, Vec<Ann>),
}

impl Ann {
    /// A name.
    pub(crate) fn name(s: impl Into<String>) -> Ann {
        Ann::Name(s.into())
    }

    /// `name[args]`.
    pub(crate) fn sub(name: &str, args: Vec<Ann>) -> Ann {
        Ann::Sub(name.to_owned(), args)
    }

    /// The annotation on one line.
    pub(crate) fn flat(&self) -> String {
        match self {
            Ann::Name(s) => s.clone(),
            Ann::Sub(name, args) => {
                let args: Vec<String> = args.iter().map(Ann::flat).collect();
                format_line!("{name}[{}]", args.join(", "))
            }
        }
    }

    /// The annotation at `indent` followed by `suffix`, split where it does not fit.
    fn render(&self, indent: usize, suffix: &str) -> String {
        let p = pad(indent);
        let one = format_line!("{p}{}{suffix}", self.flat());
        match self {
            Ann::Sub(name, args) if !fits_line(&one) && !args.is_empty() => {
                let mut out = format_line!("{p}{name}[\n");
                let comma = if args.len() == 1 { "" } else { "," };
                for a in args {
                    out.push_str(&a.render(indent + 4, comma));
                    out.push('\n');
                }
                out.push_str(&format_line!("{p}]{suffix}"));
                out
            }
            _ => one,
        }
    }
}

/// The right-hand side of a [`class_constant`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rhs {
    /// A tuple display (see [`tuple`]).
    Tuple(Vec<String>),
    /// A dict display, exploded (items `key: value`, already laid out from column 0).
    Dict(Vec<String>),
}

/// `NAME: ClassVar[inner] = rhs` at `indent`: when the line up to the opening bracket of `rhs`
/// does not fit, `ruff format` splits the annotation's brackets first (`ClassVar[` on the first
/// line, `] = (` on the last), then the value.
pub(crate) fn class_constant(indent: usize, name: &str, inner: &Ann, rhs: &Rhs) -> String {
    let p = pad(indent);
    let annotation = Ann::sub("ClassVar", vec![inner.clone()]);
    let open = match rhs {
        Rhs::Tuple(_) => "(",
        Rhs::Dict(_) => "{",
    };
    let head = format_line!("{name}: {} = ", annotation.flat());
    let (prefix, head) = if fits_line(&format_line!("{p}{head}{open}")) {
        (String::new(), head)
    } else {
        let ann = inner.render(indent + 4, "");
        (
            format_line!("{p}{name}: ClassVar[\n{ann}\n"),
            "] = ".to_owned(),
        )
    };
    let value = match rhs {
        Rhs::Tuple(items) => tuple(indent, &head, items),
        Rhs::Dict(items) => exploded(indent, &format_line!("{head}{{"), items, "}"),
    };
    format_line!("{prefix}{value}")
}

/// A tuple as an item of an exploded list at `indent` (followed by a comma): `head(a, b)` on
/// one line when that fits (no magic comma), else exploded; `(a,)` for one item, `()` for none.
pub(crate) fn inline_tuple(indent: usize, head: &str, items: &[String]) -> String {
    let one = match items {
        [] => format_line!("{head}()"),
        [x] => format_line!("{head}({x},)"),
        _ => format_line!("{head}({})", items.join(", ")),
    };
    if fits_line(&format_line!("{}{one},", pad(indent))) {
        one
    } else {
        exploded(0, &format_line!("{head}("), items, ")")
    }
}

/// A tuple display `(a, b)` on the right of `head`: exploded for two or more items, `()` for
/// none, and for one item `("x",)` when it fits, else the item on its own line.
pub(crate) fn tuple(indent: usize, head: &str, items: &[String]) -> String {
    match items {
        [one] => {
            let line = format_line!("{}{head}({one},)", pad(indent));
            if fits_line(&line) {
                line
            } else {
                exploded(indent, &format_line!("{head}("), items, ")")
            }
        }
        _ => exploded(indent, &format_line!("{head}("), items, ")"),
    }
}

/// `Name: TypeAlias = A | B | C` at top level: one line, or the union in parentheses on one
/// line, or one member per line with leading `|`. No members gives `NoReturn`.
pub(crate) fn union_alias(name: &str, members: &[String]) -> String {
    let head = format_line!("{name}: TypeAlias = ");
    if members.is_empty() {
        return format_line!("{head}NoReturn");
    }
    let joined = members.join(" | ");
    let one = format_line!("{head}{joined}");
    if fits_line(&one) || members.len() == 1 {
        return one;
    }
    let inner = format_line!("    {joined}");
    if fits_line(&inner) {
        return format_line!("{head}(\n{inner}\n)");
    }
    let mut out = format_line!("{head}(\n");
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
    let one = format_line!("{p}{head} = {atom}");
    let inner = format_line!("{}{atom}", pad(indent + 4));
    if fits_line(&one) || !fits_line(&inner) {
        one
    } else {
        format_line!("{p}{head} = (\n{inner}\n{p})")
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
        Default::Required => format_line!("    {ident}: {ty}"),
        Default::None => format_line!("    {ident}: {ty} = None"),
        Default::Factory(g) => format_line!("    {ident}: {ty} = field(default_factory={g})"),
    };
    if fits_line(&one) {
        return one;
    }
    match default {
        Default::None => format_line!(
            "    {ident}: (\n{}\n    ) = None",
            annotation(8, "", ty, "")
        ),
        Default::Factory(g) => {
            format_line!("    {ident}: {ty} = field(\n        default_factory={g},\n    )")
        }
        Default::Required => {
            if union_members(ty).len() > 1 {
                if fits_line(&format_line!("    {ident}: (")) {
                    format_line!("    {ident}: (\n{}\n    )", annotation(8, "", ty, ""))
                } else {
                    one
                }
            } else {
                annotation(4, &format_line!("{ident}: "), ty, "")
            }
        }
    }
}

/// The members of a type expression's top-level union (`A | dict[str, B | C]` → `A`,
/// `dict[str, B | C]`).
fn union_members(ty: &str) -> Vec<&str> {
    split_top(ty, " | ")
}

/// Splits `text` at `sep` outside brackets.
fn split_top<'a>(text: &'a str, sep: &str) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = text.get(i..).unwrap_or_default();
        if depth == 0 && rest.starts_with(sep) {
            parts.push(text.get(start..i).unwrap_or_default());
            i += sep.len();
            start = i;
            continue;
        }
        match rest.chars().next() {
            Some('[' | '(') => depth += 1,
            Some(']' | ')') => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    parts.push(text.get(start..).unwrap_or_default());
    parts
}

/// `name[args]` split into the name and its top-level arguments.
fn subscript(ty: &str) -> Option<(&str, Vec<&str>)> {
    let (name, rest) = ty.split_once('[')?;
    let inner = rest.strip_suffix(']')?;
    if name.is_empty() || name.contains(' ') || split_top(inner, "]").len() > 1 {
        return None;
    }
    Some((name, split_top(inner, ", ")))
}

/// A type expression at `indent` after `lead` (`x: `, `| `), followed by `suffix`, split the way
/// `ruff format` splits it when it does not fit: a union one member per line (each after `| `
/// but the first; the caller supplies the parentheses), a subscript with its arguments on the
/// next line (one line without a comma when they fit, else one per line with a trailing comma;
/// a single argument never gets a comma).
pub(crate) fn annotation(indent: usize, lead: &str, ty: &str, suffix: &str) -> String {
    let p = pad(indent);
    let one = format_line!("{p}{lead}{ty}{suffix}");
    if fits_line(&one) {
        return one;
    }
    let members = union_members(ty);
    if members.len() > 1 {
        let last = members.len() - 1;
        let lines: Vec<String> = members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let lead = if i == 0 { lead } else { "| " };
                annotation(indent, lead, m, if i == last { suffix } else { "" })
            })
            .collect();
        return lines.join("\n");
    }
    let Some((name, args)) = subscript(ty) else {
        return one;
    };
    let inner = pad(indent + 4);
    let body = match args.as_slice() {
        [arg] => annotation(indent + 4, "", arg, ""),
        _ if fits_line(&format_line!("{inner}{}", args.join(", "))) => {
            format_line!("{inner}{}", args.join(", "))
        }
        _ => args
            .iter()
            .map(|a| annotation(indent + 4, "", a, ","))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    format_line!("{p}{lead}{name}[\n{body}\n{p}]{suffix}")
}

/// Appends `text` with every non-empty line indented by `indent` spaces.
fn push_indented(out: &mut String, text: &str, indent: usize) {
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !l.is_empty() {
            push_pad(out, indent);
            out.push_str(l);
        }
    }
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
            format_line!("        v0 = f(\n            a,\n            {long},\n        )")
        );
        assert_eq!(call(0, "f(", &[], ")"), "f()");
    }

    #[test]
    fn single_items() {
        assert_eq!(tuple(0, "X = ", &s(&["\"a\""])), "X = (\"a\",)");
        assert_eq!(tuple(0, "X = ", &[]), "X = ()");
        let long = format_line!("\"{}\"", "y".repeat(90));
        assert_eq!(
            tuple(0, "X = ", &s(&[&long])),
            format_line!("X = (\n    {long},\n)")
        );
    }

    #[test]
    fn nested_calls_split_inside_out() {
        let long = "x".repeat(75);
        let got = call_expr(
            8,
            "_rt.put(",
            vec![
                Expr::atom("out"),
                Expr::atom("\"k\""),
                Expr::Call {
                    head: "_rt.plain(".into(),
                    args: vec![Expr::atom(format_line!("self.{long}"))],
                    tail: ")".into(),
                },
            ],
            ")",
        );
        assert_eq!(
            got,
            format_line!(
                "        _rt.put(\n            out,\n            \"k\",\n            _rt.plain(\n                self.{long},\n            ),\n        )"
            )
        );
    }

    #[test]
    fn long_enum_heads() {
        let name = "N".repeat(60);
        let alias = "A".repeat(40);
        assert_eq!(
            values_tuple(&name, &alias, &["\"a\"".to_owned()]),
            format_line!("{name}: tuple[\n    {alias}, ...\n] = (\"a\",)")
        );
        assert_eq!(
            values_tuple("V", "A", &["\"a\"".to_owned()]),
            "V: tuple[A, ...] = (\"a\",)"
        );
        let alias = "A".repeat(70);
        assert_eq!(
            literal_alias(&alias, &["\"a\"".to_owned()]),
            format_line!("{alias}: TypeAlias = (\n    Literal[\"a\"]\n)")
        );
        assert_eq!(
            literal_alias("A", &["\"a\"".to_owned()]),
            "A: TypeAlias = Literal[\"a\"]"
        );
    }

    #[test]
    fn unions() {
        assert_eq!(union_alias("E", &s(&["A", "B"])), "E: TypeAlias = A | B");
        assert_eq!(union_alias("E", &[]), "E: TypeAlias = NoReturn");
        let many: Vec<String> = (0..9).map(|i| format_line!("Event{i}")).collect();
        assert_eq!(
            union_alias("E", &many),
            "E: TypeAlias = (\n    Event0 | Event1 | Event2 | Event3 | Event4 | Event5 | Event6 | Event7 | Event8\n)"
        );
        let more: Vec<String> = (0..12).map(|i| format_line!("Event{i}")).collect();
        assert!(union_alias("E", &more).contains("\n    | Event11\n)"));
    }

    #[test]
    fn open_enum_aliases_like_ruff() {
        // The shapes `ruff format` 0.17 gave `E<n>: TypeAlias = Literal["x" * n] | str`.
        let v = |n: usize| vec![format_line!("\"{}\"", "x".repeat(n))];
        assert_eq!(
            open_literal_alias("E", &v(3)),
            "E: TypeAlias = Literal[\"xxx\"] | str"
        );
        let lit = |n: usize| format_line!("Literal[\"{}\"]", "x".repeat(n));
        assert_eq!(
            open_literal_alias("E67", &v(67)),
            format_line!("E67: TypeAlias = (\n    {} | str\n)", lit(67))
        );
        assert_eq!(
            open_literal_alias("E68", &v(68)),
            format_line!("E68: TypeAlias = (\n    {}\n    | str\n)", lit(68))
        );
        assert_eq!(
            open_literal_alias("E75", &v(75)),
            format_line!(
                "E75: TypeAlias = (\n    Literal[\n        \"{}\"\n    ]\n    | str\n)",
                "x".repeat(75)
            )
        );
        assert_eq!(
            open_literal_alias("E", &s(&["\"a\"", "\"b\""])),
            "E: TypeAlias = (\n    Literal[\n        \"a\",\n        \"b\",\n    ]\n    | str\n)"
        );
    }

    #[test]
    fn class_constants_split_the_annotation_first() {
        let tuple_of = |s: &str| Ann::sub("tuple", vec![Ann::name(s), Ann::name("...")]);
        assert_eq!(
            class_constant(4, "INITIAL", &tuple_of("S"), &Rhs::Tuple(s(&["\"a\""]))),
            "    INITIAL: ClassVar[tuple[S, ...]] = (\"a\",)"
        );
        // What `ruff format` 0.17 made of the long forms.
        let long = "VeryLongLifecycleNameForTestingStateVeryLongLifecycleNameForTestingState";
        assert_eq!(
            class_constant(4, "INITIAL", &tuple_of(long), &Rhs::Tuple(s(&["\"a\""]))),
            format_line!(
                "    INITIAL: ClassVar[\n        tuple[\n            {long},\n            \
                 ...,\n        ]\n    ] = (\"a\",)"
            )
        );
        let state = "VeryLongLifecycleNameForTestingState";
        let map = Ann::sub("Mapping", vec![Ann::name(state), tuple_of(state)]);
        assert_eq!(
            class_constant(
                4,
                "TRANSITIONS2",
                &map,
                &Rhs::Dict(s(&["\"a\": (\"b\",)", "\"b\": ()"]))
            ),
            format_line!(
                "    TRANSITIONS2: ClassVar[\n        Mapping[\n            {state},\n            \
                 tuple[{state}, ...],\n        ]\n    ] = {{\n        \"a\": (\"b\",),\n        \
                 \"b\": (),\n    }}"
            )
        );
        assert_eq!(
            class_constant(
                4,
                "STATES",
                &tuple_of(state),
                &Rhs::Tuple(s(&["\"a\"", "\"b\""]))
            ),
            format_line!(
                "    STATES: ClassVar[tuple[{state}, ...]] = (\n        \"a\",\n        \"b\",\n    )"
            )
        );
    }

    #[test]
    fn long_annotations_split_like_ruff() {
        // What `ruff format` 0.17 made of these (see the layout of `records`, `records2`...).
        let long = "AVeryLongObjectTypeNameThatPushesEveryClassLinePastTheLimit";
        assert_eq!(
            field(
                "records",
                &format_line!("dict[str, dict[str, {long}]] | None"),
                &Default::None
            ),
            format_line!(
                "    records: (\n        dict[\n            str, dict[str, {long}]\n        ]\n        \
                 | None\n    ) = None"
            )
        );
        let longer = format_line!("{long}XXXXXXXXXXXXXXXXXXXXX");
        assert_eq!(
            field(
                "r",
                &format_line!("dict[str, dict[str, {longer}]] | None"),
                &Default::None
            ),
            format_line!(
                "    r: (\n        dict[\n            str,\n            dict[\n                \
                 str,\n                {longer},\n            ],\n        ]\n        | None\n    \
                 ) = None"
            )
        );
        assert_eq!(
            field(
                "records3",
                &format_line!("dict[str, dict[str, {long}]]"),
                &Default::Required
            ),
            format_line!("    records3: dict[\n        str, dict[str, {long}]\n    ]")
        );
        assert_eq!(
            field(
                "r",
                &format_line!("{long} | {long}2 | None"),
                &Default::None
            ),
            format_line!(
                "    r: (\n        {long}\n        | {long}2\n        | None\n    ) = None"
            )
        );
        let l7 = format_line!("{long}XXXXXXXXXXXXXXXXXXXXXXX");
        assert_eq!(
            field("r", &format_line!("list[{l7}] | None"), &Default::None),
            format_line!(
                "    r: (\n        list[\n            {l7}\n        ]\n        | None\n    ) = None"
            )
        );
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
            format_line!("    {long}: (\n        str | None\n    ) = None")
        );
        assert_eq!(
            field(&long, "dict[str, JsonValue]", &Default::Required),
            format_line!("    {long}: dict[\n        str, JsonValue\n    ]")
        );
        assert_eq!(
            field(&long, "G", &Default::Factory("G".into())),
            format_line!("    {long}: G = field(\n        default_factory=G,\n    )")
        );
    }
}
