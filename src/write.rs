//! Writing generated files: plan against the disk, write only what changed, remove what we
//! generated before and no longer generate, never touch anything else.
//!
//! - [`plan`] compares the files to generate with the output folder. Files we generated earlier are
//!   recorded per spec in `<out>/<spec>/.trackgen-manifest` (one `/`-separated path per line,
//!   relative to `<out>/<spec>/`); the manifest is itself part of the output, so `check` notices a
//!   stale one. A file that is not in a manifest is never deleted or overwritten... unless we are
//!   about to generate a file at that very path.
//! - [`apply`] writes every new or changed file into a staging folder inside `<out>` first; only when
//!   all of them are written does it rename each into place and delete stale files. A failure while
//!   staging (disk full, permissions) leaves the previous output untouched.
//! - [`Plan::diff`] renders the plan as a unified diff for `trackgen check`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::Error;
use crate::lang::{GeneratedFile, Language};

/// The manifest file name inside `<out>/<spec>/`.
pub const MANIFEST: &str = ".trackgen-manifest";

/// What writing a set of files would do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files that do not exist yet.
    pub create: Vec<GeneratedFile>,
    /// Files whose contents change: (new file, old contents).
    pub update: Vec<(GeneratedFile, String)>,
    /// Paths whose contents are already right.
    pub unchanged: Vec<String>,
    /// Paths we generated before and no longer generate.
    pub delete: Vec<(String, String)>,
}

impl Plan {
    /// Whether writing would change nothing.
    pub fn is_empty(&self) -> bool {
        self.create.is_empty() && self.update.is_empty() && self.delete.is_empty()
    }

    /// A unified diff of every change, paths relative to `label_root` (e.g. `generated`).
    pub fn diff(&self, label_root: &str) -> String {
        let mut out = String::new();
        let mut push = |path: &str, old: &str, new: &str| {
            let a = if old.is_empty() {
                "/dev/null".to_owned()
            } else {
                format!("a/{label_root}/{path}")
            };
            let b = if new.is_empty() {
                "/dev/null".to_owned()
            } else {
                format!("b/{label_root}/{path}")
            };
            let diff = TextDiff::from_lines(old, new);
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&a, &b)
                    .to_string(),
            );
        };
        let mut all: Vec<(&str, &str, &str)> = Vec::new();
        for f in &self.create {
            all.push((&f.path, "", &f.contents));
        }
        for (f, old) in &self.update {
            all.push((&f.path, old, &f.contents));
        }
        for (p, old) in &self.delete {
            all.push((p, old, ""));
        }
        all.sort_by(|a, b| a.0.cmp(b.0));
        for (p, old, new) in all {
            push(p, old, new);
        }
        out
    }

    /// One line: `3 written, 5 unchanged, 1 removed`.
    pub fn summary(&self) -> String {
        format!(
            "{} written, {} unchanged, {} removed",
            self.create.len() + self.update.len(),
            self.unchanged.len(),
            self.delete.len()
        )
    }
}

/// Adds each spec's manifest to `files` (paths `NAME/...` relative to the output root). The
/// manifest of a spec lists the files of the `langs` being generated plus, for languages not being
/// generated this time, what the previous manifest listed for them (read from `out`).
pub fn with_manifests(
    out: &Path,
    files: Vec<GeneratedFile>,
    langs: &[Language],
) -> Result<Vec<GeneratedFile>, Error> {
    let mut per_spec: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        if let Some((spec, rest)) = f.path.split_once('/') {
            per_spec
                .entry(spec.to_owned())
                .or_default()
                .insert(rest.to_owned());
        }
    }
    let dirs: BTreeSet<&str> = langs.iter().map(|l| l.dir()).collect();
    let mut result = files;
    for (spec, mut entries) in per_spec {
        for old in read_manifest(&out.join(&spec))? {
            let lang = old.split('/').next().unwrap_or("");
            if !dirs.contains(lang) {
                entries.insert(old);
            }
        }
        let mut text = String::from(
            "# Files trackgen generated here; `trackgen generate` removes them when they are no\n\
             # longer generated and never touches files not listed. Do not edit.\n",
        );
        for e in &entries {
            text.push_str(e);
            text.push('\n');
        }
        result.push(GeneratedFile::new(format!("{spec}/{MANIFEST}"), text));
    }
    result.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(result)
}

fn read_manifest(spec_dir: &Path) -> Result<Vec<String>, Error> {
    let path = spec_dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(manifest_entries(&text).map(str::to_owned).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(io_err(&path, source)),
    }
}

fn manifest_entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| is_safe_relative(l))
}

/// A manifest entry may only name a plain relative path below the spec folder.
fn is_safe_relative(p: &str) -> bool {
    !p.starts_with('/')
        && !p.contains('\\')
        && p.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
}

fn io_err(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_string_lossy().replace('\\', "/"),
        source,
    }
}

/// Compares `files` (paths relative to `out`, manifests included) with the disk.
pub fn plan(out: &Path, files: Vec<GeneratedFile>) -> Result<Plan, Error> {
    let mut plan = Plan::default();
    let new_paths: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    let specs: BTreeSet<String> = files
        .iter()
        .filter_map(|f| f.path.split_once('/').map(|(s, _)| s.to_owned()))
        .collect();
    // What each spec's new manifest keeps (files of languages not generated this time stay listed).
    let kept: BTreeSet<String> = files
        .iter()
        .filter(|f| {
            f.path
                .split_once('/')
                .is_some_and(|(s, rest)| rest == MANIFEST && specs.contains(s))
        })
        .flat_map(|f| {
            let spec = f.path.split_once('/').map_or("", |(s, _)| s);
            manifest_entries(&f.contents).map(move |e| format!("{spec}/{e}"))
        })
        .collect();
    // Files are moved into the plan, not copied: generated trees can be hundreds of megabytes.
    for f in files {
        let path = out.join(&f.path);
        match std::fs::read(&path) {
            Ok(bytes) if bytes == f.contents.as_bytes() => plan.unchanged.push(f.path),
            Ok(bytes) => plan
                .update
                .push((f, String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => plan.create.push(f),
            Err(source) => return Err(io_err(&path, source)),
        }
    }
    for spec in &specs {
        for old in read_manifest(&out.join(spec))? {
            let rel = format!("{spec}/{old}");
            if new_paths.contains(&rel) || kept.contains(&rel) {
                continue;
            }
            let path = out.join(&rel);
            match std::fs::read(&path) {
                Ok(bytes) => plan
                    .delete
                    .push((rel, String::from_utf8_lossy(&bytes).into_owned())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(io_err(&path, source)),
            }
        }
    }
    Ok(plan)
}

/// Carries out `plan` under `out`: stages new contents, then renames them into place and removes
/// stale files (and folders that become empty).
pub fn apply(out: &Path, plan: &Plan) -> Result<(), Error> {
    if plan.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(out).map_err(|e| io_err(out, e))?;
    let staging = out.join(format!(".trackgen-staging-{}", std::process::id()));
    let result = stage_and_move(out, &staging, plan);
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn stage_and_move(out: &Path, staging: &Path, plan: &Plan) -> Result<(), Error> {
    let writes: Vec<&GeneratedFile> = plan
        .create
        .iter()
        .chain(plan.update.iter().map(|(f, _)| f))
        .collect();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    // Each folder is created once, not once per file (a syscall or more each).
    let mut made: BTreeSet<PathBuf> = BTreeSet::new();
    let mut make_dir = |dir: &Path| -> Result<(), Error> {
        if !made.contains(dir) {
            std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
            made.insert(dir.to_path_buf());
        }
        Ok(())
    };
    for (i, f) in writes.iter().enumerate() {
        let tmp = staging.join(i.to_string());
        if let Some(parent) = tmp.parent() {
            make_dir(parent)?;
        }
        std::fs::write(&tmp, f.contents.as_bytes()).map_err(|e| io_err(&tmp, e))?;
        staged.push((tmp, out.join(&f.path)));
    }
    for (tmp, dest) in staged {
        if let Some(parent) = dest.parent() {
            make_dir(parent)?;
        }
        std::fs::rename(&tmp, &dest).map_err(|e| io_err(&dest, e))?;
    }
    for (rel, _) in &plan.delete {
        let path = out.join(rel);
        std::fs::remove_file(&path).map_err(|e| io_err(&path, e))?;
        // Remove folders left empty, up to the spec folder.
        let mut dir = path.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d == out || std::fs::remove_dir(&d).is_err() {
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    Ok(())
}

/// Writes `files` (paths relative to `dir`) whose contents differ from what is on disk, and nothing
/// else: no manifest, no deletion. For build scripts writing into `OUT_DIR`, where rewriting an
/// identical file would make cargo rebuild the crate that includes it. Returns how many were
/// written.
pub fn write_if_changed(dir: &Path, files: &[GeneratedFile]) -> Result<usize, Error> {
    let mut written = 0;
    for f in files {
        let path = dir.join(&f.path);
        if std::fs::read(&path).is_ok_and(|b| b == f.contents.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        }
        let tmp = path.with_extension(format!("trackgen-tmp-{}", std::process::id()));
        std::fs::write(&tmp, f.contents.as_bytes()).map_err(|e| io_err(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| io_err(&path, e))?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(p: &str, c: &str) -> GeneratedFile {
        GeneratedFile::new(p, c)
    }

    #[test]
    fn plan_apply_and_stale_removal() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let langs = [Language::Rust, Language::Python];
        let first = with_manifests(
            out,
            vec![f("s/rust/a.rs", "a\n"), f("s/python/b.py", "b\n")],
            &langs,
        )
        .unwrap();
        let p = plan(out, first.clone()).unwrap();
        assert_eq!(p.create.len(), 3);
        apply(out, &p).unwrap();
        std::fs::write(out.join("s/rust/mine.txt"), "user file\n").unwrap();

        // Same files again: nothing to do, nothing rewritten.
        let p = plan(out, first.clone()).unwrap();
        assert!(p.is_empty(), "{p:?}");

        // b.py is no longer generated; a.rs changes.
        let second = with_manifests(out, vec![f("s/rust/a.rs", "A\n")], &langs).unwrap();
        let p = plan(out, second.clone()).unwrap();
        assert_eq!(p.update.len(), 2, "a.rs and the manifest");
        assert_eq!(p.delete.len(), 1);
        let diff = p.diff("generated");
        assert!(diff.contains("-a\n+A\n"), "{diff}");
        assert!(
            diff.contains("--- a/generated/s/python/b.py\n+++ /dev/null"),
            "{diff}"
        );
        apply(out, &p).unwrap();
        assert!(!out.join("s/python").exists(), "empty folder removed");
        assert_eq!(
            std::fs::read_to_string(out.join("s/rust/mine.txt")).unwrap(),
            "user file\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("s/rust/a.rs")).unwrap(),
            "A\n"
        );
        assert!(std::fs::read_dir(out).unwrap().all(|e| {
            !e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".trackgen-staging")
        }));
    }

    #[test]
    fn generating_one_language_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let all = with_manifests(
            out,
            vec![f("s/rust/a.rs", "a\n"), f("s/python/b.py", "b\n")],
            &[Language::Rust, Language::Python],
        )
        .unwrap();
        apply(out, &plan(out, all.clone()).unwrap()).unwrap();
        let only_rust =
            with_manifests(out, vec![f("s/rust/a.rs", "a\n")], &[Language::Rust]).unwrap();
        let p = plan(out, only_rust.clone()).unwrap();
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn hostile_manifest_entries_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("s")).unwrap();
        std::fs::write(out.join("keep.txt"), "x").unwrap();
        std::fs::write(
            out.join("s").join(MANIFEST),
            "../keep.txt\n/etc/passwd\nrust/../../keep.txt\n",
        )
        .unwrap();
        let files = with_manifests(out, vec![f("s/rust/a.rs", "a\n")], &[Language::Rust]).unwrap();
        let p = plan(out, files.clone()).unwrap();
        assert!(p.delete.is_empty(), "{p:?}");
    }

    #[test]
    fn write_if_changed_keeps_mtime_of_identical_files() {
        let dir = tempfile::tempdir().unwrap();
        let files = [f("x.rs", "x\n")];
        assert_eq!(write_if_changed(dir.path(), &files).unwrap(), 1);
        assert_eq!(write_if_changed(dir.path(), &files).unwrap(), 0);
    }
}
