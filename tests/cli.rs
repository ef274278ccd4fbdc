//! The `trackgen` binary: exit codes, streams, output formats.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn trackgen() -> Command {
    let mut c = Command::cargo_bin("trackgen").unwrap();
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn ir_json_has_the_documented_shape() {
    let out = trackgen()
        .args(["ir", "spec/onlive.md", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 8);
    assert_eq!(v["groups"].as_array().unwrap().len(), 20);
    assert_eq!(v["enums"].as_array().unwrap().len(), 4);
    let ev = &v["events"][0];
    for key in ["id", "title", "description", "groups", "properties"] {
        assert!(ev.get(key).is_some(), "event key {key}");
    }
    let p = &ev["properties"][0];
    for key in ["name", "type", "optional"] {
        assert!(p.get(key).is_some(), "property key {key}");
    }
    assert_eq!(ev["id"], "element_click");
    assert_eq!(ev["properties"].as_array().unwrap().len(), 44);
}

#[test]
fn ir_reads_the_seed_text_verbatim() {
    let out = trackgen()
        .args([
            "ir",
            "../shared/seeds/000_99f308edc82d71d7.txt",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 8);
    assert_eq!(v["groups"].as_array().unwrap().len(), 20);
}

#[test]
fn ir_yaml_is_the_default() {
    trackgen()
        .args(["ir", "spec/onlive.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("events:\n- id: element_click\n"));
}

#[test]
fn spec_errors_exit_1_with_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("bad.md");
    std::fs::write(
        &spec,
        "## Events\n\n### A `a`\n\n| Property | Data Type |\n|---|---|\n| x | strng |\n",
    )
    .unwrap();
    trackgen()
        .args(["ir", spec.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "bad.md:7:7: error[unknown-type]: unknown type `strng`",
        ));
}

#[test]
fn io_and_usage_errors_exit_2() {
    trackgen()
        .args(["ir", "no/such/spec.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/spec.md"));
    trackgen().args(["ir"]).assert().code(2);
    trackgen().args(["frobnicate"]).assert().code(2);
    trackgen()
        .args(["ir", "spec/onlive.md", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn non_utf8_input_is_a_spec_error() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("bin.md");
    std::fs::write(&spec, b"# T\n\xff\xfe\n").unwrap();
    trackgen()
        .args(["ir", spec.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn help_lists_the_subcommands() {
    trackgen().arg("--help").assert().success().stdout(
        predicate::str::contains("generate")
            .and(predicate::str::contains("check"))
            .and(predicate::str::contains("ir")),
    );
}

#[test]
fn init_writes_a_starter_config_that_generate_reads() {
    let dir = tempfile::tempdir().unwrap();
    trackgen()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("trackgen.yaml")).unwrap();
    assert!(text.starts_with("# trackgen configuration"));
    trackgen()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    // Point it at a spec of ours and only the JSON Schema, then generate with no arguments.
    std::fs::create_dir_all(dir.path().join("spec")).unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/all-types/spec.md"),
        dir.path().join("spec/shop.md"),
    )
    .unwrap();
    let text = text
        .replace("  - spec/onlive.md", "  - spec/shop.md")
        .replace(
            "languages: [rust, typescript, python, jsonschema]",
            "languages: [jsonschema]",
        )
        .replace("out: generated", "out: sdk");
    std::fs::write(dir.path().join("trackgen.yaml"), text).unwrap();
    trackgen()
        .current_dir(dir.path())
        .arg("generate")
        .assert()
        .success();
    assert!(
        dir.path()
            .join("sdk/shop/jsonschema/shop.schema.json")
            .is_file()
    );
    assert!(!dir.path().join("sdk/shop/rust").exists());
    trackgen()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .success();
}

#[test]
fn config_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("trackgen.yaml"),
        "out: gen\nlanguage: [rust]\n",
    )
    .unwrap();
    trackgen()
        .current_dir(dir.path())
        .arg("generate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "trackgen.yaml:2:1: error[config]: unknown field `language`",
        ));
}
