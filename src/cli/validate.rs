//! `trackgen validate`: check NDJSON envelopes against a spec, streaming in constant memory, with
//! the same rules as the generated SDKs (`trackgen::payload`).

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::Error;
use crate::payload;

/// Output format of `trackgen validate`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// `LINE: EVENT: POINTER: reason` per invalid line, then `N valid, M invalid`.
    Text,
    /// One JSON record per invalid line (`{"line", "event", "kind", "pointer", "message"}`), then
    /// the summary line on stderr.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The spec the payloads must follow.
    spec: PathBuf,
    /// NDJSON file of envelopes; `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(serde::Serialize)]
struct Record<'a> {
    line: u64,
    event: Option<&'a str>,
    kind: &'static str,
    pointer: &'a str,
    message: &'a str,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, Error> {
    let loaded = crate::load(&args.spec)?;
    let model = loaded.model;
    let validator = payload::Validator::new(&model);
    let input: Box<dyn BufRead> = match args.input.as_deref() {
        None => Box::new(std::io::stdin().lock()),
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(p).map_err(|source| Error::Io {
                path: p.to_string_lossy().into_owned(),
                source,
            })?,
        )),
    };
    let input_name = args.input.as_ref().map_or_else(
        || "<stdin>".to_owned(),
        |p| p.to_string_lossy().into_owned(),
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut valid, mut invalid) = (0u64, 0u64);
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    let mut input = input;
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|source| Error::Io {
                path: input_name.clone(),
                source,
            })?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let text = trim_line(&buf);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let verdict = validator
            .check_line(text)
            .map(|_| ())
            .map_err(|e| (e.event, e.fault));
        match verdict {
            Ok(()) => valid += 1,
            Err((event, f)) => {
                invalid += 1;
                let written = match args.format {
                    Format::Text => writeln!(
                        out,
                        "{input_name}:{line_no}: {}: {}: {}",
                        event.as_deref().unwrap_or("-"),
                        if f.pointer.is_empty() {
                            "/"
                        } else {
                            &f.pointer
                        },
                        f.message
                    ),
                    Format::Json => {
                        let rec = Record {
                            line: line_no,
                            event: event.as_deref(),
                            kind: f.kind.as_str(),
                            pointer: &f.pointer,
                            message: &f.message,
                        };
                        let json = serde_json::to_string(&rec).unwrap_or_default();
                        writeln!(out, "{json}")
                    }
                };
                written.map_err(|source| Error::Io {
                    path: "<stdout>".to_owned(),
                    source,
                })?;
            }
        }
    }
    out.flush().map_err(|source| Error::Io {
        path: "<stdout>".to_owned(),
        source,
    })?;
    let summary = format!("{valid} valid, {invalid} invalid");
    match args.format {
        Format::Text => println!("{summary}"),
        Format::Json => eprintln!("{summary}"),
    }
    Ok(if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn trim_line(buf: &[u8]) -> &[u8] {
    let mut end = buf.len();
    while end > 0 && matches!(buf.get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    buf.get(..end).unwrap_or(buf)
}
