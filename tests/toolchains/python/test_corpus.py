"""Runs a payload corpus through a generated package's parser (any spec).

Environment: ``TRACKGEN_PACKAGE`` (import name, e.g. ``onlive_tracker``), ``TRACKGEN_CORPUS``
(a ``.jsonl`` file: name, envelope, valid, error {kind, pointer}) and ``TRACKGEN_REPORT`` (where
to write ``{"lines": n, "agreed": n}`` for the Rust side). Each line must agree on the verdict
and, for invalid payloads, on the error kind and JSON pointer. Valid payloads must also round
trip (``to_envelope(parse_envelope(x)) == x``; with envelope fields, ``parse_envelope`` gives a
``ParsedEnvelope`` and ``.to_envelope()`` gives it back), and the per-event ``from_dict`` must
agree with ``parse_envelope`` on the bare properties object.

A line with ``object`` (an object type's id) and ``instance`` instead of ``envelope`` is checked
with that type's ``from_dict`` (class ``UpperCamel(id)``), pointers relative to the instance;
valid ones must round trip through ``to_dict``.

With ``TRACKGEN_FIXTURE`` (the model's lifecycles, written by the Rust test), every lifecycle
class must accept each documented sequence and refuse every transition the model does not list.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

PACKAGE = os.environ["TRACKGEN_PACKAGE"]
CORPUS = Path(os.environ["TRACKGEN_CORPUS"])
REPORT = Path(os.environ["TRACKGEN_REPORT"])


def _verdict(pkg: Any, case: dict[str, Any]) -> tuple[dict[str, object], Any]:
    try:
        if "object" in case:
            event = _object_class(pkg, case["object"]).from_dict(case["instance"])
        else:
            event = pkg.parse_envelope(case["envelope"])
    except pkg.ParseError as e:
        assert e.message, "an error must say what was expected"
        assert str(e).startswith(e.pointer), str(e)
        return {"valid": False, "kind": e.kind, "pointer": e.pointer}, None
    return {"valid": True}, event


def _object_class(pkg: Any, object_id: str) -> Any:
    return getattr(pkg, "".join(w[:1].upper() + w[1:] for w in object_id.split("_")))


def _round_trip(pkg: Any, case: dict[str, Any], parsed: Any) -> str | None:
    """Serialising what was parsed gives the same JSON back; returns a problem or None."""
    if "object" in case:
        back, original = parsed.to_dict(), case["instance"]
    elif hasattr(parsed, "fields"):
        back, original = parsed.to_envelope(), case["envelope"]
    else:
        back, original = pkg.to_envelope(parsed), case["envelope"]
    if back != original:
        return f"round trip gave {json.dumps(back)}"
    if json.loads(json.dumps(back)) != back:
        return "serialising does not give plain JSON"
    return None


def _expected(case: dict[str, Any]) -> dict[str, object]:
    if case["valid"]:
        return {"valid": True}
    error = case["error"]
    return {"valid": False, "kind": error["kind"], "pointer": error["pointer"]}


def _bare(pkg: Any, case: dict[str, Any], want: dict[str, object]) -> str | None:
    """Checks ``Event.from_dict`` on the bare properties object; returns a problem or None."""
    envelope = case.get("envelope")
    if not isinstance(envelope, dict) or not {"event", "properties"} <= set(envelope):
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
        # A bare parser given a non-object says `not_an_object` at its own root, where the
        # envelope parser says `wrong_type` at `/properties` (the contract).
        kind = "wrong_type" if (e.kind, e.pointer) == ("not_an_object", "") else e.kind
        got: dict[str, object] = {
            "valid": False,
            "kind": kind,
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
        got, parsed = _verdict(pkg, case)
        problem = None if got == want else f"expected {want}, got {got}"
        if problem is None and parsed is not None:
            problem = _round_trip(pkg, case, parsed)
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


def _lifecycles() -> list[dict[str, Any]]:
    fixture = os.environ.get("TRACKGEN_FIXTURE")
    if not fixture:
        return []
    data = json.loads(Path(fixture).read_text(encoding="utf-8"))
    return list(data["lifecycles"])


@pytest.mark.parametrize("lifecycle", _lifecycles(), ids=lambda lc: str(lc["id"]))
def test_lifecycles_follow_the_model(lifecycle: dict[str, Any]) -> None:
    """Documented sequences run to a terminal state; every other step is refused by name."""
    pkg = importlib.import_module(PACKAGE)
    words = [w[:1].upper() + w[1:] for w in lifecycle["id"].split("_")]
    cls = getattr(pkg, "".join(words) + "Lifecycle")
    assert list(cls.STATES) == lifecycle["states"]
    for sequence in lifecycle["sequences"]:
        machine = cls()
        for state in sequence:
            machine.advance(state)
        assert machine.state == sequence[-1]
        assert machine.is_terminal()
    allowed = {(a, b) for a, b in lifecycle["transitions"]}
    for start in lifecycle["states"]:
        if start not in lifecycle["initial"]:
            with pytest.raises(pkg.LifecycleError) as caught:
                cls().advance(start)
            assert caught.value.from_state is None
        for target in lifecycle["states"]:
            machine = cls()
            path = next(s for s in lifecycle["sequences"] if start in s)
            for state in path[: path.index(start) + 1]:
                machine.advance(state)
            if (start, target) in allowed:
                machine.advance(target)
                assert machine.state == target
                continue
            with pytest.raises(pkg.LifecycleError) as caught:
                machine.advance(target)
            error = caught.value
            assert (error.from_state, error.to_state) == (start, target)
            assert json.dumps(start) + " -> " + json.dumps(target) in str(error)
            assert machine.state == start
