//! The examples in `spec/README.md` are real specs: they parse, and the Markdown and plain-text
//! forms of the minimal spec give the same model, so the dialect docs cannot rot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::json;

fn block_after<'a>(doc: &'a str, marker: &str, fence: &str) -> &'a str {
    let start = doc
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in README"));
    let rest = &doc[start..];
    let open = rest.find(fence).unwrap() + fence.len();
    let rest = &rest[open..];
    let body_start = rest.find('\n').unwrap() + 1;
    let close_fence = &fence[..fence.chars().take_while(|c| *c == '`').count()];
    let end = rest[body_start..]
        .find(&format!("\n{close_fence}\n"))
        .unwrap();
    &rest[body_start..body_start + end + 1]
}

#[test]
fn minimal_spec_in_both_forms_gives_one_model() {
    let doc = std::fs::read_to_string("spec/README.md").unwrap();
    let md = block_after(&doc, "## A minimal spec", "````markdown");
    let txt = block_after(&doc, "## The plain-text export form", "```text");
    let a = trackgen::load_str("shop.md", "shop", md)
        .unwrap_or_else(|e| panic!("{e}"))
        .model;
    let b = trackgen::load_str("shop.txt", "shop", txt)
        .unwrap_or_else(|e| panic!("{e}"))
        .model;
    assert_eq!(a.events.len(), 1);
    assert_eq!(a.events[0].groups, ["session"]);
    assert_eq!(a.enums[0].values, ["add", "remove"]);
    let strip = |v: serde_json::Value| -> serde_json::Value {
        let mut s = serde_json::to_string(&v).unwrap();
        // positions differ between the two forms; everything else must not
        for key in ["\"line\":", "\"column\":"] {
            while let Some(i) = s.find(key) {
                let end = s[i + key.len()..].find([',', '}']).unwrap() + i + key.len();
                let cut_end = if s.as_bytes()[end] == b',' {
                    end + 1
                } else {
                    end
                };
                s.replace_range(i..cut_end, "");
            }
        }
        serde_json::from_str(&s.replace(",}", "}")).unwrap()
    };
    assert_eq!(strip(json!(a.events)), strip(json!(b.events)));
    assert_eq!(strip(json!(a.groups)), strip(json!(b.groups)));
    assert_eq!(a.spec.title, b.spec.title);
}
