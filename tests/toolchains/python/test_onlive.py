"""Behaviour of the generated ``onlive_tracker`` package: tracker, sinks, serialisation, errors.

Type-checked with ``mypy --strict`` together with the package, so it also proves the public API
is usable from typed code. ``TRACKGEN_PROJECT`` is the folder holding ``pyproject.toml``.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tarfile
import tomllib
from pathlib import Path
from typing import get_args

import onlive_tracker as ot
import pytest

PROJECT = Path(os.environ["TRACKGEN_PROJECT"])


def _click(**extra: str) -> ot.ElementClick:
    return ot.ElementClick(
        form=ot.FormGroup(form_data={"first_name": "Ada"}),
        element=ot.ElementGroup(
            element_label="submit", element_type="button", element_data={}
        ),
        room=ot.RoomGroup(room_data={}),
        origin=ot.OriginGroup(origin_medium="web", origin_source="google"),
        extra=ot.ExtraGroup(extra={"n": 1}),
        tracker=ot.TrackerGroup(**extra),
    )


def test_tracker_sends_flat_envelopes_with_defaults() -> None:
    """The tracker fills tracker_name/tracker_version and sends the flat wire object."""
    sink = ot.RecordingSink()
    tracker = ot.Tracker(sink)
    tracker.element_click(_click())
    assert sink.envelopes == [
        {
            "event": "element_click",
            "properties": {
                "form_data": {"first_name": "Ada"},
                "element_label": "submit",
                "element_type": "button",
                "element_data": {},
                "room_data": {},
                "origin_medium": "web",
                "origin_source": "google",
                "extra": {"n": 1},
                "tracker_name": "onlive-tracker-python",
                "tracker_version": "0.1.0",
            },
        }
    ]
    # What the tracker sends parses back to the event it was given (plus the filled names).
    parsed = ot.parse_envelope(sink.envelopes[0])
    assert isinstance(parsed, ot.ElementClick)
    assert parsed.tracker.tracker_name == "onlive-tracker-python"
    assert parsed.element == _click().element


def test_tracker_keeps_values_the_caller_set() -> None:
    """Explicit values win over the tracker's; a custom name and version are used."""
    sink = ot.RecordingSink()
    tracker = ot.Tracker(sink, tracker_name="web", tracker_version="9.9")
    tracker.track(_click(tracker_name="mine"))
    tracker.track(_click())
    props = [e["properties"] for e in sink.envelopes]
    assert isinstance(props[0], dict)
    assert isinstance(props[1], dict)
    assert props[0]["tracker_name"] == "mine"
    assert props[0]["tracker_version"] == "9.9"
    assert props[1]["tracker_name"] == "web"


def test_noop_sink_and_every_typed_method() -> None:
    """Every event has a typed method; NoopSink accepts everything."""
    tracker = ot.Tracker(ot.NoopSink())
    tracker.element_click(_click())
    methods = [name for name in dir(ot.Tracker) if not name.startswith("_")]
    assert sorted(methods) == sorted(["track", *ot.EVENT_NAMES])


def test_to_dict_omits_unset_optionals_and_never_sends_null() -> None:
    """Optional properties are absent, never null."""
    props = _click().to_dict()
    assert "form_name" not in props
    assert None not in props.values()
    assert ot.to_envelope(_click())["event"] == "element_click"


def test_dataclasses_are_frozen_and_keyword_only() -> None:
    """Events are immutable and built with keywords."""
    click = _click()
    with pytest.raises(dataclasses.FrozenInstanceError):
        click.form = ot.FormGroup(form_data={})  # type: ignore[misc]
    with pytest.raises(TypeError):
        ot.FormGroup({})  # type: ignore[call-arg]
    assert ot.SessionGroup() == ot.SessionGroup(guest_id=None)


def test_parse_errors_name_the_property() -> None:
    """The error has kind, pointer and a message naming the property and the expectation."""
    envelope = ot.to_envelope(_click())
    props = envelope["properties"]
    assert isinstance(props, dict)
    props["element_type"] = "Button"
    with pytest.raises(ot.ParseError) as info:
        ot.parse_envelope(envelope)
    err = info.value
    assert err.kind == "not_in_enum"
    assert err.pointer == "/properties/element_type"
    assert '"Button" is not one of "input", "button"' in err.message
    assert err.message.endswith("(element_type)")
    assert str(err) == f"{err.pointer}: {err.message}"
    assert err.kind in get_args(ot.ErrorKind)


def test_booleans_are_not_numbers_and_null_is_not_absent() -> None:
    """Python's bool is an int; the parser must not accept it as a number."""
    for bad, kind in ((True, "wrong_type"), (None, "wrong_type"), ("2", "wrong_type")):
        with pytest.raises(ot.ParseError) as info:
            ot.FormGroup.from_dict({"form_data": {}, "step_number": bad})
        assert (info.value.kind, info.value.pointer) == (kind, "/step_number")
    group = ot.FormGroup.from_dict({"form_data": {}, "step_number": 2})
    assert group.step_number == 2
    assert group.to_dict() == {"form_data": {}, "step_number": 2}


def test_enum_values_and_event_names() -> None:
    """Enums are Literal aliases plus tuples of their values, in spec order."""
    assert ot.ORIGIN_MEDIUM_VALUES == ("email", "sms", "push", "web", "app")
    assert get_args(ot.OriginMedium) == ot.ORIGIN_MEDIUM_VALUES
    assert ot.EVENT_NAMES[0] == "element_click"
    assert len(ot.EVENT_NAMES) == len(get_args(ot.OnliveEvent))


def test_public_names_are_exported() -> None:
    """Everything in __all__ exists."""
    for name in ot.__all__:
        assert hasattr(ot, name), name


def test_pyproject() -> None:
    """pyproject.toml names the package, version, Python and ships py.typed."""
    data = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    assert project["name"] == "onlive-tracker"
    assert project["version"] == "0.1.0"
    assert project["requires-python"] == ">=3.10"
    assert data["build-system"]["build-backend"] == "setuptools.build_meta"
    assert data["tool"]["setuptools"]["package-data"]["onlive_tracker"] == ["py.typed"]
    assert (PROJECT / "onlive_tracker" / "py.typed").is_file()


def test_sdist_builds_offline(tmp_path: Path) -> None:
    """The build backend builds the source distribution from the package alone."""
    build_meta = pytest.importorskip("setuptools.build_meta")
    src = tmp_path / "src"
    shutil.copytree(PROJECT, src)
    cwd = Path.cwd()
    os.chdir(src)
    try:
        name = build_meta.build_sdist(str(tmp_path / "dist"))
    finally:
        os.chdir(cwd)
    with tarfile.open(tmp_path / "dist" / name) as sdist:
        members = {Path(m).as_posix().split("/", 1)[-1] for m in sdist.getnames()}
    for needed in (
        "onlive_tracker/__init__.py",
        "onlive_tracker/_runtime.py",
        "onlive_tracker/py.typed",
    ):
        assert needed in members, sorted(members)
