// Behaviour of the package generated from tests/cases/all-types/spec.md: every type of the
// grammar, required and optional, formats, arrays (item pointers), unions, odd wire names, an
// event with no properties and one made only of a group.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  type Everything,
  KIND_VALUES,
  type ParseResult,
  RecordingSink,
  Tracker,
  parseEmpty,
  parseEnvelope,
  parseEverything,
  parseOnlyGroup,
} from "../src/index.js";

const REQUIRED: Everything = {
  s: "a",
  id: "123e4567-e89b-12d3-a456-426614174000",
  when: "2024-05-01T12:00:00Z",
  kind: "beta gamma",
  n: 1.5,
  i: 3,
  b: false,
  o: { k: "v" },
  extra: {},
};

const EVERY: Everything = {
  ...REQUIRED,
  s_opt: "",
  id_opt: "123E4567-E89B-12D3-A456-426614174000",
  day: "2024-05-01",
  mail: "a@example.com",
  link: "https://example.com/x?y=1",
  kind_opt: "y",
  n_opt: -0.25,
  ts: 1642604343456,
  dur: 350,
  b_opt: true,
  o_opt: { nested: { deep: [1, null] } },
  tags: ["x", "y"],
  objs: [{}, { a: 1 }],
  counts: [1, 2, 3],
  kinds: ["alpha", "Delta"],
  anything: [1, "two", false, {}, []],
  either: 1,
  isAgent: true,
  __v: 0,
  "user-id": "u-1",
};

function fault(result: ParseResult<unknown>): string {
  return result.ok ? "valid" : `${result.error.kind} ${result.error.pointer}`;
}

function check(properties: object): string {
  return fault(parseEnvelope({ event: "everything", properties }));
}

test("valid payloads parse and round-trip", () => {
  for (const properties of [REQUIRED, EVERY, { ...EVERY, either: "x" }]) {
    const result = parseEverything(JSON.parse(JSON.stringify(properties)));
    assert.ok(result.ok, fault(result));
    assert.deepEqual(result.value, properties);
  }
  assert.equal(check({ ...REQUIRED, i: 3.0 }), "valid");
  assert.equal(check({ ...REQUIRED, when: "2024-05-01t12:00:00.123+02:00" }), "valid");
  // Format patterns: ASCII digits, whitespace = the six ASCII characters only.
  assert.equal(check({ ...REQUIRED, mail: "a\u00a0b@example.com" }), "valid");
  assert.equal(check({ ...REQUIRED, link: "urn:x\u2028y" }), "valid");
  assert.equal(fault(parseEmpty({})), "valid");
  assert.equal(fault(parseOnlyGroup({ extra: { a: [1] } })), "valid");
});

test("every type rejects what it must", () => {
  const cases: [object, string][] = [
    [{ ...REQUIRED, s: 1 }, "wrong_type /properties/s"],
    [{ ...REQUIRED, s_opt: null }, "wrong_type /properties/s_opt"],
    [{ ...REQUIRED, id: "123e4567e89b12d3a456426614174000" }, "invalid_format /properties/id"],
    [{ ...REQUIRED, id: 7 }, "wrong_type /properties/id"],
    [{ ...REQUIRED, when: "2024-05-01 12:00:00Z" }, "invalid_format /properties/when"],
    [{ ...REQUIRED, day: "2024-5-1" }, "invalid_format /properties/day"],
    [{ ...REQUIRED, mail: "a@b@c" }, "invalid_format /properties/mail"],
    [{ ...REQUIRED, mail: "a b@c" }, "invalid_format /properties/mail"],
    [{ ...REQUIRED, mail: "a@c\v" }, "invalid_format /properties/mail"],
    [{ ...REQUIRED, day: "2024-05-01\n" }, "invalid_format /properties/day"],
    [{ ...REQUIRED, day: "\u0662\u0660\u0662\u0664-05-01" }, "invalid_format /properties/day"],
    [{ ...REQUIRED, link: "https://a b" }, "invalid_format /properties/link"],
    [{ ...REQUIRED, id: "123e4567-e89b-12d3-a456-426614174000\n" }, "invalid_format /properties/id"],
    [{ ...REQUIRED, link: "example.com" }, "invalid_format /properties/link"],
    [{ ...REQUIRED, kind: "Alpha" }, "not_in_enum /properties/kind"],
    [{ ...REQUIRED, kind: "beta  gamma" }, "not_in_enum /properties/kind"],
    [{ ...REQUIRED, kind: 1 }, "wrong_type /properties/kind"],
    [{ ...REQUIRED, n: "1.5" }, "wrong_type /properties/n"],
    [{ ...REQUIRED, n: true }, "wrong_type /properties/n"],
    [{ ...REQUIRED, i: 3.5 }, "wrong_type /properties/i"],
    [{ ...REQUIRED, b: 0 }, "wrong_type /properties/b"],
    [{ ...REQUIRED, o: [] }, "wrong_type /properties/o"],
    [{ ...REQUIRED, o: null }, "wrong_type /properties/o"],
    [{ ...REQUIRED, tags: "x" }, "wrong_type /properties/tags"],
    [{ ...REQUIRED, tags: ["x", 1] }, "wrong_type /properties/tags/1"],
    [{ ...REQUIRED, counts: [1, 2.5] }, "wrong_type /properties/counts/1"],
    [{ ...REQUIRED, kinds: ["alpha", "gamma"] }, "not_in_enum /properties/kinds/1"],
    [{ ...REQUIRED, objs: [{}, 1] }, "wrong_type /properties/objs/1"],
    [{ ...REQUIRED, anything: [1, null] }, "wrong_type /properties/anything/1"],
    [{ ...REQUIRED, either: true }, "wrong_type /properties/either"],
    [{ ...REQUIRED, either: null }, "wrong_type /properties/either"],
    [{ ...REQUIRED, isAgent: "yes" }, "wrong_type /properties/isAgent"],
    [{ ...REQUIRED, "user-id": 1 }, "wrong_type /properties/user-id"],
    [{ ...REQUIRED, "a/b~c": 1 }, "unknown_property /properties/a~1b~0c"],
    [{ ...REQUIRED, extra: undefined }, "missing_property /properties/extra"],
  ];
  for (const [properties, expected] of cases) {
    assert.equal(check(JSON.parse(JSON.stringify(properties))), expected, JSON.stringify(properties));
  }
  const { kind: _kind, ...noKind } = REQUIRED;
  assert.equal(check(noKind), "missing_property /properties/kind");
  assert.equal(fault(parseEmpty({ a: 1 })), "unknown_property /a");
  assert.equal(fault(parseOnlyGroup({})), "missing_property /extra");
  assert.equal(fault(parseEnvelope({ event: "Everything", properties: {} })), "unknown_event /event");
  assert.equal(fault(parseEnvelope({ event: 1, properties: {} })), "wrong_type /event");
  assert.equal(fault(parseEnvelope({ properties: {} })), "missing_property /event");
  assert.equal(fault(parseEnvelope({ event: "empty" })), "missing_property /properties");
  assert.equal(fault(parseEnvelope(null)), "not_an_object ");
});

test("the tracker sends every event, and the values array matches the type", () => {
  const sink = new RecordingSink();
  const tracker = new Tracker(sink);
  tracker.everything(EVERY);
  tracker.empty({});
  tracker.onlyGroup({ extra: {} });
  tracker.track({ event: "empty", properties: {} });
  assert.deepEqual(
    sink.envelopes.map((e) => e.event),
    ["everything", "empty", "only_group", "empty"],
  );
  assert.deepEqual(sink.envelopes[0]?.properties, EVERY);
  assert.deepEqual(sink.envelopes[1]?.properties, {});
  assert.equal(tracker.trackerName, "spec-tracker-typescript");
  assert.deepEqual([...KIND_VALUES], ["alpha", "beta gamma", "Delta"]);
});

export function typeTests(tracker: Tracker): void {
  // @ts-expect-error: an event without properties takes an empty object only
  tracker.empty({ a: 1 });
  tracker.everything({
    ...REQUIRED,
    // @ts-expect-error: enum values are exact ("beta gamma", not "beta_gamma")
    kind: "beta_gamma",
  });
  tracker.everything({
    ...REQUIRED,
    // @ts-expect-error: array items are typed
    counts: ["1"],
  });
  tracker.everything({
    ...REQUIRED,
    // @ts-expect-error: `any` excludes null
    anything: [null],
  });
  tracker.everything({
    ...REQUIRED,
    // @ts-expect-error: the union is string | number
    either: true,
  });
}
