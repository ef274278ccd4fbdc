//! Deterministic synthetic inputs for the benchmarks, shared by `benches/*.rs` and
//! `examples/bench_data.rs` (each includes this file with `#[path]`):
//!
//! - [`spec`]: a tracking plan shaped like `spec/onlive.md` with any number of events: a Markdown
//!   file with an `Events` section whose tables list every flat wire row (data-group rows
//!   included, as Onlive's do) and an example per event, then a `Data` section of groups. Six
//!   global groups (session, origin, tracker, organization, widget, extra) are included by many
//!   events; every 100 events form an *area* with four groups of its own, two of which each event
//!   of the area includes. Rows use every common type: UUIDs, closed enums (shared through groups
//!   and per event), strings, numbers, integers, booleans, objects, date-times, string arrays.
//!   Groups grow with events (6 + 4 per 100), so a per-group cost would show as non-linear growth.
//! - [`payloads`]: NDJSON envelopes for any model: valid ones (optional rows present or not) and
//!   single-fault mutations of them (missing, unknown, wrong type, outside an enum, bad format,
//!   unknown event, not an object, not JSON), in a fixed proportion.
//!
//! Everything is a pure function of its arguments: same input, same bytes.

#![allow(dead_code)]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark harness: it stops loudly on bad input"
)]

use std::fmt::Write as _;

use serde_json::{Map, Value, json};
use trackgen::model::{Model, Property, StringFormat, Type};

/// splitmix64: small, fast, and the same sequence everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A lowercase hyphenated UUID.
    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | (b >> 48) & 0x3fff,
            b & 0xffff_ffff_ffff
        )
    }
}

/// One row of a synthetic property table.
struct Row {
    name: String,
    optional: bool,
    ty: &'static str,
    values: String,
    description: String,
}

impl Row {
    fn new(name: String, optional: bool, ty: &'static str, values: &str, description: &str) -> Row {
        Row {
            name,
            optional,
            ty,
            values: values.to_owned(),
            description: description.to_owned(),
        }
    }

    fn line(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} |",
            self.name,
            if self.optional { "?" } else { "" },
            self.ty,
            self.values,
            self.description
        );
    }

    /// A sample value for the example block (always valid for the row).
    fn example(&self, rng: &mut Rng) -> String {
        match self.ty {
            "string (UUID)" => format!("\"{}\"", rng.uuid()),
            "string (enum)" | "string" => {
                let vals: Vec<&str> = self
                    .values
                    .split(", ")
                    .map(|v| v.trim_matches('"'))
                    .collect();
                format!("\"{}\"", rng.pick(&vals))
            }
            "number" => format!("{}.{}", rng.below(1000), rng.below(100)),
            "integer" => rng.below(100_000).to_string(),
            "boolean" => rng.chance(50).to_string(),
            "object" => "{ source: \"web\", retries: 2 }".to_owned(),
            "string (date-time)" => "\"2026-11-22T10:15:00Z\"".to_owned(),
            "string[]" => "[\"alpha\", \"beta\"]".to_owned(),
            _ => "\"x\"".to_owned(),
        }
    }
}

struct SynthGroup {
    id: String,
    title: String,
    rows: Vec<Row>,
}

const WORDS: &[&str] = &[
    "account", "basket", "catalog", "delivery", "editor", "feedback", "gallery", "handoff",
    "invoice", "journey", "keyword", "ledger", "message", "notice", "offer", "payment", "queue",
    "review", "search", "ticket", "upload", "voucher", "wallet", "xray", "yield", "zone",
];

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn global_groups() -> Vec<SynthGroup> {
    let g = |id: &str, rows: Vec<Row>| SynthGroup {
        id: id.to_owned(),
        title: title_case(id),
        rows,
    };
    vec![
        g(
            "session",
            vec![
                Row::new(
                    "guest_id".into(),
                    true,
                    "string (UUID)",
                    "UUID format",
                    "Unique identifier for the guest/user",
                ),
                Row::new(
                    "interaction_id".into(),
                    true,
                    "string (UUID)",
                    "UUID format",
                    "Unique identifier for the current interaction/session",
                ),
                Row::new(
                    "language".into(),
                    true,
                    "string",
                    "\"es\", \"en\", \"en-US\"",
                    "The detected language",
                ),
                Row::new(
                    "timezone".into(),
                    true,
                    "string",
                    "\"UTC\", \"America/New_York\", \"Europe/Madrid\"",
                    "The detected timezone",
                ),
            ],
        ),
        g(
            "origin",
            vec![
                Row::new(
                    "utm_source".into(),
                    true,
                    "string",
                    "\"google\", \"newsletter\", \"twitter\"",
                    "UTM source parameter identifies which site sent the traffic",
                ),
                Row::new(
                    "utm_medium".into(),
                    true,
                    "string",
                    "\"cpc\", \"banner\", \"email\"",
                    "UTM medium parameter identifies what type of link was used",
                ),
                Row::new(
                    "page_url".into(),
                    true,
                    "string",
                    "\"https://example.com/products/item123\"",
                    "The URL of the page where the event occurred",
                ),
                Row::new(
                    "origin_medium".into(),
                    false,
                    "string (enum)",
                    "\"email\", \"sms\", \"push\", \"web\", \"app\"",
                    "The communication medium from which the event originated",
                ),
                Row::new(
                    "origin_source".into(),
                    false,
                    "string (enum)",
                    "\"google\", \"facebook\", \"twitter\", \"linkedin\"",
                    "The source of the origin, such as a specific platform or service",
                ),
            ],
        ),
        g(
            "tracker",
            vec![
                Row::new(
                    "tracker_name".into(),
                    true,
                    "string",
                    "\"js-tracker\", \"py-tracker\", \"node-tracker\"",
                    "The name of the tracker",
                ),
                Row::new(
                    "tracker_version".into(),
                    true,
                    "string",
                    "\"1.0.0\"",
                    "The version of the tracker",
                ),
            ],
        ),
        g(
            "organization",
            vec![
                Row::new(
                    "organization_id".into(),
                    true,
                    "string (UUID)",
                    "UUID format",
                    "Unique identifier for the organization",
                ),
                Row::new(
                    "organization_name".into(),
                    true,
                    "string",
                    "\"Onlive Site.\", \"Example Corp\"",
                    "Name of the organization",
                ),
                Row::new(
                    "organization_demo".into(),
                    true,
                    "boolean",
                    "true, false",
                    "Determines if the organization is a demo account",
                ),
            ],
        ),
        g(
            "widget",
            vec![
                Row::new(
                    "widget_id".into(),
                    true,
                    "string (UUID)",
                    "UUID format",
                    "Unique identifier for the widget",
                ),
                Row::new(
                    "widget_name".into(),
                    true,
                    "string",
                    "\"lola_assistant\", \"tv_channel\"",
                    "Name of the widget",
                ),
                Row::new(
                    "widget_version".into(),
                    true,
                    "string",
                    "\"1.0.0\", \"2.3.5\"",
                    "Version of the widget",
                ),
            ],
        ),
        g(
            "extra",
            vec![Row::new(
                "extra".into(),
                false,
                "object",
                "{ car_model: \"cupra\", car_year: 2025 }",
                "Optional field that allows sending additional custom data with the event",
            )],
        ),
    ]
}

/// The four groups of area `a`.
fn area_groups(a: usize) -> Vec<SynthGroup> {
    (0..4)
        .map(|k| {
            let word = WORDS[(a * 4 + k) % WORDS.len()];
            let id = format!("{word}_{a}_{k}");
            SynthGroup {
                title: format!("{} {a} {k}", title_case(word)),
                rows: vec![
                    Row::new(
                        format!("{id}_id"),
                        true,
                        "string (UUID)",
                        "UUID format",
                        &format!("Unique identifier of the {word}"),
                    ),
                    Row::new(
                        format!("{id}_kind"),
                        false,
                        "string (enum)",
                        "\"standard\", \"premium\", \"trial\", \"internal\"",
                        &format!("Kind of {word}"),
                    ),
                    Row::new(
                        format!("{id}_label"),
                        true,
                        "string",
                        "\"primary\", \"secondary\"",
                        &format!("Label shown for the {word}"),
                    ),
                    Row::new(
                        format!("{id}_count"),
                        true,
                        "integer",
                        "3",
                        &format!("How many {word} items are involved"),
                    ),
                ],
                id,
            }
        })
        .collect()
}

fn own_rows(i: usize, rng: &mut Rng) -> Vec<Row> {
    let p = format!("e{i}");
    let mut rows = vec![
        Row::new(
            format!("{p}_status"),
            false,
            "string (enum)",
            "\"started\", \"completed\", \"failed\"",
            "Outcome of the action",
        ),
        Row::new(
            format!("{p}_value"),
            false,
            "number",
            "12.5",
            "Amount involved in the action",
        ),
    ];
    if rng.chance(60) {
        rows.push(Row::new(
            format!("{p}_flag"),
            true,
            "boolean",
            "true, false",
            "Whether the action was automatic",
        ));
    }
    if rng.chance(50) {
        rows.push(Row::new(
            format!("{p}_at"),
            true,
            "string (date-time)",
            "\"2026-11-22T10:15:00Z\"",
            "When the action happened",
        ));
    }
    if rng.chance(40) {
        rows.push(Row::new(
            format!("{p}_tags"),
            true,
            "string[]",
            "[\"a\", \"b\"]",
            "Tags attached to the action",
        ));
    }
    rows
}

/// A Markdown tracking plan of `events` events (see the module docs).
pub fn spec(events: usize) -> String {
    let mut rng = Rng::new(0x5eed_0000 + events as u64);
    let globals = global_groups();
    let areas: Vec<Vec<SynthGroup>> = (0..events.div_ceil(100)).map(area_groups).collect();
    let mut out = String::with_capacity(events * 3500 + 8192);
    let _ = writeln!(
        out,
        "# Synthetic Plan of {events} Events\n\nA generated tracking plan shaped like the Onlive one, for benchmarks.\n\n## Events\n"
    );
    for i in 0..events {
        let word = WORDS[i % WORDS.len()];
        let verb = ["Opened", "Closed", "Updated", "Shared", "Removed"][i / WORDS.len() % 5];
        let id = format!("{word}_{}_{}", verb.to_lowercase(), i);
        let _ = writeln!(
            out,
            "### {} {verb} {i} `{id}`\n\nCaptures when a user's {word} is {} (synthetic event {i}).\n",
            title_case(word),
            verb.to_lowercase()
        );
        let mut groups: Vec<&SynthGroup> = Vec::new();
        let [session, origin, tracker, organization, widget, extra] = &globals[..] else {
            unreachable!()
        };
        groups.push(session);
        if rng.chance(50) {
            groups.push(organization);
        }
        let area = &areas[i / 100];
        let first = rng.below(4);
        let second = (first + 1 + rng.below(3)) % 4;
        groups.push(&area[first.min(second)]);
        groups.push(&area[first.max(second)]);
        groups.push(origin);
        if rng.chance(50) {
            groups.push(widget);
        }
        if rng.chance(30) {
            groups.push(extra);
        }
        groups.push(tracker);
        let own = own_rows(i, &mut rng);
        out.push_str(
            "| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n",
        );
        let rows: Vec<&Row> = groups.iter().flat_map(|g| &g.rows).chain(&own).collect();
        for r in &rows {
            r.line(&mut out);
        }
        out.push_str("\n#### Example\n\n```json\n{\n");
        let shown: Vec<&&Row> = rows
            .iter()
            .filter(|r| !r.optional || rng.chance(50))
            .collect();
        for (n, r) in shown.iter().enumerate() {
            let value = r.example(&mut rng);
            let comma = if n + 1 == shown.len() { "" } else { "," };
            let _ = writeln!(out, "{}: {value}{comma}", r.name);
        }
        out.push_str("}\n```\n\n");
    }
    out.push_str("## Data\n\n");
    for g in globals.iter().chain(areas.iter().flatten()) {
        let _ = writeln!(
            out,
            "### {} `{}`\n\n{} data schema\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|",
            g.title, g.id, g.title
        );
        for r in &g.rows {
            r.line(&mut out);
        }
        out.push('\n');
    }
    out
}

/// How many envelopes the validation benchmarks check.
pub const PAYLOADS: usize = 100_000;

/// The seed of the validation benchmarks' envelopes.
pub const PAYLOAD_SEED: u64 = 20_261_122;

/// What a payload of [`payloads`] is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// A valid envelope (keys in table order, `event` first).
    Valid,
    /// A valid envelope whose `properties` comes before `event`.
    ValidPropertiesFirst,
    /// A required property left out.
    Missing,
    /// A key the table does not list.
    Unknown,
    /// A value of the wrong JSON type.
    WrongType,
    /// `null` for a property.
    Null,
    /// A string outside a closed enum.
    NotInEnum,
    /// A malformed UUID or date-time (sometimes a trailing newline).
    BadFormat,
    /// An event name the spec does not define.
    UnknownEvent,
    /// A JSON array instead of an object.
    NotAnObject,
    /// A truncated line.
    NotJson,
}

impl Intent {
    /// Whether payloads of this intent are valid.
    pub fn valid(self) -> bool {
        matches!(self, Intent::Valid | Intent::ValidPropertiesFirst)
    }
}

/// Picks an intent: 80% valid (2 points of them with `properties` first), 20% invalid spread
/// over the fault kinds.
fn intent(rng: &mut Rng) -> Intent {
    match rng.below(100) {
        0..78 => Intent::Valid,
        78..80 => Intent::ValidPropertiesFirst,
        80..83 => Intent::Missing,
        83..86 => Intent::Unknown,
        86..89 => Intent::WrongType,
        89..90 => Intent::Null,
        90..93 => Intent::NotInEnum,
        93..96 => Intent::BadFormat,
        96..98 => Intent::UnknownEvent,
        98..99 => Intent::NotAnObject,
        _ => Intent::NotJson,
    }
}

const STRINGS: &[&str] = &[
    "registration",
    "submit",
    "Onlive Site.",
    "https://example.com/products/item123",
    "es",
    "spring_sale",
    "caf\u{e9} \u{2615}",
    "line \"quoted\"",
    "1.0.0",
    "ms-chat",
];

fn sample(model: &Model, ty: &Type, rng: &mut Rng, depth: usize) -> Value {
    match ty {
        Type::String { format: None } => Value::from(*rng.pick(STRINGS)),
        Type::String { format: Some(f) } => Value::from(match f {
            StringFormat::Uuid => rng.uuid(),
            StringFormat::DateTime => format!(
                "2026-11-{:02}T{:02}:15:00.{}Z",
                1 + rng.below(28),
                rng.below(24),
                rng.below(1000)
            ),
            StringFormat::Date => format!("2026-11-{:02}", 1 + rng.below(28)),
            StringFormat::Email => format!("user{}@example.com", rng.below(1000)),
            StringFormat::Uri => format!("https://example.com/p/{}", rng.below(1000)),
        }),
        Type::Number => json!(rng.below(100_000) as f64 / 100.0),
        Type::Integer { .. } => json!(rng.below(1_000_000)),
        Type::Boolean => json!(rng.chance(50)),
        Type::Object => {
            let mut m = Map::new();
            for k in 0..1 + rng.below(3) {
                m.insert(format!("key_{k}"), Value::from(*rng.pick(STRINGS)));
            }
            m.insert("count".into(), json!(rng.below(10)));
            Value::Object(m)
        }
        Type::Any => Value::from(*rng.pick(STRINGS)),
        Type::Array { items } => Value::Array(
            (0..rng.below(4))
                .map(|_| sample(model, items, rng, depth + 1))
                .collect(),
        ),
        Type::Enum { name } => match model.enum_def(name) {
            Some(e) if !e.values.is_empty() => Value::from(rng.pick(&e.values).as_str()),
            _ => Value::from("value"),
        },
        Type::Map { values } => {
            let mut m = Map::new();
            for k in 0..rng.below(3) {
                m.insert(format!("id_{k}"), sample(model, values, rng, depth + 1));
            }
            Value::Object(m)
        }
        Type::Ref { name } => match model.object(name) {
            Some(o) if depth < 4 => Value::Object(properties(model, &o.properties, rng, depth + 1)),
            _ => Value::Object(Map::new()),
        },
        Type::Union { variants } => match variants.first() {
            Some(t) => sample(model, t, rng, depth + 1),
            None => Value::Null,
        },
    }
}

fn properties(
    model: &Model,
    props: &[Property],
    rng: &mut Rng,
    depth: usize,
) -> Map<String, Value> {
    let mut m = Map::new();
    for p in props {
        if !p.optional || rng.chance(60) {
            m.insert(p.name.clone(), sample(model, &p.ty, rng, depth));
        }
    }
    m
}

/// A value of the wrong JSON type for `ty`, if there is one.
fn wrong(ty: &Type) -> Option<Value> {
    match ty {
        Type::String { .. } | Type::Enum { .. } => Some(json!(42)),
        Type::Number | Type::Integer { .. } => Some(json!("42")),
        Type::Boolean => Some(json!("true")),
        Type::Object | Type::Map { .. } | Type::Ref { .. } => Some(json!(["not", "an", "object"])),
        Type::Array { .. } => Some(json!({"not": "an array"})),
        Type::Any | Type::Union { .. } => None,
    }
}

/// Applies `intent` to a valid properties object of `event`; `false` when the event has nothing
/// to break that way (the caller then keeps the payload valid).
fn mutate(
    model: &Model,
    props: &[Property],
    m: &mut Map<String, Value>,
    intent: Intent,
    rng: &mut Rng,
) -> bool {
    let pick = |rng: &mut Rng, f: &dyn Fn(&Property) -> bool| -> Option<Property> {
        let c: Vec<&Property> = props.iter().filter(|p| f(p)).collect();
        (!c.is_empty()).then(|| (*rng.pick(&c)).clone())
    };
    match intent {
        Intent::Missing => match pick(rng, &|p| !p.optional) {
            Some(p) => m.shift_remove(&p.name).is_some(),
            None => false,
        },
        Intent::Unknown => {
            let at = rng.below(m.len() + 1);
            m.shift_insert(
                at,
                format!("unlisted_{}", rng.below(100)),
                json!("surprise"),
            );
            true
        }
        Intent::WrongType => match pick(rng, &|p| wrong(&p.ty).is_some()) {
            Some(p) => {
                m.insert(p.name.clone(), wrong(&p.ty).unwrap_or_default());
                true
            }
            None => false,
        },
        Intent::Null => match props.get(rng.below(props.len().max(1))) {
            Some(p) => {
                m.insert(p.name.clone(), Value::Null);
                true
            }
            None => false,
        },
        Intent::NotInEnum => match pick(
            rng,
            &|p| matches!(&p.ty, Type::Enum { name } if model.enum_def(name).is_some_and(|e| !e.open)),
        ) {
            Some(p) => {
                m.insert(p.name.clone(), json!("NOT-A-LISTED-VALUE"));
                true
            }
            None => false,
        },
        Intent::BadFormat => match pick(rng, &|p| matches!(p.ty, Type::String { format: Some(_) }))
        {
            Some(p) => {
                let good = sample(model, &p.ty, rng, 0);
                let s = good.as_str().unwrap_or_default();
                let bad = match rng.below(3) {
                    0 => format!("{s}\n"),
                    1 => s.replace('-', ""),
                    _ => format!("{{{s}}}"),
                };
                m.insert(p.name.clone(), Value::from(bad));
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// `n` NDJSON lines (no newline at their end) for `model`, with what each is meant to be.
pub fn payloads(model: &Model, n: usize, seed: u64) -> Vec<(String, Intent)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    if model.events.is_empty() {
        return out;
    }
    while out.len() < n {
        let event = rng.pick(&model.events);
        let mut props = properties(model, &event.properties, &mut rng, 0);
        let mut intent = intent(&mut rng);
        if !intent.valid()
            && !matches!(
                intent,
                Intent::UnknownEvent | Intent::NotAnObject | Intent::NotJson
            )
            && !mutate(model, &event.properties, &mut props, intent, &mut rng)
        {
            intent = Intent::Valid;
        }
        let mut env = Map::new();
        let name = if intent == Intent::UnknownEvent {
            format!("{}_renamed", event.name)
        } else {
            event.name.clone()
        };
        if intent == Intent::ValidPropertiesFirst {
            env.insert("properties".into(), Value::Object(props));
            env.insert("event".into(), Value::from(name));
        } else {
            env.insert("event".into(), Value::from(name));
            env.insert("properties".into(), Value::Object(props));
        }
        for p in &model.envelope {
            if !p.optional || rng.chance(60) {
                env.insert(p.name.clone(), sample(model, &p.ty, &mut rng, 0));
            }
        }
        let line = match intent {
            Intent::NotAnObject => Value::Array(vec![Value::Object(env)]).to_string(),
            Intent::NotJson => {
                let s = Value::Object(env).to_string();
                let cut = s.len() / 2;
                let cut = (0..=cut)
                    .rev()
                    .find(|&c| s.is_char_boundary(c))
                    .unwrap_or(0);
                s[..cut].to_owned()
            }
            _ => Value::Object(env).to_string(),
        };
        out.push((line, intent));
    }
    out
}

/// The lines joined as an NDJSON document (each line ends with `\n`).
pub fn ndjson(lines: &[(String, Intent)]) -> String {
    let mut s = String::with_capacity(lines.iter().map(|(l, _)| l.len() + 1).sum());
    for (l, _) in lines {
        s.push_str(l);
        s.push('\n');
    }
    s
}
