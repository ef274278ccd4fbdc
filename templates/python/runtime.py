"""Runtime support of the generated tracker: JSON values, errors, checks, sinks.

This module does not depend on the tracking plan: trackgen copies it verbatim into every
generated package. Everything public is re-exported by the package itself; import from there.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Literal, Protocol, TypeAlias, TypeVar, cast

JsonValue: TypeAlias = (
    None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
)
"""A JSON value as :func:`json.loads` returns it."""

ErrorKind: TypeAlias = Literal[
    "not_an_object",
    "missing_property",
    "unknown_property",
    "wrong_type",
    "unknown_event",
    "not_in_enum",
    "invalid_format",
]
"""What is wrong with a payload (the same kinds in every generated language)."""

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
S = TypeVar("S", bound=str)

Check: TypeAlias = Callable[[object, str], T]
"""Checks a value found at a JSON pointer and returns it typed, or raises ParseError."""


class ParseError(Exception):
    """A payload that does not follow the tracking plan.

    ``kind`` says what is wrong, ``pointer`` is the RFC 6901 JSON pointer of the offending
    value inside the envelope (``""`` for the envelope itself) and ``message`` what was
    expected, naming the property.
    """

    kind: ErrorKind
    pointer: str
    message: str

    def __init__(self, kind: ErrorKind, pointer: str, message: str) -> None:
        """Creates the error; ``str(error)`` is ``"<pointer>: <message>"``."""
        super().__init__(f"{pointer}: {message}" if pointer else message)
        self.kind = kind
        self.pointer = pointer
        self.message = message


class LifecycleError(Exception):
    """A state change a lifecycle does not allow.

    ``from_state`` is the current state (None before the first one), ``to_state`` the refused
    one and ``allowed`` the states that were allowed instead.
    """

    from_state: str | None
    to_state: str
    allowed: tuple[str, ...]

    def __init__(
        self, from_state: str | None, to_state: str, allowed: tuple[str, ...]
    ) -> None:
        """Creates the error; its message names the refused transition."""
        start = "start" if from_state is None else _show(from_state)
        where = "the start" if from_state is None else _show(from_state)
        shown = ", ".join(_show(s) for s in allowed) or "nothing (a terminal state)"
        super().__init__(
            f"{start} -> {_show(to_state)} is not allowed; from {where}: {shown}"
        )
        self.from_state = from_state
        self.to_state = to_state
        self.allowed = allowed


class Sink(Protocol):
    """Where the tracker delivers envelopes: implement ``send`` to ship them anywhere."""

    def send(self, envelope: dict[str, JsonValue]) -> None:
        """Receives one envelope ``{"event": name, "properties": {...}}``."""


class RecordingSink:
    """A sink that keeps every envelope in memory, in order (for tests)."""

    def __init__(self) -> None:
        """Creates an empty recording."""
        self.envelopes: list[dict[str, JsonValue]] = []

    def send(self, envelope: dict[str, JsonValue]) -> None:
        """Appends the envelope to ``envelopes``."""
        self.envelopes.append(envelope)


class NoopSink:
    """A sink that drops every envelope."""

    def send(self, envelope: dict[str, JsonValue]) -> None:
        """Does nothing."""


def child(at: str, key: str | int) -> str:
    """The JSON pointer of ``key`` inside the value at ``at`` (RFC 6901 escaping)."""
    text = key if isinstance(key, str) else str(key)
    return at + "/" + text.replace("~", "~0").replace("/", "~1")


def _label(at: str) -> str:
    if not at:
        return "envelope"
    last = at.rsplit("/", 1)[-1]
    return last.replace("~1", "/").replace("~0", "~")


def _show(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def fail(kind: ErrorKind, at: str, what: str) -> ParseError:
    """A ParseError at ``at`` whose message ends with the property's name."""
    return ParseError(kind, at, f"{what} ({_label(at)})")


def wrong_type(value: object, at: str, expected: str) -> ParseError:
    """A ``wrong_type`` error: ``value`` is not ``expected``."""
    if value is None:
        expected += " (leave an optional property out instead of sending null)"
    return fail("wrong_type", at, f"{_show(value)} is not {expected}")


def as_str(value: object, at: str) -> str:
    """A JSON string."""
    if isinstance(value, str):
        return value
    raise wrong_type(value, at, "a string")


def as_number(value: object, at: str) -> float:
    """Any JSON number; booleans are not numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise wrong_type(value, at, "a number")
    _finite(value, at)
    return value


def _finite(value: object, at: str) -> None:
    """Refuses the first number in ``value`` that no double holds: JSON has none, but
    :func:`json.loads` reads ``1e400`` as ``inf`` and 400 digits as an ``int``
    (``trackgen validate`` refuses such a line as not JSON)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise wrong_type(value, at, "a finite number")
    elif isinstance(value, int) and not isinstance(value, bool):
        try:
            float(value)
        except OverflowError:
            raise wrong_type(value, at, "a finite number") from None
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _finite(item, child(at, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            _finite(item, child(at, str(key)))


MAX_SAFE_INTEGER = 9007199254740991
"""The largest magnitude of the plan's integers: 2^53 - 1, the integers every JSON reader
holds exactly (RFC 7493, I-JSON; JavaScript's ``Number.MAX_SAFE_INTEGER``)."""


def as_integer(value: object, at: str) -> int:
    """A JSON number without a fractional part (``3.0`` counts and becomes ``3``), at most
    :data:`MAX_SAFE_INTEGER` in magnitude."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise wrong_type(value, at, "an integer")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        return value
    raise wrong_type(
        value,
        at,
        f"an integer from -{MAX_SAFE_INTEGER} to {MAX_SAFE_INTEGER}",
    )


def as_bool(value: object, at: str) -> bool:
    """``true`` or ``false``."""
    if isinstance(value, bool):
        return value
    raise wrong_type(value, at, "a boolean")


def as_object(value: object, at: str) -> dict[str, JsonValue]:
    """A JSON object with any contents."""
    if isinstance(value, dict):
        _finite(value, at)
        return cast("dict[str, JsonValue]", value)
    raise wrong_type(value, at, "an object")


def as_any(value: object, at: str) -> JsonValue:
    """Any JSON value except null."""
    if value is None:
        raise wrong_type(value, at, "a value")
    _finite(value, at)
    return cast("JsonValue", value)


_DIGIT = "[0-9]"
_SPACE = " \t\n\r\f\v"  # ASCII whitespace only: the contract pins it for every language
_UUID = re.compile(
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_DATE = re.compile(f"{_DIGIT}{{4}}-{_DIGIT}{{2}}-{_DIGIT}{{2}}")
_DATE_TIME = re.compile(
    f"{_DIGIT}{{4}}-{_DIGIT}{{2}}-{_DIGIT}{{2}}[Tt]{_DIGIT}{{2}}:{_DIGIT}{{2}}:{_DIGIT}{{2}}"
    f"(\\.{_DIGIT}+)?([Zz]|[+-]{_DIGIT}{{2}}:{_DIGIT}{{2}})"
)
_EMAIL = re.compile(f"[^@{_SPACE}]+@[^@{_SPACE}]+")
_URI = re.compile(f"[A-Za-z][A-Za-z0-9+.-]*:[^{_SPACE}]*")


def _formatted(pattern: re.Pattern[str], expected: str) -> Check[str]:
    def check(value: object, at: str) -> str:
        text = as_str(value, at)
        if pattern.fullmatch(text) is None:
            raise fail("invalid_format", at, f"{_show(text)} is not {expected}")
        return text

    return check


as_uuid = _formatted(_UUID, "a UUID (8-4-4-4-12 hex digits)")
"""A string holding a UUID of any version, either case."""
as_date_time = _formatted(_DATE_TIME, "an RFC 3339 date-time")
"""A string holding an RFC 3339 date-time."""
as_date = _formatted(_DATE, "a date (YYYY-MM-DD)")
"""A string holding a date ``YYYY-MM-DD``."""
as_email = _formatted(_EMAIL, "an e-mail address")
"""A string holding an e-mail address ``local@domain``."""
as_uri = _formatted(_URI, "an absolute URI")
"""A string holding an absolute URI ``scheme:...``."""


def list_of(item: Check[T]) -> Check[list[T]]:
    """A JSON array whose items each pass ``item``."""

    def check(value: object, at: str) -> list[T]:
        if not isinstance(value, list):
            raise wrong_type(value, at, "an array")
        return [item(v, child(at, i)) for i, v in enumerate(value)]

    return check


def map_of(value: Check[T]) -> Check[dict[str, T]]:
    """A JSON object whose values each pass ``value`` (keys are any strings)."""

    def check(data: object, at: str) -> dict[str, T]:
        if not isinstance(data, dict):
            raise wrong_type(data, at, "an object")
        items = cast("dict[str, object]", data).items()
        return {k: value(v, child(at, k)) for k, v in items}

    return check


def one_of(values: tuple[S, ...]) -> Check[S]:
    """A JSON string equal to one of ``values`` (case and spaces count)."""
    shown = ", ".join(_show(v) for v in values)

    def check(value: object, at: str) -> S:
        if not isinstance(value, str):
            raise wrong_type(value, at, "a string")
        for v in values:
            if v == value:
                return v
        raise fail("not_in_enum", at, f"{_show(value)} is not one of {shown}")

    return check


def either(first: Check[A], second: Check[B], expected: str) -> Check[A | B]:
    """A value that passes ``first`` or ``second``; else ``wrong_type`` at the value."""

    def check(value: object, at: str) -> A | B:
        try:
            return first(value, at)
        except ParseError:
            pass
        try:
            return second(value, at)
        except ParseError:
            pass
        raise wrong_type(value, at, expected)

    return check


def as_properties(value: object, at: str) -> Mapping[str, object]:
    """The properties object of an event or object type.

    At the root (``at == ""``, parsing a bare object) a non-object is ``not_an_object``, like an
    envelope; nested, it is ``wrong_type``.
    """
    if isinstance(value, dict):
        return cast("Mapping[str, object]", value)
    if not at:
        raise fail("not_an_object", "", f"{_show(value)} is not a JSON object")
    raise wrong_type(value, at, "an object")


def required(obj: Mapping[str, object], key: str, at: str, check: Check[T]) -> T:
    """The value of a required property: present, not null, and passing ``check``."""
    if key not in obj:
        raise fail("missing_property", child(at, key), "required property is missing")
    return check(obj[key], child(at, key))


def optional(obj: Mapping[str, object], key: str, at: str, check: Check[T]) -> T | None:
    """The value of an optional property, or None when absent (null is not absent)."""
    if key not in obj:
        return None
    return check(obj[key], child(at, key))


def reject_unknown(obj: Mapping[str, object], known: tuple[str, ...], at: str) -> None:
    """Rejects the first key (in document order) that is not in ``known``."""
    for key in obj:
        if key not in known:
            raise fail("unknown_property", child(at, key), "unknown property")


def additional(
    obj: Mapping[str, object], known: tuple[str, ...], at: str, check: Check[T]
) -> dict[str, JsonValue]:
    """The keys not in ``known`` (a table's ``*`` row), in document order, each passing ``check``."""
    out: dict[str, JsonValue] = {}
    for key, value in obj.items():
        if key not in known:
            check(value, child(at, key))
            out[key] = cast("JsonValue", value)
    return out


def put_additional(
    out: dict[str, JsonValue],
    extra: Mapping[str, JsonValue],
    known: tuple[str, ...],
    check: Check[T],
) -> None:
    """Writes a ``*`` row's keys into ``out``; ValueError for a table's key or a bad value."""
    for key, value in extra.items():
        if key in known:
            message = f"additional key {key!r} is in the table: set its field instead"
            raise ValueError(message)
        try:
            check(value, child("", key))
        except ParseError as e:
            message = f"additional key {key!r}: {e.message}"
            raise ValueError(message) from e
        out[key] = plain(value)


def envelope_object(value: object) -> Mapping[str, object]:
    """The envelope as an object that has both ``event`` and ``properties``."""
    if not isinstance(value, dict):
        raise fail("not_an_object", "", f"{_show(value)} is not a JSON object")
    envelope = cast("Mapping[str, object]", value)
    for key in ("event", "properties"):
        if key not in envelope:
            raise fail(
                "missing_property", child("", key), "required property is missing"
            )
    return envelope


def event_name(envelope: Mapping[str, object]) -> str:
    """The envelope's ``event``, which must be a string."""
    name = envelope["event"]
    if not isinstance(name, str):
        raise wrong_type(name, "/event", "a string")
    return name


def split_envelope(value: object) -> tuple[str, object]:
    """Checks the envelope's keys and its ``event`` type; returns (event, properties)."""
    envelope = envelope_object(value)
    reject_unknown(envelope, ("event", "properties"), "")
    return event_name(envelope), envelope["properties"]


def unknown_event(name: str) -> ParseError:
    """An ``unknown_event`` error for the envelope's ``event``."""
    return fail(
        "unknown_event", "/event", f"{_show(name)} is not an event of this plan"
    )


def put(out: dict[str, JsonValue], key: str, value: JsonValue) -> None:
    """Sets ``out[key]`` unless ``value`` is None (unset optional properties are left out)."""
    if value is not None:
        out[key] = value


def plain(value: object) -> JsonValue:
    """A JSON copy of a value made of lists, string-keyed dicts, JSON scalars and records."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return plain(to_dict())
    message = f"{type(value).__name__} is not a JSON value"
    raise TypeError(message)
