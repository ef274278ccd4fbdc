//! `trackgen generate` and `trackgen check`: the same plan, written or diffed.
//!
//! Arguments override `trackgen.yaml` (or `--config FILE`); with neither, every `spec/*.md` except
//! `spec/README.md` goes to `generated/` in all languages.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::{self, Config};
use crate::lang::{Language, Package};
use crate::{Error, Options, write};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Spec files. Default: the config's `specs`, else every `spec/*.md` except `spec/README.md`
    /// (the dialect docs).
    specs: Vec<PathBuf>,
    /// Languages to generate (comma-separated). Default: the config's `languages`, else all.
    #[arg(long, value_enum, value_delimiter = ',')]
    lang: Vec<Language>,
    /// Output root; each spec goes to `<out>/<spec name>/<language>/`. Default: the config's
    /// `out`, else `generated`.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Config file. Default: `trackgen.yaml` when it exists.
    #[arg(long)]
    config: Option<PathBuf>,
}

/// The spec files to read: the given ones, or `spec/*.md` without `README.md`, sorted.
pub(crate) fn spec_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if !given.is_empty() {
        let mut v = given.to_vec();
        v.sort();
        v.dedup();
        return Ok(v);
    }
    let dir = Path::new("spec");
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: "spec".to_owned(),
        source,
    })?;
    let mut v: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().eq_ignore_ascii_case("README.md"))
        })
        .collect();
    v.sort();
    if v.is_empty() {
        return Err(Error::Other(
            "no spec files given and none found in spec/*.md".to_owned(),
        ));
    }
    Ok(v)
}

struct Resolved {
    specs: Vec<PathBuf>,
    out: PathBuf,
    options: Options,
}

fn resolve(args: &Args) -> Result<Resolved, Error> {
    let config = match &args.config {
        Some(path) => Config::read(path)?.ok_or_else(|| Error::Io {
            path: path.to_string_lossy().into_owned(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        })?,
        None => Config::read(Path::new(config::FILE))?.unwrap_or_default(),
    };
    let specs = if args.specs.is_empty() {
        spec_paths(&config.specs)?
    } else {
        spec_paths(&args.specs)?
    };
    let languages = if args.lang.is_empty() {
        config.languages.clone()
    } else {
        args.lang.clone()
    };
    let mut options = Options::languages(&languages);
    options.version.clone_from(&config.version);
    for (lang, p) in config.packages() {
        options
            .packages
            .insert(lang, Package::new(p.package.clone(), p.version.clone()));
    }
    if let Some(rev) = &config.baseline {
        let base = config.version.clone().unwrap_or_else(|| "0.1.0".to_owned());
        for spec in &specs {
            let rel = spec.to_string_lossy().replace('\\', "/");
            let new = crate::load(spec)?.model;
            let old = match super::diff::load_side(&format!("{rev}:{rel}")) {
                Ok(m) => m,
                Err(Error::Other(msg))
                    if msg.contains("does not exist")
                        || msg.contains("exists on disk, but not in") =>
                {
                    continue; // a spec new since the baseline starts at `version`
                }
                Err(e) => return Err(e),
            };
            let report = crate::diff::diff(rev, &old, &rel, &new);
            if let Some(v) = report.bump.apply(&base) {
                if v != base {
                    eprintln!(
                        "{rel}: {} change since {rev}; packages versioned {v}",
                        report.bump.as_str()
                    );
                }
                options.spec_versions.insert(new.spec.name.clone(), v);
            }
        }
    }
    let out = args
        .out
        .clone()
        .or_else(|| config.out.clone())
        .unwrap_or_else(|| PathBuf::from("generated"));
    Ok(Resolved {
        specs,
        out,
        options,
    })
}

fn plan(r: &Resolved) -> Result<write::Plan, Error> {
    let generated = crate::generate_files(&r.specs, &r.options, super::summarize_warnings)?;
    let langs = if r.options.languages.is_empty() {
        Language::ALL.to_vec()
    } else {
        r.options.languages.clone()
    };
    let files = write::with_manifests(&r.out, generated, &langs)?;
    write::plan(&r.out, files)
}

pub(crate) fn run_generate(args: &Args) -> Result<ExitCode, Error> {
    let r = resolve(args)?;
    let plan = plan(&r)?;
    write::apply(&r.out, &plan)?;
    eprintln!("{}: {}", r.out.display(), plan.summary());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_check(args: &Args) -> Result<ExitCode, Error> {
    let r = resolve(args)?;
    let plan = plan(&r)?;
    if plan.is_empty() {
        eprintln!(
            "{}: up to date ({} files)",
            r.out.display(),
            plan.unchanged.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let label = r.out.to_string_lossy().replace('\\', "/");
    print!("{}", plan.diff(label.trim_end_matches('/')));
    eprintln!(
        "{}: out of date ({} to write, {} to remove); run `trackgen generate`",
        r.out.display(),
        plan.create.len() + plan.update.len(),
        plan.delete.len()
    );
    Ok(ExitCode::from(1))
}
