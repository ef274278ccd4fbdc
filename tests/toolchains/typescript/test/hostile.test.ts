// Behaviour of the package generated from tests/cases/hostile/spec.md: hostile enum values come
// through unchanged, keyword and prototype keys are plain keys, SDK names are escaped.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  type BreakOut,
  QUOTE_VALUES,
  RTL_VALUES,
  RecordingSink,
  Tracker,
  type Tracker_,
  parseBreakOut,
  parseClass,
  parseEnvelope,
  parseTracker_,
} from "../src/index.js";

test("hostile enum values are the spec's strings, byte for byte", () => {
  assert.deepEqual(
    [...QUOTE_VALUES],
    ['say "hi"', "back\\slash", "*/", '"""', "${x}", "`tick`", "it's", "{y}", "a b"],
  );
  assert.deepEqual([...RTL_VALUES], ["שלום", "مرحبا", "🎉 party", "é"]);
  for (const quote of QUOTE_VALUES) {
    const result = parseBreakOut({ quote, type: "keyword" });
    assert.ok(result.ok, quote);
  }
  const wrong = parseBreakOut({ quote: "say 'hi'", type: "keyword" });
  assert.ok(!wrong.ok);
  assert.equal(wrong.error.kind, "not_in_enum");
});

test("keyword, digit and prototype keys are ordinary keys", () => {
  const text =
    '{"quote": "*/", "type": "keyword", "class": "c", "self": true, "None": 1, "async": "a",' +
    ' "default": "d", "constructor": "k", "__proto__": "p", "9lives": 9, "the-dash": "-"}';
  const result = parseBreakOut(JSON.parse(text));
  assert.ok(result.ok, result.ok ? "" : result.error.message);
  assert.equal(Object.getPrototypeOf(result.value), Object.prototype);
  assert.ok(Object.hasOwn(result.value, "__proto__"));
  assert.equal(JSON.stringify(result.value), JSON.stringify(JSON.parse(text)));
  const sink = new RecordingSink();
  new Tracker(sink).breakOut(result.value);
  assert.equal(JSON.stringify(sink.envelopes[0]?.properties), JSON.stringify(JSON.parse(text)));
  const proto = parseBreakOut(JSON.parse('{"quote": "*/", "type": "k", "__proto__": 1}'));
  assert.ok(!proto.ok);
  assert.equal(`${proto.error.kind} ${proto.error.pointer}`, "wrong_type /__proto__");
});

test("SDK names and keywords are escaped, wire names are not", () => {
  const sink = new RecordingSink();
  const tracker = new Tracker(sink);
  const props: Tracker_ = { sink: "s", track: "t" };
  tracker.tracker(props);
  tracker.class_({ x: "x" });
  tracker.track({ event: "class", properties: {} });
  assert.deepEqual(
    sink.envelopes.map((e) => [e.event, e.properties]),
    [
      ["tracker", { sink: "s", track: "t" }],
      ["class", { x: "x" }],
      ["class", {}],
    ],
  );
  assert.ok(parseTracker_({ sink: "s" }).ok);
  assert.ok(parseClass({}).ok);
  const envelope = parseEnvelope({ event: "break_out", properties: { quote: "`tick`", type: "t" } });
  assert.ok(envelope.ok);
  if (envelope.ok && envelope.value.event === "break_out") {
    const value: BreakOut = envelope.value.properties;
    assert.equal(value.quote, "`tick`");
  }
});
