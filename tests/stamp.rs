//! `trackgen generate` with `baseline:` in trackgen.yaml stamps the package versions from a diff
//! against the spec at that git revision.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use assert_cmd::Command;
use std::path::Path;

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn version_of(dir: &Path) -> String {
    let cargo = std::fs::read_to_string(dir.join("generated/shop/rust/Cargo.toml")).unwrap();
    let line = cargo.lines().find(|l| l.starts_with("version = ")).unwrap();
    line.trim_start_matches("version = ")
        .trim_matches('"')
        .to_owned()
}

#[test]
fn breaking_changes_bump_the_major_version() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("spec")).unwrap();
    let spec = "## Events\n\n### Cart `cart`\n\n| Property | Data Type |\n|---|---|\n| items | integer |\n| note? | string |\n";
    std::fs::write(d.join("spec/shop.md"), spec).unwrap();
    std::fs::write(
        d.join("trackgen.yaml"),
        "version: 1.2.3\nbaseline: v1\nlanguages: [rust, typescript, python]\n",
    )
    .unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "v1"]);
    git(d, &["tag", "v1"]);
    let generate = || {
        Command::cargo_bin("trackgen")
            .unwrap()
            .current_dir(d)
            .arg("generate")
            .assert()
            .success();
    };
    generate();
    assert_eq!(version_of(d), "1.2.3", "no change since the baseline");

    std::fs::write(
        d.join("spec/shop.md"),
        spec.replace(
            "| note? | string |\n",
            "| note? | string |\n| coupon? | string |\n",
        ),
    )
    .unwrap();
    generate();
    assert_eq!(
        version_of(d),
        "1.3.0",
        "an optional property is an addition"
    );

    std::fs::write(
        d.join("spec/shop.md"),
        spec.replace(
            "| note? | string |\n",
            "| note? | string |\n| coupon | string |\n",
        ),
    )
    .unwrap();
    generate();
    assert_eq!(
        version_of(d),
        "2.0.0",
        "a required property breaks producers"
    );
    let pkg = std::fs::read_to_string(d.join("generated/shop/typescript/package.json")).unwrap();
    assert!(pkg.contains("\"version\": \"2.0.0\""), "{pkg}");
    let py = std::fs::read_to_string(d.join("generated/shop/python/pyproject.toml")).unwrap();
    assert!(py.contains("version = \"2.0.0\""), "{py}");
}
