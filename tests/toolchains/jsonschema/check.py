"""Checks a generated JSON Schema with the third-party `jsonschema` package (pinned).

Usage: check.py SCHEMA [CASES.jsonl ...]

1. The schema is valid against the draft 2020-12 metaschema.
2. Every `examples` entry is valid against the schema object that holds it.
3. Each line of each CASES file is {"name", "envelope", "valid", ...} or
   {"name", "ref", "instance", "valid", ...} with `valid` true, false or null: the
   verdict of the root schema on the envelope (or of the schema `ref` points at,
   e.g. "#/$defs/object.contact", on the instance) must equal `valid`; null means
   "report the verdict, assert nothing" (the spec's own example payloads). Error
   kinds and pointers are not compared: they are not comparable across JSON
   Schema validators.

Prints the first disagreement (name, envelope, expected and actual verdict, the
validator's message) and exits 1; otherwise prints a summary line per file.
"""

import json
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import cast

# jsonschema ships no type information (no py.typed); its names are `Any` here.
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import best_match  # type: ignore[import-untyped]

Json = None | bool | int | float | str | list["Json"] | dict[str, "Json"]


def load(path: str) -> Json:
    return cast(Json, json.loads(Path(path).read_text(encoding="utf-8")))


def first_error(validator: Draft202012Validator, instance: Json) -> str:
    """The validator's most relevant message, with where it points, or "" when valid."""
    error = best_match(validator.iter_errors(instance))
    if error is None:
        return ""
    where = "".join(f"/{p}" for p in error.absolute_path)
    return f"{where or '/'}: {error.message}"


SCHEMA_MAPS = ("properties", "$defs")
SCHEMA_LISTS = ("allOf", "anyOf")
SCHEMA_ONE = (
    "items",
    "not",
    "if",
    "then",
    "additionalProperties",
    "unevaluatedProperties",
)


def subschemas(node: Json, at: str = "#") -> Iterator[tuple[str, dict[str, Json]]]:
    """Every schema object under `node` (itself included), with its JSON pointer.

    Walks by keyword, so a property named `examples` or `enum` is a name, not a keyword.
    """
    if not isinstance(node, dict):
        return
    yield at, node
    for key, child in node.items():
        if key in SCHEMA_MAPS and isinstance(child, dict):
            for name, sub in child.items():
                token = name.replace("~", "~0").replace("/", "~1")
                yield from subschemas(sub, f"{at}/{key}/{token}")
        elif key in SCHEMA_LISTS and isinstance(child, list):
            for i, sub in enumerate(child):
                yield from subschemas(sub, f"{at}/{key}/{i}")
        elif key in SCHEMA_ONE:
            yield from subschemas(child, f"{at}/{key}")


def check_examples(validator: Draft202012Validator, schema: Json) -> int:
    count = 0
    for at, sub in subschemas(schema):
        examples = sub.get("examples")
        if not isinstance(examples, list):
            continue
        inner = validator.evolve(schema=sub)
        for example in examples:
            message = first_error(inner, example)
            if message:
                print(
                    f"FAIL: example {json.dumps(example)} at {at} is invalid: {message}"
                )
                sys.exit(1)
            count += 1
    return count


def check_cases(validator: Draft202012Validator, path: str) -> None:
    agreed = 0
    reported = 0
    text = Path(path).read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip()]
    for number, line in enumerate(lines, start=1):
        case = cast(dict[str, Json], json.loads(line))
        ref = case.get("ref")
        if isinstance(ref, str):
            # Resolved against the root: evolve keeps the registry and base URI.
            target = validator.evolve(schema={"$ref": ref})
            instance = case["instance"]
        else:
            target = validator
            instance = case["envelope"]
        expected = case["valid"]
        message = first_error(target, instance)
        actual = message == ""
        if expected is None:
            reported += 1
            verdict = "valid" if actual else f"invalid ({message})"
            print(f"info: {path}:{number}: {case['name']}: {verdict}")
            continue
        if actual != expected:
            print(f"FAIL: {path}:{number}: {case['name']}")
            what = f"{ref} instance" if isinstance(ref, str) else "envelope"
            print(f"  {what}: {json.dumps(instance, ensure_ascii=False)}")
            print(
                f"  expected: {'valid' if expected else 'invalid'} {case.get('error')}"
            )
            print(f"  jsonschema says: {'valid' if actual else 'invalid: ' + message}")
            sys.exit(1)
        agreed += 1
    asserted = len(lines) - reported
    print(f"{path}: {agreed}/{asserted} verdicts agree ({reported} reported only)")


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        print(__doc__)
        sys.exit(2)
    schema_path, *cases = argv[1:]
    schema = load(schema_path)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    examples = check_examples(validator, schema)
    print(
        f"{schema_path}: valid against the 2020-12 metaschema "
        f"(jsonschema {version('jsonschema')}); {examples} examples valid"
    )
    for path in cases:
        check_cases(validator, path)


if __name__ == "__main__":
    main(sys.argv)
