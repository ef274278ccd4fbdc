"""Behaviour of ``segment_live_chat_tracker``: envelope fields, ``*`` rows, the seed examples.

``TRACKGEN_FIXTURE`` is a JSON file the Rust test writes from the model: the spec's examples
(whole envelopes here) and lifecycles. Type-checked with ``mypy --strict`` with the package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import segment_live_chat_tracker as sl

FIXTURE: dict[str, Any] = json.loads(
    Path(os.environ["TRACKGEN_FIXTURE"]).read_text(encoding="utf-8")
)


def _examples() -> list[dict[str, Any]]:
    return [e for e in FIXTURE["events"] if e["example"] is not None]


def _fault(value: object) -> tuple[str, str]:
    with pytest.raises(sl.ParseError) as caught:
        sl.parse_envelope(value)
    return caught.value.kind, caught.value.pointer


def test_the_four_seed_examples_parse_as_envelopes() -> None:
    """Each example is a whole envelope: it parses, keeps its fields and extra keys, round trips."""
    examples = _examples()
    assert len(examples) == 4
    classes: dict[str, type[sl.SegmentLiveChatEvent]] = {
        "Live Chat Conversation Started": sl.LiveChatConversationStarted,
        "Live Chat Conversation Ended": sl.LiveChatConversationEnded,
        "Live Chat Message Sent": sl.LiveChatMessageSent,
        "Live Chat Message Received": sl.LiveChatMessageReceived,
    }
    for e in examples:
        example = e["example"]
        parsed = sl.parse_envelope(example)
        assert isinstance(parsed, sl.ParsedEnvelope)
        assert isinstance(parsed.event, classes[e["name"]])
        assert parsed.event.EVENT_NAME == e["name"]
        assert parsed.fields == sl.EnvelopeFields(user_id="019mr8mf4r", action="track")
        # `message_body` is not in the tables: the `*` row keeps it.
        body = example["properties"]["message_body"]
        assert parsed.event.additional == {"message_body": body}
        assert parsed.event.agent_name == "Peter Gibbons"
        assert parsed.to_envelope() == example
        assert sl.to_envelope(parsed.event, parsed.fields) == example
        # The properties alone parse with the event's class.
        assert classes[e["name"]].from_dict(example["properties"]) == parsed.event


def test_envelope_fields_are_checked_first_in_table_order() -> None:
    """userId is required, action is the closed enum "track"; both before unknown keys."""
    good = _examples()[0]["example"]
    without_user = {k: v for k, v in good.items() if k != "userId"}
    assert _fault(without_user) == ("missing_property", "/userId")
    assert _fault({**without_user, "zzz": 1, "event": 5}) == (
        "missing_property",
        "/userId",
    )
    assert _fault({**good, "userId": 5}) == ("wrong_type", "/userId")
    assert _fault({**good, "action": "identify"}) == ("not_in_enum", "/action")
    assert _fault({**good, "action": None}) == ("wrong_type", "/action")
    assert _fault({**good, "zzz": 1}) == ("unknown_property", "/zzz")
    assert _fault({**good, "event": "live chat message sent"}) == (
        "unknown_event",
        "/event",
    )
    without_action = {k: v for k, v in good.items() if k != "action"}
    parsed = sl.parse_envelope(without_action)
    assert parsed.fields == sl.EnvelopeFields(user_id="019mr8mf4r")
    assert parsed.to_envelope() == without_action
    # EnvelopeFields reads the fields of a whole envelope.
    assert sl.EnvelopeFields.from_dict(good) == sl.EnvelopeFields(
        user_id="019mr8mf4r", action="track"
    )


def test_star_rows_check_values_and_keep_keys() -> None:
    """Other keys are kept with any value but null; the table's keys stay typed."""
    good = _examples()[1]["example"]
    props = good["properties"]
    assert _fault({**good, "properties": {**props, "extra": None}}) == (
        "wrong_type",
        "/properties/extra",
    )
    assert _fault({**good, "properties": {**props, "agent_id": 5}}) == (
        "wrong_type",
        "/properties/agent_id",
    )
    event = sl.LiveChatMessageSent.from_dict({"a/b": [1, {"c": None}], "agent_id": "7"})
    assert event.additional == {"a/b": [1, {"c": None}]}
    assert event.to_dict() == {"agent_id": "7", "a/b": [1, {"c": None}]}


def test_tracker_writes_the_envelope_fields_into_every_envelope() -> None:
    """The tracker takes the fields once; a call can replace them."""
    sink = sl.RecordingSink()
    tracker = sl.Tracker(sink, envelope=sl.EnvelopeFields(user_id="u1", action="track"))
    tracker.live_chat_message_sent(
        sl.LiveChatMessageSent(conversation_id="c1", additional={"message_body": "hi"})
    )
    tracker.live_chat_conversation_ended(
        sl.LiveChatConversationEnded(conversation_duration=203),
        envelope=sl.EnvelopeFields(user_id="u2"),
    )
    tracker.track(sl.LiveChatMessageReceived())
    assert sink.envelopes == [
        {
            "userId": "u1",
            "action": "track",
            "event": "Live Chat Message Sent",
            "properties": {"conversation_id": "c1", "message_body": "hi"},
        },
        {
            "userId": "u2",
            "event": "Live Chat Conversation Ended",
            "properties": {"conversation_duration": 203},
        },
        {
            "userId": "u1",
            "action": "track",
            "event": "Live Chat Message Received",
            "properties": {},
        },
    ]
    for envelope in sink.envelopes:
        assert sl.parse_envelope(envelope).to_envelope() == envelope


def test_the_tracker_requires_the_envelope_fields() -> None:
    """userId is required, so is the tracker's ``envelope``."""
    with pytest.raises(TypeError):
        sl.Tracker(sl.NoopSink())  # type: ignore[call-arg]


def test_additional_cannot_shadow_the_table_or_hold_null() -> None:
    """``to_dict`` refuses an additional key the table lists, and values the row refuses."""
    with pytest.raises(ValueError, match="agent_id"):
        sl.LiveChatMessageSent(additional={"agent_id": "x"}).to_dict()
    with pytest.raises(ValueError, match="extra"):
        sl.LiveChatMessageSent(additional={"extra": None}).to_dict()
