"""Behaviour of ``enghouse_contact_tracker``: object types, maps, open enums, ``*`` rows.

The plan has no events, only object types; ``TRACKGEN_FIXTURE`` holds the spec's Contact
example (from the model). Type-checked with ``mypy --strict`` with the package.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any, get_args

import enghouse_contact_tracker as ec
import pytest

FIXTURE: dict[str, Any] = json.loads(
    Path(os.environ["TRACKGEN_FIXTURE"]).read_text(encoding="utf-8")
)
CUSTOMER = "4747235938674011"
AGENT = "USER_gverde1@acd#_#enghouse#_#com"


def _example() -> dict[str, Any]:
    (contact,) = [o for o in FIXTURE["objects"] if o["id"] == "contact"]
    example: dict[str, Any] = contact["example"]
    return copy.deepcopy(example)


def _fault(value: object) -> tuple[str, str]:
    with pytest.raises(ec.ParseError) as caught:
        ec.Contact.from_dict(value)
    return caught.value.kind, caught.value.pointer


def test_the_contact_example_parses_and_round_trips() -> None:
    """Maps of User, arrays of ContactEvent, ``*`` keys (``__v``, ``isAgent``), open enums."""
    example = _example()
    contact = ec.Contact.from_dict(example)
    assert contact.to_dict() == example
    assert json.loads(json.dumps(contact.to_dict())) == example
    assert contact._id == contact.id_ == example["id"]
    assert contact.additional == {"__v": 0}
    assert contact.agent_id is None
    assert contact.ctlive_type == "chat"
    assert set(contact.users) == {CUSTOMER, AGENT}
    agent = contact.users[AGENT]
    assert isinstance(agent, ec.User)
    assert agent.additional == {"isAgent": True}
    assert agent.channel == "web"
    assert agent.uri_history == ["http://localhost:3003/AD/AD.html"]
    assert [e.event for e in contact.contact_events] == [
        "newContactAccepted",
        "joinContact",
        "endByAgent",
    ]
    assert all(isinstance(e, ec.ContactEvent) for e in contact.contact_events)
    assert contact.call_data["ECID"] == "felixct7|1|5039|15"


def test_single_faults_have_the_contract_kind_and_pointer() -> None:
    """One fault each: closed enum, a user's boolean, a missing key, an open enum's type."""
    example = _example()
    example["ctlive_type"] = "CHAT"
    assert _fault(example) == ("not_in_enum", "/ctlive_type")

    example = _example()
    example["users"][CUSTOMER]["isOnline"] = "no"
    assert _fault(example) == ("wrong_type", f"/users/{CUSTOMER}/isOnline")

    example = _example()
    del example["id"]
    assert _fault(example) == ("missing_property", "/id")

    example = _example()
    example["contact_events"][1]["event"] = 5
    assert _fault(example) == ("wrong_type", "/contact_events/1/event")

    example = _example()
    example["users"]["a/b~c"] = copy.deepcopy(example["users"][CUSTOMER])
    example["users"]["a/b~c"]["beginTime"] = True
    assert _fault(example) == ("wrong_type", "/users/a~1b~0c/beginTime")

    example = _example()
    example["callData"]["ECID"] = 1
    assert _fault(example) == ("wrong_type", "/callData/ECID")

    example = _example()
    example["contact_events"][0]["extra"] = 1
    assert _fault(example) == ("unknown_property", "/contact_events/0/extra")

    example = _example()
    example["__v"] = None
    assert _fault(example) == ("wrong_type", "/__v")


def test_open_enums_accept_any_string() -> None:
    """``event`` is open: the known values are listed, any string is accepted."""
    assert ec.EVENT_VALUES == ("newContactAccepted", "clientError")
    event = ec.ContactEvent.from_dict(
        {"event": "joinContact", "ts": 1.0, "origin": "o"}
    )
    assert event.event == "joinContact"
    known: ec.Event = "clientError"
    other: ec.Event = "anything"
    assert ec.ContactEvent(event=known, ts=2, origin="o").to_dict()["event"] == known
    assert ec.ContactEvent(event=other, ts=2, origin="o").event == other
    # Closed enums stay closed and list their values.
    assert get_args(ec.CtliveType) == ("chat", "cbn", "cbl", "cbfs", "call")


def test_built_objects_serialise_nested_records() -> None:
    """A Contact built in code serialises its maps and arrays of records."""
    user = ec.User(
        id_="u",
        nickname="n",
        begin_time="2022",
        end_time=3.5,
        is_online=True,
        user_agent="",
        first_uri="",
        uri_history=[],
        first_title="",
        channel="whatsapp",
        first_ip="::1",
        additional={"isAgent": False},
    )
    contact = ec.Contact(
        _id="i",
        id_="c",
        servid="s",
        widgetid="",
        serv_name="s",
        begin_time=1,
        end_time=2,
        title="",
        lang="",
        user_id="u",
        users={"u": user},
        data_collections={"d": {"k": [1]}},
        call_data={"A": "b"},
        contact_events=[ec.ContactEvent(event="clientError", ts=1, origin="u")],
        ctlive_type="cbn",
        agent_id="a",
    )
    wire = contact.to_dict()
    assert wire["users"] == {"u": {**user.to_dict(), "isAgent": False}}
    assert wire["contact_events"] == [{"event": "clientError", "ts": 1, "origin": "u"}]
    assert ec.Contact.from_dict(wire) == contact


def test_a_plan_without_events_parses_no_envelope() -> None:
    """Every envelope names an unknown event; the tracker has nothing to send."""
    with pytest.raises(ec.ParseError) as caught:
        ec.parse_envelope({"event": "contact", "properties": {}})
    assert (caught.value.kind, caught.value.pointer) == ("unknown_event", "/event")
    assert ec.EVENT_NAMES == ()
