#!/usr/bin/env python3
"""Builds tests/payloads/<spec>.jsonl: valid envelopes and single-fault mutations of them, each
with the verdict every generated parser, `trackgen validate` and the JSON Schema must agree on.

Usage: trackgen ir spec/onlive.md --format json | scripts/make_payloads.py > tests/payloads/onlive.jsonl

Each line: {"name", "envelope", "valid", "error": null | {"kind", "pointer"}}.
Error kinds: not_an_object, missing_property, unknown_property, wrong_type, unknown_event,
not_in_enum, invalid_format. Pointers are RFC 6901 JSON pointers into the envelope.
Deterministic: no randomness, output order follows the model.
"""
import json
import sys

UUID = "123e4567-e89b-12d3-a456-426614174000"


def sample(ty, enums, full):
    k = ty["kind"]
    if k == "string":
        fmt = ty.get("format")
        return {"uuid": UUID, "date-time": "2024-05-01T12:00:00Z", "date": "2024-05-01",
                "email": "a@example.com", "uri": "https://example.com/x"}.get(fmt, "text")
    if k == "number":
        return 1.5 if full else 2
    if k == "integer":
        return 3
    if k == "boolean":
        return True
    if k == "object":
        return {"k": "v", "n": 1} if full else {}
    if k == "any":
        return "anything"
    if k == "array":
        return [sample(ty["items"], enums, full)]
    if k == "enum":
        vals = enums[ty["name"]]
        return vals[-1] if full else vals[0]
    if k == "union":
        return sample(ty["variants"][0], enums, full)
    raise SystemExit(f"unknown kind {k}")


def wrong(ty):
    """A value of the wrong JSON type for ty."""
    k = ty["kind"]
    if k in ("string", "enum"):
        return 42
    if k in ("number", "integer"):
        return "42"
    if k == "boolean":
        return "true"
    if k == "object":
        return ["not", "an", "object"]
    if k == "array":
        return {"not": "an array"}
    return None


def ptr(*parts):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def main():
    model = json.load(sys.stdin)
    enums = {e["name"]: e["values"] for e in model["enums"]}
    out = []

    def case(name, env, error=None):
        out.append({"name": name, "envelope": env, "valid": error is None, "error": error})

    for ev in model["events"]:
        props = ev["properties"]
        name = ev["name"]
        minimal = {p["name"]: sample(p["type"], enums, False) for p in props if not p["optional"]}
        full = {p["name"]: sample(p["type"], enums, True) for p in props}
        case(f"{ev['id']}: required only", {"event": name, "properties": minimal})
        case(f"{ev['id']}: every property", {"event": name, "properties": full})
        for p in props:
            pn = p["name"]
            at = ptr("properties", pn)
            ty = p["type"]
            if not p["optional"]:
                env = {"event": name, "properties": {k: v for k, v in minimal.items() if k != pn}}
                case(f"{ev['id']}: missing required {pn}", env, {"kind": "missing_property", "pointer": at})
            base = full if p["optional"] else minimal
            env = {"event": name, "properties": {**base, pn: None}}
            case(f"{ev['id']}: {pn} is null", env, {"kind": "wrong_type", "pointer": at})
            w = wrong(ty)
            if w is not None:
                env = {"event": name, "properties": {**base, pn: w}}
                case(f"{ev['id']}: {pn} has the wrong type", env, {"kind": "wrong_type", "pointer": at})
            if ty["kind"] == "enum":
                v = enums[ty["name"]][0]
                for bad, why in ((v.upper() if v.upper() != v else v + "X", "case"), (" " + v, "space")):
                    env = {"event": name, "properties": {**base, pn: bad}}
                    case(f"{ev['id']}: {pn} not in enum ({why})", env, {"kind": "not_in_enum", "pointer": at})
            if ty["kind"] == "string" and ty.get("format") == "uuid":
                env = {"event": name, "properties": {**base, pn: UUID.upper()}}
                case(f"{ev['id']}: {pn} upper-case UUID", env)
                for bad, why in ((UUID.replace("-", ""), "no hyphens"), ("{" + UUID + "}", "braces"),
                                 (UUID[:-1] + "g", "non-hex"), ("UUID format", "placeholder")):
                    env = {"event": name, "properties": {**base, pn: bad}}
                    case(f"{ev['id']}: {pn} malformed UUID ({why})", env, {"kind": "invalid_format", "pointer": at})
            if ty["kind"] == "number":
                env = {"event": name, "properties": {**base, pn: -0.25}}
                case(f"{ev['id']}: {pn} fractional number", env)
                env = {"event": name, "properties": {**base, pn: True}}
                case(f"{ev['id']}: {pn} boolean is not a number", env, {"kind": "wrong_type", "pointer": at})
            if ty["kind"] == "boolean":
                env = {"event": name, "properties": {**base, pn: 1}}
                case(f"{ev['id']}: {pn} 1 is not a boolean", env, {"kind": "wrong_type", "pointer": at})
        env = {"event": name, "properties": {**minimal, "not_in_table": "x"}}
        case(f"{ev['id']}: unknown property", env, {"kind": "unknown_property", "pointer": ptr("properties", "not_in_table")})
        env = {"event": name, "properties": {**minimal, "a/b~c": 1}}
        case(f"{ev['id']}: unknown property needing pointer escapes", env, {"kind": "unknown_property", "pointer": "/properties/a~1b~0c"})

    first = model["events"][0]
    fmin = {p["name"]: sample(p["type"], enums, False) for p in first["properties"] if not p["optional"]}
    # Properties of another event are not accepted.
    others = [p for e in model["events"][1:] for p in e["properties"]
              if p["name"] not in {q["name"] for q in first["properties"]}]
    if others:
        o = others[0]
        case("property of another event", {"event": first["name"], "properties": {**fmin, o["name"]: sample(o["type"], enums, False)}},
             {"kind": "unknown_property", "pointer": ptr("properties", o["name"])})
    case("unknown event", {"event": "no_such_event", "properties": {}}, {"kind": "unknown_event", "pointer": "/event"})
    case("event name with other case", {"event": first["name"].upper(), "properties": fmin}, {"kind": "unknown_event", "pointer": "/event"})
    case("event name with trailing space", {"event": first["name"] + " ", "properties": fmin}, {"kind": "unknown_event", "pointer": "/event"})
    case("event is not a string", {"event": 7, "properties": fmin}, {"kind": "wrong_type", "pointer": "/event"})
    case("event missing", {"properties": fmin}, {"kind": "missing_property", "pointer": "/event"})
    case("properties missing", {"event": first["name"]}, {"kind": "missing_property", "pointer": "/properties"})
    case("properties is an array", {"event": first["name"], "properties": []}, {"kind": "wrong_type", "pointer": "/properties"})
    case("properties is null", {"event": first["name"], "properties": None}, {"kind": "wrong_type", "pointer": "/properties"})
    case("extra envelope key", {"event": first["name"], "properties": fmin, "userId": "u1"}, {"kind": "unknown_property", "pointer": "/userId"})
    case("envelope is an array", [first["name"], fmin], {"kind": "not_an_object", "pointer": ""})
    case("envelope is a string", "element_click", {"kind": "not_an_object", "pointer": ""})
    case("envelope is null", None, {"kind": "not_an_object", "pointer": ""})
    for c in out:
        sys.stdout.write(json.dumps(c, ensure_ascii=False, sort_keys=False) + "\n")


if __name__ == "__main__":
    main()
