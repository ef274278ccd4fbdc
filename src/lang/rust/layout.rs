//! Where rustfmt would break a line. The generated crate must already be formatted (formatters
//! never run at generation time), and rustfmt's default layout of an expression depends on its
//! width, so the few shapes whose width depends on the spec are laid out here.
//!
//! Each function mirrors rustfmt's default heuristics (`max_width` 100, `fn_call_width` 60,
//! `array_width` 60, `struct_lit_width` 18, `short_array_element_width_threshold` 10, chains of
//! more than one element at most 60 wide), measured against rustfmt 1.9 on randomised inputs.
//! The toolchain test runs `cargo fmt --check` on every generated crate to keep them honest.

/// rustfmt's `max_width`.
const MAX_WIDTH: usize = 100;
/// rustfmt's `fn_call_width` and `array_width`.
const LIST_WIDTH: usize = 60;
/// rustfmt's `struct_lit_width`.
const STRUCT_LIT_WIDTH: usize = 18;
/// rustfmt's `short_array_element_width_threshold`.
const SHORT_ITEM: usize = 10;
/// rustfmt's `chain_width`.
const CHAIN_WIDTH: usize = 60;

/// Display width of `s` as rustfmt measures it (East Asian wide characters and emoji count
/// two columns, combining marks none).
pub(super) fn width(s: &str) -> usize {
    // Most lines are ASCII: one column per byte (checked a word at a time).
    if s.is_ascii() {
        return s.len();
    }
    s.chars()
        .map(|c| match u32::from(c) {
            0x300..=0x36f | 0x591..=0x5c7 | 0x610..=0x61a | 0x64b..=0x65f | 0x200b..=0x200f => 0,
            0x1100..=0x115f
            | 0x2e80..=0xa4cf
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6
            | 0x1f300..=0x1f64f
            | 0x1f900..=0x1f9ff
            | 0x20000..=0x3fffd => 2,
            _ => 1,
        })
        .sum()
}

/// `indent` spaces.
fn pad(indent: usize) -> std::borrow::Cow<'static, str> {
    const SPACES: &str = "                                                                ";
    match SPACES.get(..indent) {
        Some(s) => s.into(),
        None => " ".repeat(indent).into(),
    }
}

/// A call statement `{prefix}{callee}({args}){suffix}` at `indent`, e.g.
/// `let x = reader.take("x", &WireType::String)?;` or `put(&mut properties, "x", &self.x);`.
/// One line when the arguments fit in 60 columns and the line in 100; for a `let`, the call on
/// the next line when that fits; otherwise one argument per line.
pub(super) fn call(
    indent: usize,
    prefix: &str,
    callee: &str,
    args: &[String],
    suffix: &str,
) -> Vec<String> {
    // A method call followed by `?` is a two-element chain: rustfmt keeps two more columns.
    let limit = if callee.contains('.') && suffix.starts_with('?') {
        MAX_WIDTH - 2
    } else {
        MAX_WIDTH
    };
    let inner = args.join(", ");
    let one = format_line!("{callee}({inner}){suffix}");
    let args_fit = width(&inner) <= LIST_WIDTH;
    if args_fit && indent + width(prefix) + width(&one) <= limit {
        return vec![format_line!("{}{prefix}{one}", pad(indent))];
    }
    if args_fit && prefix.starts_with("let ") && indent + 4 + width(&one) <= limit {
        return vec![
            format_line!("{}{}", pad(indent), prefix.trim_end()),
            format_line!("{}{one}", pad(indent + 4)),
        ];
    }
    let mut out = vec![format_line!("{}{prefix}{callee}(", pad(indent))];
    for a in args {
        out.extend(argument(indent + 4, a));
    }
    out.push(format_line!("{}){suffix}", pad(indent)));
    out
}

/// One argument on its own line. A field path (`&self.a.b`) longer than `chain_width` is a chain
/// rustfmt breaks at every dot; an expression with calls or slices (`&WireType::Union(&[...])`)
/// follows [`expression`].
fn argument(indent: usize, arg: &str) -> Vec<String> {
    if !arg.starts_with('"') && (arg.contains('(') || arg.contains("&[")) {
        return expression(indent, "", &Expr::parse(arg), ",");
    }
    let path = arg.strip_prefix('&').unwrap_or(arg);
    let dots = path.matches('.').count();
    let is_path = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '#');
    if is_path && dots >= 2 && width(path) > CHAIN_WIDTH {
        let mut parts = path.split('.');
        let head = parts.next().unwrap_or("");
        let amp = if arg.starts_with('&') { "&" } else { "" };
        let mut out = vec![format_line!("{}{amp}{head}", pad(indent))];
        out.extend(parts.map(|p| format_line!("{}.{p}", pad(indent + 4))));
        if let Some(last) = out.last_mut() {
            last.push(',');
        }
        return out;
    }
    vec![format_line!("{}{arg},", pad(indent))]
}

/// The expressions the backend writes as arguments: paths, calls with one argument
/// (`&WireType::Array(...)`, `Some(...)`) and slices (`&[a, b]`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    /// Anything without a call or a slice (`&User::TYPE`, `WireType::String`).
    Leaf(String),
    /// `{head}{arg})`, `head` ending with `(`.
    Call(String, Box<Expr>),
    /// `&[items]`.
    Slice(Vec<Expr>),
}

impl Expr {
    /// Parses the backend's own expressions (no string literals).
    fn parse(s: &str) -> Expr {
        if let Some(inner) = s.strip_prefix("&[").and_then(|r| r.strip_suffix(']')) {
            return Expr::Slice(split_top(inner).into_iter().map(Expr::parse).collect());
        }
        match (s.find('('), s.strip_suffix(')')) {
            (Some(open), Some(body)) => match (body.get(..=open), body.get(open + 1..)) {
                (Some(head), Some(arg)) => Expr::Call(head.to_owned(), Box::new(Expr::parse(arg))),
                _ => Expr::Leaf(s.to_owned()),
            },
            _ => Expr::Leaf(s.to_owned()),
        }
    }

    /// The expression on one line.
    fn one_line(&self) -> String {
        match self {
            Expr::Leaf(s) => s.clone(),
            Expr::Call(head, arg) => format_line!("{head}{})", arg.one_line()),
            Expr::Slice(items) => {
                let items: Vec<String> = items.iter().map(Expr::one_line).collect();
                format_line!("&[{}]", items.join(", "))
            }
        }
    }

    /// Whether every call's arguments and every slice's items fit in `fn_call_width` /
    /// `array_width`, as rustfmt requires of a call or array kept on one line.
    fn narrow(&self) -> bool {
        match self {
            Expr::Leaf(_) => true,
            Expr::Call(_, arg) => width(&arg.one_line()) <= LIST_WIDTH && arg.narrow(),
            Expr::Slice(items) => {
                let all: Vec<String> = items.iter().map(Expr::one_line).collect();
                width(&all.join(", ")) <= LIST_WIDTH && items.iter().all(Expr::narrow)
            }
        }
    }
}

/// Splits `a, b(c, d), &[e, f]` at its top-level commas.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(s.get(start..i).unwrap_or("").trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = s.get(start..).unwrap_or("").trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// `{prefix}{expr}{suffix}` at `indent`: on one line when it fits and is narrow enough, else
/// [`broken`].
fn expression(indent: usize, prefix: &str, e: &Expr, suffix: &str) -> Vec<String> {
    let one = format_line!("{}{prefix}{}{suffix}", pad(indent), e.one_line());
    if width(&one) <= MAX_WIDTH && e.narrow() {
        return vec![one];
    }
    broken(indent, prefix, e, suffix)
}

/// The multi-line form: rustfmt overflows a one-argument call into its argument, down to the
/// innermost call, whose argument goes on its own line, or slice, whose items go one per line
/// (`&WireType::Map(&WireType::Ref(` / `&User::TYPE,` / `)),`). An overflowed argument is never
/// kept on one line.
fn broken(indent: usize, prefix: &str, e: &Expr, suffix: &str) -> Vec<String> {
    match e {
        Expr::Leaf(leaf) => vec![format_line!("{}{prefix}{leaf}{suffix}", pad(indent))],
        Expr::Call(head, arg) => match &**arg {
            Expr::Leaf(leaf) => vec![
                format_line!("{}{prefix}{head}", pad(indent)),
                format_line!("{}{leaf},", pad(indent + 4)),
                format_line!("{}){suffix}", pad(indent)),
            ],
            inner => broken(
                indent,
                &format_line!("{prefix}{head}"),
                inner,
                &format_line!("){suffix}"),
            ),
        },
        Expr::Slice(items) => {
            let mut out = vec![format_line!("{}{prefix}&[", pad(indent))];
            for item in items {
                out.extend(expression(indent + 4, "", item, ","));
            }
            out.push(format_line!("{}]{suffix}", pad(indent)));
            out
        }
    }
}

/// One field of a struct: `pub name: Type,`, or the type on the next line when too wide.
pub(super) fn field(indent: usize, name: &str, ty: &str) -> Vec<String> {
    let one = format_line!("{}pub {name}: {ty},", pad(indent));
    if width(&one) <= MAX_WIDTH {
        return vec![one];
    }
    vec![
        format_line!("{}pub {name}:", pad(indent)),
        format_line!("{}{ty},", pad(indent + 4)),
    ]
}

/// A match arm `pat => body,`, or `pat => {` / body / `}` when it does not fit.
pub(super) fn arm(indent: usize, pat: &str, body: &str) -> Vec<String> {
    let one = format_line!("{}{pat} => {body},", pad(indent));
    if width(&one) <= MAX_WIDTH {
        return vec![one];
    }
    vec![
        format_line!("{}{pat} => {{", pad(indent)),
        format_line!("{}{body}", pad(indent + 4)),
        format_line!("{}}}", pad(indent)),
    ]
}

/// A match arm whose body is a call: on one line, in a block when the call fits there, else
/// the call stays after `=>` with one argument per line.
pub(super) fn call_arm(indent: usize, pat: &str, callee: &str, args: &[String]) -> Vec<String> {
    let body = format_line!("{callee}({})", args.join(", "));
    if width(&format_line!("{}{pat} => {body},", pad(indent))) <= MAX_WIDTH
        || indent + 4 + width(&body) <= MAX_WIDTH
    {
        return arm(indent, pat, &body);
    }
    call(indent, &format_line!("{pat} => "), callee, args, ",")
}

/// A tuple variant `Name(Type),`, or broken over three lines when too wide.
pub(super) fn tuple_variant(indent: usize, name: &str, ty: &str) -> Vec<String> {
    let one = format_line!("{}{name}({ty}),", pad(indent));
    if width(&one) <= MAX_WIDTH {
        return vec![one];
    }
    vec![
        format_line!("{}{name}(", pad(indent)),
        format_line!("{}{ty},", pad(indent + 4)),
        format_line!("{}),", pad(indent)),
    ]
}

/// An array literal as the right-hand side of `{prefix}` (which ends with `= `), then `suffix`:
/// on one line, on the next line, in rows of short items ("mixed"), or one item per line.
pub(super) fn array(indent: usize, prefix: &str, items: &[String], suffix: &str) -> Vec<String> {
    let inner = items.join(", ");
    let one = format_line!("[{inner}]{suffix}");
    let fits = width(&inner) <= LIST_WIDTH;
    if fits && indent + width(prefix) + width(&one) <= MAX_WIDTH {
        return vec![format_line!("{}{prefix}{one}", pad(indent))];
    }
    if fits && indent + 4 + width(&one) <= MAX_WIDTH {
        return vec![
            format_line!("{}{}", pad(indent), prefix.trim_end()),
            format_line!("{}{one}", pad(indent + 4)),
        ];
    }
    let mut out = vec![format_line!("{}{prefix}[", pad(indent))];
    let inner_pad = pad(indent + 4);
    // Rows only for "simple" items: literals and one-segment paths, not `Self::A`.
    let simple = |i: &String| width(i) <= SHORT_ITEM && !i.contains("::");
    if items.len() > 1 && items.iter().all(simple) {
        // Mixed: fill rows. A row may reach column 99, the first row's last item column 100.
        let mut row = String::new();
        let mut first_row = true;
        for (n, item) in items.iter().enumerate() {
            let last = n + 1 == items.len();
            let candidate = if row.is_empty() {
                format_line!("{item},")
            } else {
                format_line!("{row} {item},")
            };
            let limit = if last && first_row {
                MAX_WIDTH
            } else {
                MAX_WIDTH - 1
            };
            if row.is_empty() || indent + 4 + width(&candidate) <= limit {
                row = candidate;
            } else {
                out.push(format_line!("{inner_pad}{row}"));
                first_row = false;
                row = format_line!("{item},");
            }
        }
        out.push(format_line!("{inner_pad}{row}"));
    } else {
        out.extend(items.iter().map(|i| format_line!("{inner_pad}{i},")));
    }
    out.push(format_line!("{}]{suffix}", pad(indent)));
    out
}

/// `{prefix}{value}{suffix}` (an item such as `pub const NAME: &'static str = "x";`), with the
/// value on the next line when the line is too long.
pub(super) fn assignment(indent: usize, prefix: &str, value: &str, suffix: &str) -> Vec<String> {
    let one = format_line!("{}{prefix}{value}{suffix}", pad(indent));
    if width(&one) <= MAX_WIDTH {
        return vec![one];
    }
    vec![
        format_line!("{}{}", pad(indent), prefix.trim_end()),
        format_line!("{}{value}{suffix}", pad(indent + 4)),
    ]
}

/// A function signature with parameters, ending in ` {`: on one line when it fits, else one
/// parameter per line.
pub(super) fn signature(indent: usize, head: &str, params: &[String], ret: &str) -> Vec<String> {
    let one = format_line!("{}{head}({}){ret} {{", pad(indent), params.join(", "));
    if width(&one) <= MAX_WIDTH {
        return vec![one];
    }
    let mut out = vec![format_line!("{}{head}(", pad(indent))];
    out.extend(
        params
            .iter()
            .map(|p| format_line!("{}{p},", pad(indent + 4))),
    );
    out.push(format_line!("{}){ret} {{", pad(indent)));
    out
}

/// An array of pairs `[(a, b), ...]` as the right-hand side of `{prefix}`: like [`array`] when
/// every pair fits on its line (rustfmt keeps a tuple on one line when its items fit in
/// `fn_call_width`), else one pair per line, each pair that does not fit broken over lines.
pub(super) fn pairs(
    indent: usize,
    prefix: &str,
    pairs: &[(String, String)],
    suffix: &str,
) -> Vec<String> {
    let fits = |a: &str, b: &str| {
        let inner = format_line!("{a}, {b}");
        width(&inner) <= LIST_WIDTH && indent + 4 + width(&inner) + 3 <= MAX_WIDTH
    };
    let items: Vec<String> = pairs
        .iter()
        .map(|(a, b)| format_line!("({a}, {b})"))
        .collect();
    if pairs.iter().all(|(a, b)| fits(a, b)) {
        return array(indent, prefix, &items, suffix);
    }
    let mut out = vec![format_line!("{}{prefix}[", pad(indent))];
    for ((a, b), item) in pairs.iter().zip(&items) {
        if fits(a, b) {
            out.push(format_line!("{}{item},", pad(indent + 4)));
        } else {
            out.push(format_line!("{}(", pad(indent + 4)));
            out.push(format_line!("{}{a},", pad(indent + 8)));
            out.push(format_line!("{}{b},", pad(indent + 8)));
            out.push(format_line!("{}),", pad(indent + 4)));
        }
    }
    out.push(format_line!("{}]{suffix}", pad(indent)));
    out
}

/// A field of a struct literal: shorthand (`name`) or a nested literal (`name: Type { ... }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FieldInit {
    /// `name` (a local of the same name).
    Shorthand(String),
    /// `name: Type { fields }`.
    Nested(String, String, Vec<FieldInit>),
}

impl FieldInit {
    /// The field on one line, if its nested literal fits on one.
    fn one_line(&self) -> Option<String> {
        match self {
            FieldInit::Shorthand(n) => Some(n.clone()),
            FieldInit::Nested(n, ty, fields) => {
                let body = struct_body(fields)?;
                Some(format_line!(
                    "{n}: {body_lit}",
                    body_lit = literal(ty, &body)
                ))
            }
        }
    }
}

fn literal(ty: &str, body: &str) -> String {
    if body.is_empty() {
        format_line!("{ty} {{}}")
    } else {
        format_line!("{ty} {{ {body} }}")
    }
}

/// The fields of a literal on one line, if rustfmt would keep them on one.
fn struct_body(fields: &[FieldInit]) -> Option<String> {
    let parts: Option<Vec<String>> = fields.iter().map(FieldInit::one_line).collect();
    let body = parts?.join(", ");
    (width(&body) <= STRUCT_LIT_WIDTH).then_some(body)
}

/// A struct literal `{open}Type { fields }{close}` at `indent` (`open` such as `Ok(`, `close`
/// such as `)`): on one line when rustfmt keeps it there, else one field per line, nested
/// literals likewise.
pub(super) fn struct_literal(
    indent: usize,
    open: &str,
    ty: &str,
    fields: &[FieldInit],
    close: &str,
) -> Vec<String> {
    if let Some(body) = struct_body(fields) {
        let one = format_line!("{}{open}{}{close}", pad(indent), literal(ty, &body));
        if width(&one) <= MAX_WIDTH {
            return vec![one];
        }
    }
    let mut out = vec![format_line!("{}{open}{ty} {{", pad(indent))];
    for f in fields {
        match f {
            FieldInit::Shorthand(n) => out.push(format_line!("{}{n},", pad(indent + 4))),
            FieldInit::Nested(n, nty, nfields) => {
                out.extend(struct_literal(
                    indent + 4,
                    &format_line!("{n}: "),
                    nty,
                    nfields,
                    ",",
                ));
            }
        }
    }
    out.push(format_line!("{}}}{close}", pad(indent)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn calls() {
        let short = call(
            8,
            "let x = ",
            "reader.take",
            &s(&["\"x\"", "&WireType::String"]),
            "?;",
        );
        assert_eq!(
            short,
            ["        let x = reader.take(\"x\", &WireType::String)?;"]
        );
        // 98 columns is the limit for a method call with `?` ...
        let name = "x".repeat(46);
        let at98 = call(
            8,
            &format_line!("let {name} = "),
            "reader.take",
            &s(&["\"k\"", "&WireType::String"]),
            "?;",
        );
        assert_eq!(at98.len(), 1);
        assert_eq!(width(&at98[0]), 98);
        let name = "x".repeat(47);
        let at99 = call(
            8,
            &format_line!("let {name} = "),
            "reader.take",
            &s(&["\"k\"", "&WireType::String"]),
            "?;",
        );
        assert_eq!(
            at99,
            [
                format_line!("        let {name} ="),
                "            reader.take(\"k\", &WireType::String)?;".to_owned()
            ]
        );
        // ... arguments wider than 60 go one per line.
        let key = format_line!("\"{}\"", "k".repeat(46));
        let wide = call(
            8,
            "let x = ",
            "reader.take",
            &s(&[&key, "&WireType::String"]),
            "?;",
        );
        assert_eq!(
            wide,
            [
                "        let x = reader.take(".to_owned(),
                format_line!("            {key},"),
                "            &WireType::String,".to_owned(),
                "        )?;".to_owned(),
            ]
        );
        let field = format_line!("&self.{}.{}", "a".repeat(10), "b".repeat(45));
        let chain = call(8, "", "put", &s(&["&mut properties", "\"k\"", &field]), ";");
        assert_eq!(chain[3], "            &self");
        assert_eq!(chain[4], "                .aaaaaaaaaa");
        assert_eq!(
            chain[5],
            format_line!("                .{},", "b".repeat(45))
        );
    }

    #[test]
    fn arms() {
        assert_eq!(
            arm(12, "Self::A", "\"a\""),
            ["            Self::A => \"a\","]
        );
        let long = "A".repeat(80);
        assert_eq!(arm(12, &format_line!("Self::{long}"), "\"a\"").len(), 3);
    }

    #[test]
    fn arrays() {
        assert_eq!(
            array(
                4,
                "pub const A: [Self; 2] = ",
                &s(&["Self::A", "Self::B"]),
                ";"
            ),
            ["    pub const A: [Self; 2] = [Self::A, Self::B];"]
        );
        let items: Vec<String> = (0..12).map(|_| "\"xxxxxx\"".to_owned()).collect();
        let mixed = array(4, "pub const A: [&'static str; 12] = ", &items, ";");
        assert_eq!(mixed.len(), 4);
        assert_eq!(width(&mixed[1]), 97);
        let long: Vec<String> = (0..12).map(|_| "\"xxxxxxxxxx\"".to_owned()).collect();
        assert_eq!(
            array(4, "pub const A: [&'static str; 12] = ", &long, ";").len(),
            14
        );
    }

    #[test]
    fn struct_literals() {
        let f = |n: &str| FieldInit::Shorthand(n.to_owned());
        assert_eq!(
            struct_literal(8, "Ok(", "Self", &[], ")"),
            ["        Ok(Self {})"]
        );
        assert_eq!(
            struct_literal(8, "Ok(", "Self", &[f("extra")], ")"),
            ["        Ok(Self { extra })"]
        );
        let nested = FieldInit::Nested("extra".into(), "ExtraGroup".into(), vec![f("extra")]);
        assert_eq!(
            struct_literal(8, "Ok(", "Self", &[nested], ")"),
            [
                "        Ok(Self {",
                "            extra: ExtraGroup { extra },",
                "        })",
            ]
        );
        assert_eq!(
            struct_literal(8, "Ok(", "Self", &[f("aaaaaaaa"), f("bbbbbbbbb")], ")").len(),
            4
        );
    }

    #[test]
    fn widths() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("🎉"), 2);
        assert_eq!(width("שלום"), 4);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn nested_expressions_overflow_into_the_innermost_call() {
        let e = |s: &str| expression(8, "", &Expr::parse(s), ",");
        // One line when it fits and every call's arguments fit in 60 columns.
        assert_eq!(
            e("&WireType::Map(&WireType::Ref(&User::TYPE))"),
            ["        &WireType::Map(&WireType::Ref(&User::TYPE)),"]
        );
        // Map's argument is 65 wide: the chain breaks at its innermost call.
        assert_eq!(
            e("&WireType::Map(&WireType::Array(&WireType::Ref(&TheFirstObjectTypeWithALo::TYPE)))"),
            [
                "        &WireType::Map(&WireType::Array(&WireType::Ref(",
                "            &TheFirstObjectTypeWithALo::TYPE,",
                "        ))),",
            ]
        );
        // A slice goes one item per line; an item that fits stays on its line.
        assert_eq!(
            e(
                "&WireType::Union(&[WireType::Stringxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, \
               WireType::Array(&WireType::Union(&[WireType::String, WireType::Boolean]))])"
            ),
            [
                "        &WireType::Union(&[",
                "            WireType::Stringxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,",
                "            WireType::Array(&WireType::Union(&[WireType::String, WireType::Boolean])),",
                "        ]),",
            ]
        );
        assert_eq!(
            Expr::parse("Some(&WireType::Union(&[WireType::String, WireType::Ref(&A::TYPE)]))"),
            Expr::Call(
                "Some(".into(),
                Box::new(Expr::Call(
                    "&WireType::Union(".into(),
                    Box::new(Expr::Slice(vec![
                        Expr::Leaf("WireType::String".into()),
                        Expr::Call(
                            "WireType::Ref(".into(),
                            Box::new(Expr::Leaf("&A::TYPE".into()))
                        ),
                    ]))
                ))
            )
        );
        // Calls with such an argument lay it out the same way.
        let long =
            "&WireType::Map(&WireType::Array(&WireType::Ref(&TheFirstObjectTypeWithALo::TYPE)))";
        assert_eq!(
            call(8, "let m = ", "reader.take", &s(&["\"m\"", long]), "?;"),
            [
                "        let m = reader.take(",
                "            \"m\",",
                "            &WireType::Map(&WireType::Array(&WireType::Ref(",
                "                &TheFirstObjectTypeWithALo::TYPE,",
                "            ))),",
                "        )?;",
            ]
        );
    }

    #[test]
    fn pairs_and_fields() {
        let p = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            pairs(4, "pub const T: [(S, S); 1] = ", &[p("S::A", "S::B")], ";"),
            ["    pub const T: [(S, S); 1] = [(S::A, S::B)];"]
        );
        let long = "LongLifecycleStateNameThatIsLong::SomeState";
        assert_eq!(
            pairs(
                4,
                "pub const T: [(S, S); 2] = ",
                &[p("S::A", "S::B"), p(long, long)],
                ";"
            ),
            [
                "    pub const T: [(S, S); 2] = [",
                "        (S::A, S::B),",
                "        (",
                "            LongLifecycleStateNameThatIsLong::SomeState,",
                "            LongLifecycleStateNameThatIsLong::SomeState,",
                "        ),",
                "    ];",
            ]
        );
        assert_eq!(field(4, "a", "String"), ["    pub a: String,"]);
        let ty = format_line!("Option<BTreeMap<String, Vec<{}>>>", "X".repeat(60));
        assert_eq!(
            field(4, "maps_of_the_first_object_type", &ty),
            [
                "    pub maps_of_the_first_object_type:".to_owned(),
                format_line!("        {ty},"),
            ]
        );
    }
}
