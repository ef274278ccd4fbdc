// Behaviour of the package generated from spec/onlive.md: the payload corpus, the per-event
// parsers, errors, and the tracker with an in-memory sink. Compiled together with the generated
// src/ by tests/toolchain_typescript.rs and run with `node --test`.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  ELEMENT_TYPE_VALUES,
  type ElementClick,
  type Envelope,
  NoopSink,
  type OnliveEvent,
  ParseError,
  type ParseResult,
  RecordingSink,
  Tracker,
  parseElementClick,
  parseElementInteraction,
  parseEnvelope,
  parseFormError,
  parseFormInteraction,
  parseFormSubmit,
  parseImpression,
  parseQueryEmpty,
  parseTaskSuccess,
} from "../src/index.js";

interface CorpusLine {
  name: string;
  envelope: unknown;
  valid: boolean;
  error: { kind: string; pointer: string } | null;
}

const BARE_PARSERS = new Map<string, (value: unknown) => ParseResult<unknown>>([
  ["element_click", parseElementClick],
  ["element_interaction", parseElementInteraction],
  ["form_error", parseFormError],
  ["form_interaction", parseFormInteraction],
  ["form_submit", parseFormSubmit],
  ["impression", parseImpression],
  ["query_empty", parseQueryEmpty],
  ["task_success", parseTaskSuccess],
]);

function verdict(result: ParseResult<unknown>): string {
  return result.ok
    ? "valid"
    : `invalid ${result.error.kind} at ${JSON.stringify(result.error.pointer)}`;
}

test("payload corpus: verdict, kind and pointer agree on every line", () => {
  const path = process.env["TRACKGEN_PAYLOADS"];
  assert.ok(path, "TRACKGEN_PAYLOADS must name the corpus file");
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  assert.ok(lines.length > 0, "the corpus is empty");
  let agreed = 0;
  let bare = 0;
  for (const [index, text] of lines.entries()) {
    const line = JSON.parse(text) as CorpusLine;
    const result = parseEnvelope(line.envelope);
    const want =
      line.valid || line.error === null
        ? "valid"
        : `invalid ${line.error.kind} at ${JSON.stringify(line.error.pointer)}`;
    const got = verdict(result);
    if (got !== want) {
      const message = result.ok ? "" : ` (${result.error.message})`;
      assert.fail(
        `corpus line ${index + 1} "${line.name}": expected ${want}, got ${got}${message}`,
      );
    }
    if (result.ok) {
      // Serialising a parsed event gives back the same JSON.
      assert.deepEqual(result.value, line.envelope, line.name);
      assert.deepEqual(
        JSON.parse(JSON.stringify(result.value)),
        line.envelope,
        line.name,
      );
    } else {
      assert.ok(result.error instanceof ParseError);
      assert.ok(
        result.error.message.startsWith(result.error.pointer || "(root)"),
        result.error.message,
      );
    }
    // The bare parser of the event agrees, with pointers relative to the properties object.
    const envelope =
      typeof line.envelope === "object" && line.envelope !== null
        ? (line.envelope as { event?: unknown; properties?: unknown })
        : {};
    const parseBare =
      typeof envelope.event === "string"
        ? BARE_PARSERS.get(envelope.event)
        : undefined;
    const pointer = line.error?.pointer ?? "";
    if (parseBare !== undefined && (line.valid || pointer.startsWith("/properties/"))) {
      const wantBare =
        line.valid || line.error === null
          ? "valid"
          : `invalid ${line.error.kind} at ${JSON.stringify(pointer.slice("/properties".length))}`;
      assert.equal(verdict(parseBare(envelope.properties)), wantBare, line.name);
      bare += 1;
    }
    agreed += 1;
  }
  assert.ok(bare > 0);
  console.log(`corpus: ${agreed}/${lines.length} lines agree (${bare} also through the per-event parser)`);
});

const REQUIRED: ElementClick = {
  form_data: {},
  element_label: "Send",
  element_type: "button",
  element_data: { target_url: "https://example.com" },
  room_data: {},
  origin_medium: "web",
  origin_source: "google",
  extra: { nested: [1, "two", null, { deep: true }] },
};

test("tracker: one envelope per call, tracker name and version filled", () => {
  const sink = new RecordingSink();
  const tracker = new Tracker(sink);
  tracker.elementClick(REQUIRED);
  assert.equal(sink.envelopes.length, 1);
  const expected: Envelope = {
    event: "element_click",
    properties: {
      ...REQUIRED,
      tracker_name: "onlive-tracker-typescript",
      tracker_version: "0.1.0",
    },
  };
  assert.deepEqual(sink.envelopes[0], expected);
  assert.notEqual(sink.envelopes[0]?.properties, REQUIRED, "a fresh object");
  assert.deepEqual(
    Object.keys(REQUIRED).length + 2,
    Object.keys(sink.envelopes[0]?.properties ?? {}).length,
    "absent optional keys stay absent",
  );
});

test("tracker: options and caller values win over defaults", () => {
  const sink = new RecordingSink();
  const tracker = new Tracker(sink, {
    trackerName: "web",
    trackerVersion: "9.9.9",
  });
  tracker.elementClick(REQUIRED);
  tracker.elementClick({ ...REQUIRED, tracker_name: "mine" });
  assert.equal(sink.envelopes[0]?.properties["tracker_name"], "web");
  assert.equal(sink.envelopes[0]?.properties["tracker_version"], "9.9.9");
  assert.equal(sink.envelopes[1]?.properties["tracker_name"], "mine");
  assert.equal(sink.envelopes[1]?.properties["tracker_version"], "9.9.9");
  assert.equal(tracker.trackerName, "web");
});

test("tracker: what it sends parses back, and track() dispatches", () => {
  const sink = new RecordingSink();
  const tracker = new Tracker(sink);
  const events: OnliveEvent[] = [
    { event: "element_click", properties: { ...REQUIRED, form_name: "signup" } },
    {
      event: "query_empty",
      properties: {
        form_data: {},
        origin_medium: "app",
        origin_source: "linkedin",
        extra: {},
        organization_id: "123e4567-e89b-12d3-a456-426614174000",
      },
    },
    {
      event: "impression",
      properties: {
        event_type: "one_to_many",
        form_data: {},
        room_data: {},
        origin_medium: "sms",
        origin_source: "twitter",
        extra: {},
      },
    },
  ];
  for (const event of events) {
    tracker.track(event);
  }
  assert.equal(sink.envelopes.length, events.length);
  for (const [i, envelope] of sink.envelopes.entries()) {
    assert.equal(envelope.event, events[i]?.event);
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)));
    assert.ok(parsed.ok, verdict(parsed));
    assert.deepEqual(parsed.value, envelope);
  }
  new Tracker(new NoopSink()).elementClick(REQUIRED);
});

test("errors: structured, with a message naming the property and the expectation", () => {
  const result = parseEnvelope({
    event: "element_click",
    properties: { ...REQUIRED, element_type: "Button" },
  });
  assert.ok(!result.ok);
  assert.equal(result.error.kind, "not_in_enum");
  assert.equal(result.error.pointer, "/properties/element_type");
  assert.equal(result.error.name, "ParseError");
  assert.ok(result.error instanceof Error);
  const values = ELEMENT_TYPE_VALUES.map((v) => JSON.stringify(v)).join(", ");
  assert.equal(
    result.error.message,
    `/properties/element_type: "Button" is not one of ${values} (element_type)`,
  );
  const bare = parseElementClick({ ...REQUIRED, room_id: "nope" });
  assert.ok(!bare.ok);
  assert.equal(bare.error.kind, "invalid_format");
  assert.equal(bare.error.pointer, "/room_id");
  assert.match(bare.error.message, /^\/room_id: "nope" is not a valid uuid \(room_id\)$/);
  const top = parseEnvelope([]);
  assert.ok(!top.ok);
  assert.equal(top.error.kind, "not_an_object");
  assert.equal(top.error.pointer, "");
});

test("parsing never trusts the prototype chain", () => {
  const hostile = JSON.parse(
    '{"event": "element_click", "properties": {"__proto__": {"polluted": true}}}',
  ) as unknown;
  const result = parseEnvelope(hostile);
  assert.ok(!result.ok);
  assert.equal(result.error.kind, "missing_property");
  const inherited = Object.create({ event: "element_click", properties: REQUIRED }) as unknown;
  const viaPrototype = parseEnvelope(inherited);
  assert.ok(!viaPrototype.ok);
  assert.equal(viaPrototype.error.pointer, "/event");
  const extra = JSON.parse(
    JSON.stringify({ ...REQUIRED }).replace("{", '{"__proto__": 1, '),
  ) as unknown;
  const unknown = parseElementClick(extra);
  assert.ok(!unknown.ok);
  assert.equal(unknown.error.kind, "unknown_property");
  assert.equal(unknown.error.pointer, "/__proto__");
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
});
