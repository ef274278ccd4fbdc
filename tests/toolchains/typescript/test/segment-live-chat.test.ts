// Behaviour of the package generated from spec/segment-live-chat.md: envelope fields (`userId`,
// `action`), event names with spaces, `*` rows, the spec's examples (whole envelopes), and the
// corpus judged by the Rust reference.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ACTION_VALUES,
  type Envelope,
  type LiveChatMessageSent,
  RecordingSink,
  type SegmentLiveChatEnvelope,
  type SegmentLiveChatEvent,
  Tracker,
  parseEnvelope,
  parseLiveChatConversationEnded,
  parseLiveChatConversationStarted,
  parseLiveChatMessageReceived,
  parseLiveChatMessageSent,
} from "../src/index.js";
import { type Parser, checkCorpus, fixtures, verdict } from "./corpus.js";

test("corpus: verdict, kind and pointer agree with the Rust reference on every line", () => {
  const summary = checkCorpus(
    parseEnvelope,
    new Map<string, Parser>(),
    new Map<string, Parser>([
      ["Live Chat Conversation Started", parseLiveChatConversationStarted],
      ["Live Chat Conversation Ended", parseLiveChatConversationEnded],
      ["Live Chat Message Sent", parseLiveChatMessageSent],
      ["Live Chat Message Received", parseLiveChatMessageReceived],
    ]),
  );
  console.log(summary);
});

test("the spec's four examples are whole envelopes and parse, envelope fields included", () => {
  const { examples } = fixtures();
  assert.equal(examples.length, 4);
  for (const example of examples) {
    const result = parseEnvelope(example.value);
    assert.ok(result.ok, verdict(result));
    const parsed: SegmentLiveChatEnvelope = result.value;
    assert.equal(parsed.userId, "019mr8mf4r");
    assert.equal(parsed.action, "track");
    assert.equal(parsed.event, example.event);
    // `message_body` is not in the tables: the `*` row keeps it.
    assert.equal(typeof parsed.properties["message_body"], "string");
    assert.deepEqual(parsed, example.value);
  }
});

test("envelope fields are checked in table order, before unknown envelope keys", () => {
  const properties = {};
  const event = "Live Chat Message Sent";
  const fault = (value: unknown): string => verdict(parseEnvelope(value));
  assert.equal(fault({ userId: "u", event, properties }), "valid");
  assert.equal(fault({ event, properties }), 'invalid missing_property at "/userId"');
  assert.equal(fault({ userId: null, event, properties }), 'invalid wrong_type at "/userId"');
  assert.equal(fault({ userId: 1, action: "x", event, properties }), 'invalid wrong_type at "/userId"');
  assert.equal(fault({ userId: "u", action: "identify", event, properties }), 'invalid not_in_enum at "/action"');
  assert.equal(fault({ extra: 1, event, properties }), 'invalid missing_property at "/userId"');
  assert.equal(fault({ userId: "u", extra: 1, event: 5, properties }), 'invalid unknown_property at "/extra"');
  assert.equal(fault({ userId: "u", event: "live chat message sent", properties }), 'invalid unknown_event at "/event"');
  assert.equal(fault({ userId: "u", event }), 'invalid missing_property at "/properties"');
  assert.equal(fault({ userId: "u", event, properties: { message_body: null } }), 'invalid wrong_type at "/properties/message_body"');
  assert.equal(fault({ userId: "u", event, properties: { agent_id: 7 } }), 'invalid wrong_type at "/properties/agent_id"');
});

test("the tracker writes its envelope fields into every envelope; what it sends parses back", () => {
  const sink = new RecordingSink();
  const tracker = new Tracker(sink, { envelope: { userId: "019mr8mf4r", action: "track" } });
  const sent: LiveChatMessageSent = {
    agent_id: "bce89acdd11901",
    conversation_duration: 45,
    message_body: "But then they switched from the Swingline to the Boston stapler!",
  };
  tracker.liveChatMessageSent(sent);
  const events: SegmentLiveChatEvent[] = [
    { event: "Live Chat Conversation Started", properties: {} },
    { event: "Live Chat Message Received", properties: { message_id: "m", extra: [1] } },
  ];
  for (const event of events) {
    tracker.track(event);
  }
  const expected: Envelope = {
    userId: "019mr8mf4r",
    action: "track",
    event: "Live Chat Message Sent",
    properties: { ...sent },
  };
  assert.deepEqual(sink.envelopes[0], expected);
  assert.deepEqual(
    sink.envelopes.map((e) => e.event),
    ["Live Chat Message Sent", "Live Chat Conversation Started", "Live Chat Message Received"],
  );
  for (const envelope of sink.envelopes) {
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)));
    assert.ok(parsed.ok, verdict(parsed));
    assert.deepEqual(parsed.value, envelope);
  }
  // `action` is optional: without it, the envelopes have no `action` key.
  const bare = new RecordingSink();
  new Tracker(bare, { envelope: { userId: "u2" } }).liveChatConversationEnded({});
  assert.deepEqual(bare.envelopes[0], { userId: "u2", event: "Live Chat Conversation Ended", properties: {} });
  assert.deepEqual([...ACTION_VALUES], ["track"]);
});

export function typeTests(sink: RecordingSink): void {
  // @ts-expect-error: the envelope's `userId` is required, so are the options
  new Tracker(sink);
  // @ts-expect-error: `userId` is required in the envelope fields
  new Tracker(sink, { envelope: { action: "track" } });
  // @ts-expect-error: `action` is "track" only
  new Tracker(sink, { envelope: { userId: "u", action: "page" } });
  const tracker = new Tracker(sink, { envelope: { userId: "u" } });
  // The `*` row: other keys of any JSON value but null.
  tracker.liveChatMessageSent({ message_body: "hi", nested: { a: [1] } });
  // @ts-expect-error: a listed key keeps its type
  tracker.liveChatMessageSent({ agent_id: 1 });
  // @ts-expect-error: other keys are never null
  tracker.liveChatMessageSent({ message_body: null });
  // @ts-expect-error: event names are exact (case and spaces count)
  tracker.track({ event: "live chat message sent", properties: {} });
  const parsed = parseEnvelope({});
  if (parsed.ok) {
    const user: string = parsed.value.userId;
    const action: "track" | undefined = parsed.value.action;
    void user;
    void action;
  }
}
