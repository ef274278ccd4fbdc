//! `agreement-runner <spec>`: one verdict per NDJSON line of stdin, from the generated crate of
//! `<spec>`: `{"valid":true}` or `{"valid":false,"kind":...,"pointer":...}`. A line that is not
//! JSON, or on which the parser panics, gets `{"valid":false,"kind":"runner: ..."}` so that it shows
//! up as a disagreement instead of stopping the run.

use std::io::{BufRead, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use serde_json::{json, Value};

/// `Ok` or the parser's error kind and pointer.
type Verdict = Result<(), (String, String)>;

macro_rules! judge {
    ($krate:ident) => {
        |v: &Value| {
            $krate::parse_envelope(v)
                .map(drop)
                .map_err(|e| (e.kind.as_str().to_owned(), e.pointer))
        }
    };
}

fn judge(spec: &str) -> Option<fn(&Value) -> Verdict> {
    Some(match spec {
        "onlive" => judge!(onlive_tracker),
        "segment-live-chat" => judge!(segment_live_chat_tracker),
        "genesys-webchat" => judge!(genesys_webchat_tracker),
        _ => return None,
    })
}

fn verdict(judge: fn(&Value) -> Verdict, line: &str) -> Value {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({"valid": false, "kind": format!("runner: not JSON: {e}")}),
    };
    match catch_unwind(AssertUnwindSafe(|| judge(&value))) {
        Ok(Ok(())) => json!({"valid": true}),
        Ok(Err((kind, pointer))) => json!({"valid": false, "kind": kind, "pointer": pointer}),
        Err(_) => json!({"valid": false, "kind": "runner: the parser panicked"}),
    }
}

fn main() -> ExitCode {
    let spec = std::env::args().nth(1).unwrap_or_default();
    let Some(judge) = judge(&spec) else {
        eprintln!(
            "usage: agreement-runner onlive|segment-live-chat|genesys-webchat < envelopes.jsonl"
        );
        return ExitCode::from(2);
    };
    std::panic::set_hook(Box::new(|_| {}));
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines() {
        let written = match line {
            Ok(line) => writeln!(out, "{}", verdict(judge, &line)),
            Err(e) => {
                eprintln!("reading stdin: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = written {
            eprintln!("writing stdout: {e}");
            return ExitCode::FAILURE;
        }
    }
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("writing stdout: {e}");
            ExitCode::FAILURE
        }
    }
}
