//! Lifecycles: a `## Lifecycle` item lists the allowed sequences of states, one per line
//! (`ready -> opened -> cancelled -> closed`, in a list, a paragraph or a code block), and
//! optionally the states (`States: ready, opened, ...`). The model keeps the sequences verbatim and
//! derives the state machine: the states, the initial and terminal states, and the allowed
//! transitions (every consecutive pair of a documented sequence).

use super::Lifecycle;
use crate::diag::{Diagnostics, Span};
use crate::spec::{Item, Text};

/// Lowers one lifecycle item; `None` (with an error) when it states no sequence.
pub(super) fn lower(
    item: &Item,
    id: String,
    line: usize,
    d: &mut Diagnostics,
) -> Option<Lifecycle> {
    let mut lines: Vec<Text> = item.lines.clone();
    for b in &item.code_blocks {
        let mut offset = b.span.start;
        for l in b.text.split('\n') {
            lines.push(Text {
                text: l.trim().to_owned(),
                span: Span::new(offset, offset + l.len()),
            });
            offset += l.len() + 1;
        }
    }
    let mut declared: Option<Vec<String>> = None;
    let mut sequences: Vec<(Vec<String>, Span)> = Vec::new();
    let mut captions: Vec<String> = Vec::new();
    let mut last_text: Option<String> = None;
    for l in &lines {
        let text = l.text.trim();
        let lower = text.to_lowercase();
        if let Some(rest) = lower.strip_prefix("states:") {
            let rest = text.get(text.len() - rest.len()..).unwrap_or(rest);
            declared = Some(
                rest.split([',', ' '])
                    .map(|s| s.trim().trim_matches('`').to_owned())
                    .filter(|s| !s.is_empty())
                    .collect(),
            );
        } else if text.contains("->") || text.contains('→') {
            let seq: Vec<String> = text
                .split("->")
                .flat_map(|s| s.split('→'))
                .map(|s| s.trim().trim_matches('`').trim().to_owned())
                .collect();
            if seq.iter().any(String::is_empty) {
                d.error(
                    "bad-sequence",
                    l.span,
                    "a sequence has an empty state (`a -> -> b`?)",
                );
                continue;
            }
            sequences.push((seq, l.span));
            captions.push(last_text.take().unwrap_or_default());
        } else if !text.is_empty() {
            last_text = Some(text.to_owned());
        }
    }
    if sequences.is_empty() {
        d.error(
            "empty-lifecycle",
            item.title.span,
            format!("lifecycle `{id}` lists no sequence; write one per line, like `a -> b -> c`"),
        );
        return None;
    }
    let mut states: Vec<String> = declared.clone().unwrap_or_default();
    let (mut initial, mut terminal, mut transitions) = (Vec::new(), Vec::new(), Vec::new());
    for (seq, span) in &sequences {
        for s in seq {
            if !states.contains(s) {
                if declared.is_some() {
                    d.error(
                        "unknown-state",
                        *span,
                        format!("state `{s}` is not one of the lifecycle's declared states"),
                    );
                }
                states.push(s.clone());
            }
        }
        push_unique(&mut initial, seq.first());
        push_unique(&mut terminal, seq.last());
        for pair in seq.windows(2) {
            if let [a, b] = pair {
                let t = (a.clone(), b.clone());
                if !transitions.contains(&t) {
                    transitions.push(t);
                }
            }
        }
    }
    Some(Lifecycle {
        id,
        title: item.title.text.clone(),
        description: item
            .description
            .split("\n\n")
            .filter(|p| {
                !p.contains("->")
                    && !p.to_lowercase().starts_with("states:")
                    && !captions.iter().any(|c| !c.is_empty() && c == p.trim())
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
        states,
        initial,
        terminal,
        transitions,
        sequences: sequences.into_iter().map(|(s, _)| s).collect(),
        captions,
        line,
        span: item.title.span,
    })
}

fn push_unique(v: &mut Vec<String>, s: Option<&String>) {
    if let Some(s) = s
        && !v.contains(s)
    {
        v.push(s.clone());
    }
}
