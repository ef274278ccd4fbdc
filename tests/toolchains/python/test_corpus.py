"""Runs a payload corpus through a generated package's parser (any spec).

Environment: ``TRACKGEN_PACKAGE`` (import name, e.g. ``onlive_tracker``), ``TRACKGEN_CORPUS``
(a ``.jsonl`` file: name, envelope, valid, error {kind, pointer}) and ``TRACKGEN_REPORT`` (where
to write ``{"lines": n, "agreed": n}`` for the Rust side). Each line must agree on the verdict
and, for invalid payloads, on the error kind and JSON pointer. Valid payloads must also round
trip (``to_envelope(parse_envelope(x)) == x``), and the per-event ``from_dict`` must agree with
``parse_envelope`` on the bare properties object.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any

PACKAGE = os.environ["TRACKGEN_PACKAGE"]
CORPUS = Path(os.environ["TRACKGEN_CORPUS"])
REPORT = Path(os.environ["TRACKGEN_REPORT"])


def _verdict(pkg: Any, envelope: object) -> tuple[dict[str, object], Any]:
    try:
        event = pkg.parse_envelope(envelope)
    except pkg.ParseError as e:
        assert e.message, "an error must say what was expected"
        assert str(e).startswith(e.pointer), str(e)
        return {"valid": False, "kind": e.kind, "pointer": e.pointer}, None
    return {"valid": True}, event


def _expected(case: dict[str, Any]) -> dict[str, object]:
    if case["valid"]:
        return {"valid": True}
    error = case["error"]
    return {"valid": False, "kind": error["kind"], "pointer": error["pointer"]}


def _bare(pkg: Any, case: dict[str, Any], want: dict[str, object]) -> str | None:
    """Checks ``Event.from_dict`` on the bare properties object; returns a problem or None."""
    envelope = case["envelope"]
    if not isinstance(envelope, dict) or set(envelope) != {"event", "properties"}:
        return None
    name = envelope["event"]
    classes = {cls.EVENT_NAME: cls for cls in _event_classes(pkg)}
    if not isinstance(name, str) or name not in classes:
        return None
    pointer = want.get("pointer")
    if not want["valid"] and not (
        isinstance(pointer, str) and pointer.startswith("/properties")
    ):
        return None
    try:
        classes[name].from_dict(envelope["properties"])
    except pkg.ParseError as e:
        got: dict[str, object] = {
            "valid": False,
            "kind": e.kind,
            "pointer": "/properties" + e.pointer,
        }
    else:
        got = {"valid": True}
    return None if got == want else f"from_dict gave {got}"


def _event_classes(pkg: Any) -> list[Any]:
    return [
        getattr(pkg, n) for n in pkg.__all__ if hasattr(getattr(pkg, n), "EVENT_NAME")
    ]


def test_every_line_agrees() -> None:
    """Every corpus line: same verdict, kind and pointer; valid ones round trip."""
    pkg = importlib.import_module(PACKAGE)
    lines = [
        line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert lines, f"{CORPUS} is empty"
    problems: list[str] = []
    agreed = 0
    for number, line in enumerate(lines, start=1):
        case = json.loads(line)
        want = _expected(case)
        got, event = _verdict(pkg, case["envelope"])
        problem = None if got == want else f"expected {want}, got {got}"
        if problem is None and event is not None:
            back = pkg.to_envelope(event)
            if back != case["envelope"]:
                problem = f"round trip gave {json.dumps(back)}"
            elif json.loads(json.dumps(back)) != back:
                problem = "to_envelope is not plain JSON"
        if problem is None:
            problem = _bare(pkg, case, want)
        if problem is None:
            agreed += 1
        else:
            problems.append(f"{CORPUS.name}:{number} ({case['name']}): {problem}")
    REPORT.write_text(
        json.dumps({"lines": len(lines), "agreed": agreed}), encoding="utf-8"
    )
    assert not problems, f"{len(problems)} disagreement(s); first: {problems[0]}"
