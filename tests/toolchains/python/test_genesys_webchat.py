"""Behaviour of ``genesys_webchat_tracker``: the interaction lifecycle, groups, integer units.

``TRACKGEN_FIXTURE`` holds the model's lifecycles (states, transitions, documented sequences).
Type-checked with ``mypy --strict`` with the package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, get_args

import genesys_webchat_tracker as gw
import pytest

FIXTURE: dict[str, Any] = json.loads(
    Path(os.environ["TRACKGEN_FIXTURE"]).read_text(encoding="utf-8")
)


def _lifecycle() -> dict[str, Any]:
    (interaction,) = FIXTURE["lifecycles"]
    assert interaction["id"] == "interaction"
    return dict(interaction)


def test_the_class_constants_are_the_models() -> None:
    """STATES, INITIAL, TERMINAL, TRANSITIONS and SEQUENCES follow the spec."""
    model = _lifecycle()
    lc = gw.InteractionLifecycle
    assert list(lc.STATES) == model["states"]
    assert list(get_args(gw.InteractionState)) == model["states"]
    assert list(lc.INITIAL) == model["initial"] == ["ready"]
    assert list(lc.TERMINAL) == model["terminal"]
    assert set(lc.TRANSITIONS) == set(lc.STATES)
    pairs = [[a, b] for a, targets in lc.TRANSITIONS.items() for b in targets]
    assert sorted(pairs) == sorted(model["transitions"])
    assert [list(s) for s in lc.SEQUENCES] == model["sequences"]
    assert len(lc.SEQUENCES) == 4


@pytest.mark.parametrize("index", range(4))
def test_every_documented_sequence_is_accepted(index: int) -> None:
    """Each documented sequence runs from the start to a terminal state."""
    sequence = _lifecycle()["sequences"][index]
    lifecycle = gw.InteractionLifecycle()
    assert lifecycle.state is None
    assert not lifecycle.is_terminal()
    for state in sequence:
        assert state in lifecycle.allowed()
        lifecycle.advance(state)
        assert lifecycle.state == state
    assert lifecycle.is_terminal()
    assert lifecycle.allowed() == ()


def test_a_wrong_transition_is_refused_by_name() -> None:
    """ready -> completed is not a transition: the error names it and what was allowed."""
    lifecycle = gw.InteractionLifecycle()
    lifecycle.advance("ready")
    with pytest.raises(gw.LifecycleError) as caught:
        lifecycle.advance("completed")
    error = caught.value
    assert (error.from_state, error.to_state, error.allowed) == (
        "ready",
        "completed",
        ("opened",),
    )
    assert str(error) == '"ready" -> "completed" is not allowed; from "ready": "opened"'
    assert lifecycle.state == "ready", "a refused transition changes nothing"
    lifecycle.advance("opened")
    assert lifecycle.allowed() == ("cancelled", "submitted")


def test_the_start_and_terminal_states_are_enforced() -> None:
    """Only an initial state starts; nothing follows a terminal state."""
    with pytest.raises(gw.LifecycleError) as caught:
        gw.InteractionLifecycle().advance("opened")
    assert caught.value.from_state is None
    assert "from the start: " in str(caught.value)
    lifecycle = gw.InteractionLifecycle()
    for state in ("ready", "opened", "submitted", "rejected"):
        lifecycle.advance(state)
    with pytest.raises(gw.LifecycleError, match="terminal"):
        lifecycle.advance("closed")


def _metadata(**changes: object) -> dict[str, object]:
    props: dict[str, object] = {
        "proactive": False,
        "prefilled": False,
        "autoSubmitted": False,
        "coBrowselnitiated": False,
        "filesUploaded": 0,
        "numAgents": 1,
        "userMessages": 2,
        "agentMessages": 3,
        "systemMessages": 4,
        "errors": False,
        "form": {"firstname": "Ada"},
        "opened": 1642604342648,
        "started": 1642604343456,
        "cancelled": 0,
        "rejected": 0,
        "completed": 1642604409492,
        "closed": 1642604409653,
        "agentReached": 1642604351284,
        "supervisorReached": 0,
        "elapsed": 66000,
        "waitingForAgent": 8000,
        "id": "session-1",
    }
    props.update(changes)
    return props


def test_a_valid_envelope_per_event() -> None:
    """Every event parses from its metadata and round trips; the lifecycle can follow it."""
    assert gw.EVENT_NAMES == gw.InteractionLifecycle.STATES
    for name in gw.EVENT_NAMES:
        envelope: dict[str, object] = {"event": name, "properties": _metadata()}
        event = gw.parse_envelope(envelope)
        assert event.EVENT_NAME == name
        assert event.metadata_session.id_ == "session-1"
        assert gw.to_envelope(event) == envelope
    sink = gw.RecordingSink()
    tracker = gw.Tracker(sink)
    lifecycle = gw.InteractionLifecycle()
    for state in _lifecycle()["sequences"][3]:
        lifecycle.advance(state)
        event = gw.parse_envelope({"event": state, "properties": _metadata()})
        tracker.track(event)
    assert [e["event"] for e in sink.envelopes] == list(
        gw.InteractionLifecycle.SEQUENCES[3]
    )


def test_integers_units_and_the_errors_union() -> None:
    """Integer rows take 3 and 3.0, not 3.5 or booleans; ``errors`` is an array or a boolean."""

    def fault(**changes: object) -> tuple[str, str]:
        with pytest.raises(gw.ParseError) as caught:
            gw.parse_envelope({"event": "ready", "properties": _metadata(**changes)})
        return caught.value.kind, caught.value.pointer

    assert fault(elapsed=3.5) == ("wrong_type", "/properties/elapsed")
    assert fault(numAgents=True) == ("wrong_type", "/properties/numAgents")
    assert fault(errors="none") == ("wrong_type", "/properties/errors")
    assert fault(errors=[None]) == ("wrong_type", "/properties/errors")
    assert fault(proactive=0) == ("wrong_type", "/properties/proactive")
    del_id = _metadata()
    del del_id["id"]
    with pytest.raises(gw.ParseError) as caught:
        gw.parse_envelope({"event": "ready", "properties": del_id})
    assert (caught.value.kind, caught.value.pointer) == (
        "missing_property",
        "/properties/id",
    )
    event = gw.Ready.from_dict(_metadata(elapsed=3.0, errors=["E1", 2]))
    assert event.metadata_times.elapsed == 3
    assert event.metadata.errors == ["E1", 2]
