"""The Python judges of tests/agreement.rs: one verdict per NDJSON envelope on stdin.

Usage: judge.py parser PACKAGE   (the generated package's ``parse_envelope``, on PYTHONPATH)
       judge.py schema SCHEMA    (the ``jsonschema`` package, Draft 2020-12, on the schema file)

Prints ``{"valid": true}`` or ``{"valid": false, "kind", "pointer"}`` (parser) /
``{"valid": false, "message"}`` (schema) per line. A line that is not JSON, or on which the
parser raises something else than its ``ParseError``, gets a ``runner: ...`` kind, which no other
judge gives.

The parser judge reads lines with plain :func:`json.loads`, as an application would. The schema
judge reads them as serde_json does (``trackgen validate``'s reader): a number no double holds
(``1e400``, 400 digits) makes the line not JSON, as RFC 8259 section 6 allows a reader. JSON
Schema cannot say "finite"; the generated parsers refuse such numbers themselves.
"""

import importlib
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

# jsonschema ships no type information (no py.typed); its names are `Any` here.
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

Verdict = dict[str, object]


def parser_judge(package: str) -> Callable[[object], Verdict]:
    pkg = importlib.import_module(package)

    def judge(value: object) -> Verdict:
        try:
            pkg.parse_envelope(value)
        except pkg.ParseError as e:
            return {"valid": False, "kind": e.kind, "pointer": e.pointer}
        except Exception as e:  # noqa: BLE001 - reported as a disagreement
            return {"valid": False, "kind": f"runner: {type(e).__name__}: {e}"}
        return {"valid": True}

    return judge


def schema_judge(path: str) -> Callable[[object], Verdict]:
    validator = Draft202012Validator(json.loads(Path(path).read_text(encoding="utf-8")))

    def judge(value: object) -> Verdict:
        error = next(iter(validator.iter_errors(value)), None)
        if error is None:
            return {"valid": True}
        return {"valid": False, "message": f"{error.json_path}: {error.message}"[:300]}

    return judge


def _double(text: str) -> float:
    """A JSON number as a double, or ValueError when no double holds it (as serde_json)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def _integer(text: str) -> int:
    """A JSON integer, or ValueError when no double holds it (as serde_json)."""
    _double(text)
    return int(text)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("parser", "schema"):
        print(__doc__, file=sys.stderr)
        return 2
    judge = parser_judge(argv[2]) if argv[1] == "parser" else schema_judge(argv[2])
    lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    out = []
    for line in lines:
        try:
            if argv[1] == "parser":
                value = json.loads(line)
            else:
                value = json.loads(line, parse_float=_double, parse_int=_integer)
        except ValueError as e:
            out.append(json.dumps({"valid": False, "kind": f"runner: not JSON: {e}"}))
            continue
        out.append(json.dumps(judge(value)))
    sys.stdout.write("".join(f"{line}\n" for line in out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
