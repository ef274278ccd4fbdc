//! Line layout of the few constructs whose shape depends on width, computed here so that the
//! output is already what Prettier 3 (print width 80, its defaults) prints: no formatter runs at
//! generation time, and `prettier --check` in the toolchain test proves the fixed point.
//!
//! Each function returns finished lines (no trailing newline). The shapes follow Prettier's
//! rules for: type aliases of unions, `as const` arrays, interface heritage clauses, parameter
//! lists, arrays of tuples and single-object calls.

/// Prettier's print width.
pub const WIDTH: usize = 80;

/// Display width of `s` the way Prettier measures it (wide East Asian characters and emoji count
/// two columns, combining marks none). An approximation that errs towards breaking early.
pub fn width(s: &str) -> usize {
    // Most lines are ASCII: one column per byte (checked a word at a time).
    if s.is_ascii() {
        return s.len();
    }
    s.chars()
        .map(|c| match u32::from(c) {
            0x0300..=0x036f | 0x200b..=0x200f | 0xfe00..=0xfe0f => 0,
            0x1100..=0x115f
            | 0x2e80..=0xa4cf
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6
            | 0x1f300..=0x1faff
            | 0x20000..=0x3fffd => 2,
            _ => 1,
        })
        .sum()
}

fn fits(line: &str) -> bool {
    width(line) <= WIDTH
}

/// One member of a union type: a plain type (`"input"`), or an object type given by its members
/// (`event: "x"`, `properties: X`), printed inline when it fits and broken otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnionMember {
    /// A type printed as is.
    Plain(String),
    /// An object type literal with these members (without `;`).
    Object(Vec<String>),
}

impl UnionMember {
    fn inline(&self) -> String {
        match self {
            UnionMember::Plain(s) => s.clone(),
            UnionMember::Object(members) => format_line!("{{ {} }}", members.join("; ")),
        }
    }
}

/// `{head} = A | B;` (`head` is e.g. `export type ElementType`), in Prettier's three shapes: one
/// line; the union alone on the next line; one member per line with leading `|`.
pub fn union_alias(head: &str, members: &[UnionMember]) -> Vec<String> {
    let flat = if members.is_empty() {
        "never".to_owned()
    } else {
        members
            .iter()
            .map(UnionMember::inline)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let one = format_line!("{head} = {flat};");
    if fits(&one) {
        return vec![one];
    }
    if let [UnionMember::Object(fields)] = members {
        let mut out = vec![format_line!("{head} = {{")];
        out.extend(fields.iter().map(|f| format_line!("  {f};")));
        out.push("};".to_owned());
        return out;
    }
    let next = format_line!("  {flat};");
    if members.len() < 2 || fits(&next) {
        return vec![format_line!("{head} ="), next];
    }
    let mut out = vec![format_line!("{head} =")];
    let last = members.len() - 1;
    for (i, m) in members.iter().enumerate() {
        let end = if i == last { ";" } else { "" };
        let line = format_line!("  | {}{end}", m.inline());
        match m {
            UnionMember::Object(fields) if !fits(&line) => {
                out.push("  | {".to_owned());
                out.extend(fields.iter().map(|f| format_line!("      {f};")));
                out.push(format_line!("    }}{end}"));
            }
            _ => out.push(line),
        }
    }
    out
}

/// `{head}[a, b]{tail}` (e.g. `export const X = ` and ` as const satisfies readonly X[];`): one
/// line when it fits, else one item per line with a trailing comma.
pub fn array(head: &str, items: &[String], tail: &str) -> Vec<String> {
    let one = format_line!("{head}[{}]{tail}", items.join(", "));
    if items.is_empty() || fits(&one) {
        return vec![one];
    }
    let mut out = vec![format_line!("{head}[")];
    out.extend(items.iter().map(|i| format_line!("  {i},")));
    out.push(format_line!("]{tail}"));
    out
}

/// `{head}[[...], [...]]{tail}` where every row is a tuple of plain items: rows go one per line
/// (Prettier breaks an array of two or more arrays), a row too long for its line is broken too.
pub fn tuple_rows(head: &str, rows: &[Vec<String>], tail: &str) -> Vec<String> {
    let rows = rows
        .iter()
        .map(|r| Lit::Arr(r.iter().cloned().map(Lit::Raw).collect()))
        .collect();
    Lit::Arr(rows).lines(0, head, tail)
}

/// A JavaScript literal as a tree (arrays, objects, and raw text that never breaks), printed the
/// way Prettier prints it: on one line when it fits and nothing inside forces a break, else
/// broken one element (or key) per line, recursively. Prettier always breaks an array of two or
/// more elements that are all objects with two or more keys, or all arrays with two or more
/// elements, and a forced break breaks every enclosing literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lit {
    /// Printed as is (`"string"`, `KIND_VALUES`, `() => fieldsOfUser`).
    Raw(String),
    /// `[a, b]`.
    Arr(Vec<Lit>),
    /// `{ key: value, ... }` (keys printed as given).
    Obj(Vec<(String, Lit)>),
}

impl Lit {
    /// The one-line form.
    pub fn flat(&self) -> String {
        match self {
            Lit::Raw(s) => s.clone(),
            Lit::Arr(items) => format_line!(
                "[{}]",
                items.iter().map(Lit::flat).collect::<Vec<_>>().join(", ")
            ),
            Lit::Obj(entries) if entries.is_empty() => "{}".to_owned(),
            Lit::Obj(entries) => format_line!(
                "{{ {} }}",
                entries
                    .iter()
                    .map(|(k, v)| format_line!("{k}: {}", v.flat()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// Whether Prettier breaks this literal whatever the width.
    fn forced(&self) -> bool {
        match self {
            Lit::Raw(_) => false,
            Lit::Arr(items) => {
                let all_objects = items
                    .iter()
                    .all(|i| matches!(i, Lit::Obj(e) if e.len() > 1));
                let all_arrays = items
                    .iter()
                    .all(|i| matches!(i, Lit::Arr(e) if e.len() > 1));
                (items.len() > 1 && (all_objects || all_arrays)) || items.iter().any(Lit::forced)
            }
            Lit::Obj(entries) => entries.iter().any(|(_, v)| v.forced()),
        }
    }

    /// The literal at `indent` spaces after `head` on its first line, `tail` after its end.
    pub fn lines(&self, indent: usize, head: &str, tail: &str) -> Vec<String> {
        let pad = " ".repeat(indent);
        let one = format_line!("{pad}{head}{}{tail}", self.flat());
        let broken = match self {
            Lit::Raw(_) => return vec![one],
            Lit::Arr(items) if items.is_empty() => return vec![one],
            Lit::Obj(entries) if entries.is_empty() => return vec![one],
            _ => self.forced() || !fits(&one),
        };
        if !broken {
            return vec![one];
        }
        let mut out = Vec::new();
        match self {
            Lit::Arr(items) => {
                out.push(format_line!("{pad}{head}["));
                for item in items {
                    out.extend(item.lines(indent + 2, "", ","));
                }
                out.push(format_line!("{pad}]{tail}"));
            }
            Lit::Obj(entries) => {
                out.push(format_line!("{pad}{head}{{"));
                for (k, v) in entries {
                    out.extend(v.lines(indent + 2, &format_line!("{k}: "), ","));
                }
                out.push(format_line!("{pad}}}{tail}"));
            }
            Lit::Raw(_) => {}
        }
        out
    }

    /// An assignment `{head}{literal}{tail}` at `indent` spaces, `head` ending in `= `: as
    /// [`Lit::lines`], except that when the literal breaks and even its opening line does not
    /// fit, Prettier breaks after `=` and prints the literal on the next lines, 2 spaces in.
    pub fn assigned(&self, indent: usize, head: &str, tail: &str) -> Vec<String> {
        let lines = self.lines(indent, head, tail);
        if lines.first().is_none_or(|l| fits(l)) || !head.ends_with("= ") {
            return lines;
        }
        let mut out = vec![format_line!("{}{}", " ".repeat(indent), head.trim_end())];
        out.extend(self.lines(indent + 2, "", tail));
        out
    }
}

/// An interface head: `export interface X extends A, B {` in Prettier's three shapes (one line;
/// `extends A, B {` on the next line; one parent per line). `open` is `{` or `{}`.
pub fn interface_head(name: &str, parents: &[String], open: &str) -> Vec<String> {
    if parents.is_empty() {
        return vec![format_line!("export interface {name} {open}")];
    }
    let list = parents.join(", ");
    let one = format_line!("export interface {name} extends {list} {open}");
    if fits(&one) {
        return vec![one];
    }
    let head = format_line!("export interface {name}");
    let next = format_line!("  extends {list} {open}");
    if fits(&next) {
        return vec![head, next];
    }
    let mut out = vec![head, "  extends".to_owned()];
    let last = parents.len() - 1;
    for (i, p) in parents.iter().enumerate() {
        if i == last {
            out.push(format_line!("    {p} {open}"));
        } else {
            out.push(format_line!("    {p},"));
        }
    }
    out
}

/// A signature or call `{prefix}(a, b){suffix}` at `indent` spaces: one line when it fits, else
/// one parameter per line with a trailing comma.
pub fn params(indent: usize, prefix: &str, params: &[String], suffix: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one = format_line!("{pad}{prefix}({}){suffix}", params.join(", "));
    if params.is_empty() || fits(&one) {
        return vec![one];
    }
    let mut out = vec![format_line!("{pad}{prefix}(")];
    out.extend(params.iter().map(|p| format_line!("{pad}  {p},")));
    out.push(format_line!("{pad}){suffix}"));
    out
}

/// A call with one object argument `{prefix}({ a: x, b: y }){suffix}` at `indent` spaces: one
/// line when it fits, else the object broken (Prettier hugs a sole object argument).
pub fn object_call(indent: usize, prefix: &str, members: &[String], suffix: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one = format_line!("{pad}{prefix}({{ {} }}){suffix}", members.join(", "));
    if fits(&one) {
        return vec![one];
    }
    let mut out = vec![format_line!("{pad}{prefix}({{")];
    out.extend(members.iter().map(|m| format_line!("{pad}  {m},")));
    out.push(format_line!("{pad}}}){suffix}"));
    out
}

/// An assignment statement `{lhs} = {rhs};` at `indent` spaces: one line when it fits, else the
/// right-hand side alone on the next line, 2 spaces in (Prettier's break after `=`).
pub fn assign(indent: usize, lhs: &str, rhs: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one = format_line!("{pad}{lhs} = {rhs};");
    if fits(&one) {
        return vec![one];
    }
    vec![format_line!("{pad}{lhs} ="), format_line!("{pad}  {rhs};")]
}

/// An interface member `{head}: A | B;` at `indent` spaces (`head` is `key?` or
/// `[key: string]`), in Prettier's three shapes: one line; the type alone on the next line
/// (indented 2 more); one union member per line with leading `|`. A type that is not a union
/// stays on one line.
pub fn member(indent: usize, head: &str, parts: &[String]) -> Vec<String> {
    let pad = " ".repeat(indent);
    let flat = parts.join(" | ");
    let one = format_line!("{pad}{head}: {flat};");
    if parts.len() < 2 || fits(&one) {
        return vec![one];
    }
    let next = format_line!("{pad}  {flat};");
    if fits(&next) {
        return vec![format_line!("{pad}{head}:"), next];
    }
    let mut out = vec![format_line!("{pad}{head}:")];
    let last = parts.len() - 1;
    for (i, p) in parts.iter().enumerate() {
        let end = if i == last { ";" } else { "" };
        out.push(format_line!("{pad}  | {p}{end}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn unions_take_prettiers_three_shapes() {
        let plain = |v: &[&str]| {
            v.iter()
                .map(|x| UnionMember::Plain((*x).to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            union_alias("export type A", &plain(&["\"x\"", "\"y\""])),
            s(&["export type A = \"x\" | \"y\";"])
        );
        assert_eq!(
            union_alias("export type A", &[]),
            s(&["export type A = never;"])
        );
        let medium = plain(&[
            "\"email\"",
            "\"sms\"",
            "\"push\"",
            "\"web\"",
            "\"app\"",
            "\"xxxxxxxxxxxxxxxxxxxxxxxxx\"",
        ]);
        assert_eq!(
            union_alias("export type OriginMedium", &medium),
            s(&[
                "export type OriginMedium =",
                "  \"email\" | \"sms\" | \"push\" | \"web\" | \"app\" | \"xxxxxxxxxxxxxxxxxxxxxxxxx\";"
            ])
        );
        let long: Vec<String> = (0..12)
            .map(|i| format_line!("\"value_number_{i}\""))
            .collect();
        let lines = union_alias(
            "export type T",
            &long
                .iter()
                .cloned()
                .map(UnionMember::Plain)
                .collect::<Vec<_>>(),
        );
        assert_eq!(lines[0], "export type T =");
        assert_eq!(lines[1], "  | \"value_number_0\"");
        assert_eq!(lines[12], "  | \"value_number_11\";");
        let obj = |e: &str, p: &str| {
            UnionMember::Object(vec![
                format_line!("event: \"{e}\""),
                format_line!("properties: {p}"),
            ])
        };
        assert_eq!(
            union_alias("export type G", &[obj(&"a".repeat(60), "A"), obj("b", "B")]),
            vec![
                "export type G =".to_owned(),
                "  | {".to_owned(),
                format_line!("      event: \"{}\";", "a".repeat(60)),
                "      properties: A;".to_owned(),
                "    }".to_owned(),
                "  | { event: \"b\"; properties: B };".to_owned(),
            ]
        );
        assert_eq!(
            union_alias(
                "export type AllTypesEvent",
                &[obj("element_click", "ElementClickLong")]
            ),
            s(&[
                "export type AllTypesEvent = {",
                "  event: \"element_click\";",
                "  properties: ElementClickLong;",
                "};"
            ])
        );
    }

    #[test]
    fn arrays_rows_heads_and_params() {
        assert_eq!(
            array("export const X = ", &s(&["\"x\""]), ";"),
            s(&["export const X = [\"x\"];"])
        );
        assert_eq!(
            array("export const X = ", &[], ";"),
            s(&["export const X = [];"])
        );
        let many: Vec<String> = (0..10).map(|i| format_line!("\"item{i}\"")).collect();
        let lines = array(
            "export const X_VALUES = ",
            &many,
            " as const satisfies readonly X[];",
        );
        assert_eq!(lines.first().unwrap(), "export const X_VALUES = [");
        assert_eq!(lines[1], "  \"item0\",");
        assert_eq!(lines.last().unwrap(), "] as const satisfies readonly X[];");

        let row = |a: &str| {
            vec![
                format_line!("\"{a}\""),
                "\"optional\"".to_owned(),
                "\"string\"".to_owned(),
            ]
        };
        assert_eq!(
            tuple_rows("const f = fields(", &[], ");"),
            s(&["const f = fields([]);"])
        );
        assert_eq!(
            tuple_rows("const f = fields(", &[row("a")], ");"),
            s(&["const f = fields([[\"a\", \"optional\", \"string\"]]);"])
        );
        assert_eq!(
            tuple_rows("const f = fields(", &[row("a"), row(&"b".repeat(70))], ");"),
            vec![
                "const f = fields([".to_owned(),
                "  [\"a\", \"optional\", \"string\"],".to_owned(),
                "  [".to_owned(),
                format_line!("    \"{}\",", "b".repeat(70)),
                "    \"optional\",".to_owned(),
                "    \"string\",".to_owned(),
                "  ],".to_owned(),
                "]);".to_owned(),
            ]
        );

        assert_eq!(
            interface_head("X", &s(&["A", "B"]), "{}"),
            s(&["export interface X extends A, B {}"])
        );
        assert_eq!(interface_head("X", &[], "{"), s(&["export interface X {"]));
        let five = s(&[
            "FormGroup",
            "ElementGroup",
            "RoomGroup",
            "OrganizationGroup",
            "SessionGroup",
        ]);
        assert_eq!(
            interface_head("ElementClick", &five, "{}"),
            s(&[
                "export interface ElementClick",
                "  extends FormGroup, ElementGroup, RoomGroup, OrganizationGroup, SessionGroup {}"
            ])
        );
        let mut eight = five.clone();
        eight.extend(s(&["PreferenceGroup", "OriginGroup", "WidgetGroup"]));
        let lines = interface_head("ElementClick", &eight, "{");
        assert_eq!(
            &lines[..3],
            &s(&[
                "export interface ElementClick",
                "  extends",
                "    FormGroup,"
            ])
        );
        assert_eq!(lines.last().unwrap(), "    WidgetGroup {");

        assert_eq!(
            params(
                0,
                "export function parseX",
                &s(&["value: unknown"]),
                ": ParseResult<X> {"
            ),
            s(&["export function parseX(value: unknown): ParseResult<X> {"])
        );
        assert_eq!(
            params(
                2,
                "elementInteractionWithLongName",
                &s(&["properties: ElementInteractionWithLongName"]),
                ": void {"
            ),
            s(&[
                "  elementInteractionWithLongName(",
                "    properties: ElementInteractionWithLongName,",
                "  ): void {"
            ])
        );
        assert_eq!(
            object_call(
                4,
                "this.sink.send",
                &s(&["event: \"e\"", "properties: wire"]),
                ";"
            ),
            s(&["    this.sink.send({ event: \"e\", properties: wire });"])
        );
        let long = format_line!("event: \"{}\"", "e".repeat(50));
        assert_eq!(
            object_call(
                4,
                "this.sink.send",
                &[long.clone(), "properties: wire".to_owned()],
                ";"
            ),
            vec![
                "    this.sink.send({".to_owned(),
                format_line!("      {long},"),
                "      properties: wire,".to_owned(),
                "    });".to_owned()
            ]
        );
    }

    #[test]
    fn members_break_like_prettier() {
        // Expected shapes are Prettier 3's output for the same code.
        assert_eq!(
            member(2, "a?", &s(&["string", "number"])),
            s(&["  a?: string | number;"])
        );
        assert_eq!(
            member(
                2,
                "[key: string]",
                &s(&[
                    "NonNullable<JsonValue>",
                    "{ [key: string]: VeryLongLifecycleNameThatGoe }"
                ])
            ),
            s(&[
                "  [key: string]:",
                "    NonNullable<JsonValue> | { [key: string]: VeryLongLifecycleNameThatGoe };"
            ])
        );
        assert_eq!(
            member(
                2,
                "[key: string]",
                &s(&[
                    "NonNullable<JsonValue>",
                    "{ [key: string]: VeryLongLifecycleNameThatGoe }",
                    "ContactEventXXXXXXXXXXXXX[]"
                ])
            ),
            s(&[
                "  [key: string]:",
                "    | NonNullable<JsonValue>",
                "    | { [key: string]: VeryLongLifecycleNameThatGoe }",
                "    | ContactEventXXXXXXXXXXXXX[];"
            ])
        );
        let long = "X".repeat(90);
        assert_eq!(
            member(2, "a", std::slice::from_ref(&long)),
            vec![format_line!("  a: {long};")],
            "a single type never breaks"
        );
        assert_eq!(
            assign(4, "this.trackerName", "options.trackerName ?? \"t\""),
            s(&["    this.trackerName = options.trackerName ?? \"t\";"])
        );
        assert_eq!(
            assign(
                4,
                "this.trackerName",
                "options.trackerName ?? \"segment-live-chat-tracker-typescript\""
            ),
            s(&[
                "    this.trackerName =",
                "      options.trackerName ?? \"segment-live-chat-tracker-typescript\";"
            ])
        );
    }

    #[test]
    fn literals_break_like_prettier() {
        let raw = |x: &str| Lit::Raw(x.to_owned());
        let obj = |entries: &[(&str, Lit)]| {
            Lit::Obj(
                entries
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect(),
            )
        };
        let thunk = |id: &str, ty: &str| {
            obj(&[
                ("object", raw(&format_line!("\"{id}\""))),
                ("rows", raw(&format_line!("() => fieldsOf{ty}"))),
            ])
        };
        let map = obj(&[("map", thunk("user", "User"))]);
        assert_eq!(
            map.flat(),
            "{ map: { object: \"user\", rows: () => fieldsOfUser } }"
        );
        assert_eq!(
            map.lines(4, "", ","),
            vec![format_line!("    {},", map.flat())]
        );
        // An array of two objects with two keys each always breaks, and so does what holds it.
        let union = obj(&[("union", Lit::Arr(vec![thunk("a", "A"), thunk("b", "B")]))]);
        assert_eq!(
            Lit::Arr(vec![raw("\"x\""), raw("\"required\""), union]).lines(2, "", ","),
            s(&[
                "  [",
                "    \"x\",",
                "    \"required\",",
                "    {",
                "      union: [",
                "        { object: \"a\", rows: () => fieldsOfA },",
                "        { object: \"b\", rows: () => fieldsOfB },",
                "      ],",
                "    },",
                "  ],",
            ])
        );
        assert_eq!(
            obj(&[("union", Lit::Arr(vec![raw("\"string\""), thunk("a", "A")]))]).flat(),
            "{ union: [\"string\", { object: \"a\", rows: () => fieldsOfA }] }",
            "mixed elements: no forced break"
        );
        assert_eq!(Lit::Arr(Vec::new()).lines(0, "x = ", ";"), s(&["x = [];"]));
        // Assignments: broken after `[` when that fits, else after `=`.
        let states = |n: usize| {
            Lit::Arr(
                [
                    "ready",
                    "opened",
                    "started",
                    "cancelled",
                    "submitted",
                    "rejected",
                    "completed",
                    "closed",
                ]
                .iter()
                .take(n)
                .map(|x| raw(&format_line!("\"{x}\"")))
                .collect(),
            )
        };
        assert_eq!(
            states(8).assigned(
                2,
                "static readonly STATES: readonly InteractionState[] = ",
                ";"
            )[..2],
            s(&[
                "  static readonly STATES: readonly InteractionState[] = [",
                "    \"ready\","
            ])
        );
        let long =
            "static readonly STATES: readonly VeryLongLifecycleNameThatGoesOnAndOnStateXX[] = ";
        assert_eq!(
            states(1).assigned(2, long, ";"),
            s(&[
                "  static readonly STATES: readonly VeryLongLifecycleNameThatGoesOnAndOnStateXX[] =",
                "    [\"ready\"];"
            ])
        );
        let broken = states(8).assigned(2, long, ";");
        assert_eq!(broken[1], "    [");
        assert_eq!(broken[2], "      \"ready\",");
        assert_eq!(broken.last().unwrap(), "    ];");
        let pair = Lit::Arr(vec![Lit::Arr(vec![raw("\"ready\""), raw("\"opened\"")])]);
        assert_eq!(
            pair.assigned(
                2,
                "static readonly TRANSITIONS: readonly Transition<InteractionState>[] = ",
                ";"
            ),
            s(&[
                "  static readonly TRANSITIONS: readonly Transition<InteractionState>[] = [",
                "    [\"ready\", \"opened\"],",
                "  ];"
            ])
        );
    }

    #[test]
    fn widths() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("🎉"), 2);
        assert_eq!(width("שלום"), 4);
        assert_eq!(width("漢字"), 4);
    }
}
