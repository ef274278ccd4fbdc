//! The build.rs path end to end, on a copy of `examples/build-rs`: the build dependency pulls in no
//! CLI crates; editing the spec regenerates the code; building again without an edit does not rerun
//! the build script; an invalid spec fails the downstream build with the spec's line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            common::root().join("target/toolchains/build-rs-target"),
        )
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A standalone copy of the example crate depending on this checkout of trackgen.
fn copy_example() -> std::path::PathBuf {
    let dir = common::scratch("build-rs");
    let example = common::root().join("examples/build-rs");
    for sub in ["src", "tests", "tracking"] {
        common::copy_tree(&example.join(sub), &dir.join(sub));
    }
    std::fs::copy(example.join("build.rs"), dir.join("build.rs")).unwrap();
    let manifest = std::fs::read_to_string(example.join("Cargo.toml"))
        .unwrap()
        .replace(
            "path = \"../..\"",
            &format!("path = {:?}", common::root().to_string_lossy()),
        );
    std::fs::write(dir.join("Cargo.toml"), format!("{manifest}\n[workspace]\n")).unwrap();
    // The same dependency versions as the workspace (and resolvable offline).
    std::fs::copy(common::root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

#[test]
fn the_build_dependency_compiles_no_cli_crates() {
    let out = cargo(
        &common::root(),
        &[
            "tree",
            "-e",
            "normal,build",
            "-p",
            "build-rs-example",
            "--offline",
        ],
    );
    let tree = text(&out);
    assert!(out.status.success(), "{tree}");
    assert!(tree.contains("trackgen v"), "{tree}");
    for cli_only in ["clap", "serde_yaml", "jemalloc"] {
        assert!(
            !tree.contains(cli_only),
            "{cli_only} in the build graph:\n{tree}"
        );
    }
}

#[test]
fn spec_edits_regenerate_and_bad_specs_fail_the_build_with_their_line() {
    let dir = copy_example();
    let out = cargo(&dir, &["test", "--offline"]);
    assert!(out.status.success(), "{}", text(&out));

    // No edit: the build script does not run again.
    let out = cargo(&dir, &["build", "--offline", "-v"]);
    let log = text(&out);
    assert!(out.status.success(), "{log}");
    assert!(
        !log.contains("build-script-build`"),
        "build script reran without an edit:\n{log}"
    );

    // Add an event to the spec and code that uses its generated type.
    let spec = dir.join("tracking/shop.md");
    let original = std::fs::read_to_string(&spec).unwrap();
    let edited = original.replace(
        "## Data",
        "### Order Refunded `order_refunded`\n\n| Property | Data Type | Possible Values | Description |\n|---|---|---|---|\n| amount | number | 5 | Refunded amount |\n\n## Data",
    );
    std::fs::write(&spec, &edited).unwrap();
    std::fs::write(
        dir.join("tests/refund.rs"),
        "use build_rs_example::tracking::{OrderRefunded, RecordingSink, Tracker};\n\n#[test]\nfn refund_is_tracked() {\n    let t = Tracker::new(RecordingSink::new());\n    t.order_refunded(OrderRefunded { amount: 5.into() });\n    assert_eq!(t.sink().envelopes()[0][\"event\"], \"order_refunded\");\n}\n",
    )
    .unwrap();
    let out = cargo(&dir, &["test", "--offline", "--test", "refund"]);
    assert!(
        out.status.success(),
        "edited spec did not regenerate:\n{}",
        text(&out)
    );

    // A bad type in the spec fails the downstream build, naming the spec line.
    std::fs::write(
        &spec,
        edited.replace("| amount | number |", "| amount | numbr |"),
    )
    .unwrap();
    let out = cargo(&dir, &["build", "--offline"]);
    let log = text(&out);
    assert!(!out.status.success(), "{log}");
    let line = edited
        .lines()
        .position(|l| l.starts_with("| amount |"))
        .unwrap()
        + 1;
    assert!(
        log.contains(&format!(
            "tracking/shop.md:{line}:12: error[unknown-type]: unknown type `numbr`"
        )),
        "{log}"
    );
}
