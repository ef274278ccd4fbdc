//! Property tests: random valid specs load, and every backend generates files that keep the output
//! invariants, deterministically; random text never panics the reader. A fixed sample of random
//! specs goes through the real toolchains too (`sample_specs_pass_the_toolchains`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use proptest::prelude::*;
use std::collections::BTreeSet;

const WORDS: &[&str] = &[
    "alpha", "beta", "gamma", "delta", "order", "cart", "item", "user", "page", "view", "click",
    "type", "class", "self", "async", "default", "import", "from", "event", "tracker", "sink",
    "map", "value", "data", "id", "none", "true", "string", "number", "élan", "naïve", "x9", "in",
    "is",
];

const TYPES: &[&str] = &[
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "string (UUID)",
    "string (date-time)",
    "string (date)",
    "string (email)",
    "string (URL)",
    "integer (timestamp)",
    "string[]",
    "integer[]",
    "object[]",
    "array",
    "string / number",
    "map of string",
    "map of integer",
];

const HOSTILE: &[&str] = &[
    "plain",
    "*/ end",
    "\"\"\" triple",
    "''' single",
    "back\\slash",
    "`tick`",
    "${x}",
    "{y}",
    "a | pipe",
    "emoji 🎉",
    "שלום",
    "\u{2028}sep",
    "nul\u{0}x",
    "bidi\u{202e}x",
    "<b>html</b>",
    "[link]",
];

#[derive(Debug, Clone)]
struct Prop {
    name: String,
    ty: String,
    optional: bool,
    values: Vec<String>,
    desc: String,
}

/// A name from 1–3 words, unique (after removing everything but letters and digits) in `used`.
fn unique_name(words: Vec<usize>, sep: &str, used: &mut BTreeSet<String>) -> Option<String> {
    let name: Vec<&str> = words.iter().map(|i| WORDS[i % WORDS.len()]).collect();
    let name = name.join(sep);
    let key: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    used.insert(key).then_some(name)
}

fn spec_strategy() -> impl Strategy<Value = String> {
    let prop = (
        prop::collection::vec(0..WORDS.len(), 1..3),
        0..TYPES.len() + 2,
        any::<bool>(),
        prop::collection::vec(0..HOSTILE.len(), 1..4),
        0..HOSTILE.len(),
    );
    let event = (
        prop::collection::vec(0..WORDS.len(), 1..4),
        any::<bool>(),
        prop::collection::vec(prop, 0..6),
    );
    (prop::collection::vec(event, 1..5), 0..HOSTILE.len()).prop_map(|(events, title)| {
        let mut out = format!(
            "# Random {}\n\n## Events\n\n",
            HOSTILE[title].replace('|', "\\|")
        );
        let mut event_names = BTreeSet::new();
        for (words, spaced, props) in events {
            let Some(name) = unique_name(words, if spaced { " " } else { "_" }, &mut event_names)
            else {
                continue;
            };
            if spaced {
                out.push_str(&format!("### {name}\n\n"));
            } else {
                out.push_str(&format!("### {name} `{name}`\n\n"));
            }
            let mut prop_names = BTreeSet::new();
            let mut rows = Vec::new();
            for (pw, ty, optional, vals, desc) in props {
                let Some(pname) = unique_name(pw, "_", &mut prop_names) else {
                    continue;
                };
                let (ty, values) = if ty >= TYPES.len() {
                    // An enum of hostile values, unique per enum.
                    let mut seen = BTreeSet::new();
                    let values: Vec<String> = vals
                        .iter()
                        .map(|v| HOSTILE[*v].to_owned())
                        .filter(|v| seen.insert(v.clone()))
                        .collect();
                    ("string (enum)".to_owned(), values)
                } else {
                    (TYPES[ty].to_owned(), Vec::new())
                };
                // Enum names are shared per property name: make them unique per event.
                let pname = if values.is_empty() {
                    pname
                } else {
                    format!("{pname}_{}", out.len())
                };
                rows.push(Prop {
                    name: pname,
                    ty,
                    optional,
                    values,
                    desc: HOSTILE[desc].to_owned(),
                });
            }
            if !rows.is_empty() {
                out.push_str(
                    "| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n",
                );
                for p in rows {
                    let values: Vec<String> = p
                        .values
                        .iter()
                        .map(|v| serde_json::to_string(v).unwrap().replace('|', "\\|"))
                        .collect();
                    out.push_str(&format!(
                        "| {}{} | {} | {} | {} |\n",
                        p.name,
                        if p.optional { "?" } else { "" },
                        p.ty,
                        values.join(", "),
                        p.desc.replace('|', "\\|").replace('\n', " ")
                    ));
                }
                out.push('\n');
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_specs_generate_clean_output(spec in spec_strategy()) {
        let loaded = trackgen::load_str("random.md", "random", &spec)
            .unwrap_or_else(|e| panic!("{e}\n--- spec\n{spec}"));
        let cx = trackgen::lang::Context::new("random.md", &spec);
        let mut d = loaded.diagnostics.clone();
        let files = trackgen::lang::generate(&loaded.model, &cx, &trackgen::Language::ALL, &mut d)
            .unwrap_or_else(|| panic!("{d}\n--- spec\n{spec}"));
        for f in &files {
            trackgen::lang::files::check_invariants(f).unwrap();
        }
        let mut d2 = loaded.diagnostics.clone();
        let again = trackgen::lang::generate(&loaded.model, &cx, &trackgen::Language::ALL, &mut d2).unwrap();
        prop_assert_eq!(files, again);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}", md in any::<bool>()) {
        let path = if md { "x.md" } else { "x.txt" };
        if let Ok(l) = trackgen::load_str(path, "x", &text) {
            let cx = trackgen::lang::Context::new(path, &text);
            let _ = trackgen::lang::generate(&l.model, &cx, &trackgen::Language::ALL, &mut l.diagnostics.clone());
        }
        let _ = trackgen::lint::lint_str(path, "x", &text);
    }

    #[test]
    fn table_shaped_text_never_panics(rows in prop::collection::vec("[|a-z?() \\[\\]\"`,{}:0-9-]{0,40}", 0..12)) {
        let text = format!("## Events\n\n### A `a`\n\n{}\n", rows.join("\n"));
        let _ = trackgen::load_str("t.md", "t", &text);
        let _ = trackgen::load_str("t.txt", "t", &format!("Events\nA a\nd\n{}\n", rows.join("\n")));
    }
}

/// Three random specs from a fixed seed through the real toolchains (the same checks as the
/// generated packages get): TypeScript strict tsc, Python mypy --strict / ruff, Rust cargo
/// clippy -D warnings, JSON Schema metaschema.
#[test]
fn sample_specs_pass_the_toolchains() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let (Some(tsc), Some(mypy), Some(ruff), Some(python)) = (
        common::node_tool("tsc"),
        common::venv_tool("mypy"),
        common::venv_tool("ruff"),
        common::venv_tool("python"),
    ) else {
        return;
    };
    let cargo_target = common::root().join("target/toolchains/cargo-target");
    for i in 0..3 {
        let spec = spec_strategy().new_tree(&mut runner).unwrap().current();
        let dir = common::scratch(&format!("proptest-{i}"));
        let spec_path = dir.join("random.md");
        std::fs::write(&spec_path, &spec).unwrap();
        let files = trackgen::generate_files(&[&spec_path], &trackgen::Options::all(), |_| {})
            .unwrap_or_else(|e| panic!("{e}\n--- spec\n{spec}"));
        for f in &files {
            let p = dir.join("out").join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, &f.contents).unwrap();
        }
        let out = dir.join("out/random");
        common::run(
            std::process::Command::new(&tsc)
                .args(["--noEmit", "-p"])
                .arg(out.join("typescript/tsconfig.json")),
        );
        common::run(
            std::process::Command::new(&mypy)
                .args(["--strict", "--no-incremental", "--cache-dir=/dev/null"])
                .arg(out.join("python/random_tracker"))
                .env("PYTHONDONTWRITEBYTECODE", "1"),
        );
        common::run(
            std::process::Command::new(&ruff)
                .args(["check", "--no-cache"])
                .arg(out.join("python")),
        );
        common::run(
            std::process::Command::new(&ruff)
                .args(["format", "--check", "--no-cache"])
                .arg(out.join("python")),
        );
        common::run(
            std::process::Command::new(&python)
                .args([
                    "-c",
                    "import json,sys,jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))",
                ])
                .arg(out.join("jsonschema/random.schema.json")),
        );
        common::run(
            std::process::Command::new(env!("CARGO"))
                .args(["clippy", "--quiet", "--all-targets", "--manifest-path"])
                .arg(out.join("rust/Cargo.toml"))
                .args(["--", "-D", "warnings"])
                .env("CARGO_TARGET_DIR", &cargo_target)
                .env("CARGO_TERM_COLOR", "never"),
        );
        common::run(
            std::process::Command::new(env!("CARGO"))
                .args(["fmt", "--check", "--manifest-path"])
                .arg(out.join("rust/Cargo.toml")),
        );
    }
}
