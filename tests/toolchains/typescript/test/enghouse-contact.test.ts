// Behaviour of the package generated from spec/enghouse-contact.md: a plan of object types only
// (no events), maps of object types, arrays of object types, unions, closed (prose) and open
// enums, `*` rows; the spec's Contact example; the corpus judged by the Rust reference.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CHANNEL_VALUES,
  type Contact,
  type ContactEvent,
  EVENT_VALUES,
  type EnghouseContactEvent,
  type Event_,
  NoopSink,
  Tracker,
  type User,
  parseContact,
  parseContactEvent,
  parseEnvelope,
  parseUser,
} from "../src/index.js";
import { type Parser, checkCorpus, fixtures, verdict } from "./corpus.js";

test("corpus: verdict, kind and pointer agree with the Rust reference on every line", () => {
  const summary = checkCorpus(
    parseEnvelope,
    new Map<string, Parser>([
      ["contact", parseContact],
      ["user", parseUser],
      ["contact_event", parseContactEvent],
    ]),
    new Map<string, Parser>(),
  );
  console.log(summary);
});

function example(): { [key: string]: unknown } {
  const found = fixtures().examples.find((e) => e.object === "contact");
  assert.ok(found, "the spec has a Contact example");
  return JSON.parse(JSON.stringify(found.value)) as { [key: string]: unknown };
}

test("the Contact example parses, and serialises back to the same JSON", () => {
  const value = example();
  const result = parseContact(value);
  assert.ok(result.ok, verdict(result));
  const contact: Contact = result.value;
  assert.deepEqual(contact, value);
  assert.deepEqual(JSON.parse(JSON.stringify(contact)), value);
  // Typed access through the map of users and the array of contact events.
  const users: User[] = Object.values(contact.users);
  assert.deepEqual(
    users.map((u) => u.channel),
    ["instagram", "web"],
  );
  const events: ContactEvent[] = contact.contact_events;
  assert.deepEqual(
    events.map((e) => e.event),
    ["newContactAccepted", "joinContact", "endByAgent"],
  );
  // Keys of the `*` rows are kept: `__v` on the contact, `isAgent` on each user.
  assert.equal(contact["__v"], 0);
  assert.equal(users[1]?.["isAgent"], true);
});

test("single-fault mutations of the example fail with the expected kind and pointer", () => {
  const cases: [string, (c: { [key: string]: any }) => void, string][] = [
    ["ctlive_type CHAT", (c) => (c["ctlive_type"] = "CHAT"), 'invalid not_in_enum at "/ctlive_type"'],
    [
      "isOnline no",
      (c) => (c["users"]["4747235938674011"]["isOnline"] = "no"),
      'invalid wrong_type at "/users/4747235938674011/isOnline"',
    ],
    [
      "isOnline no (key with @ and #)",
      (c) => (c["users"]["USER_gverde1@acd#_#enghouse#_#com"]["isOnline"] = "no"),
      'invalid wrong_type at "/users/USER_gverde1@acd#_#enghouse#_#com/isOnline"',
    ],
    ["missing id", (c) => delete c["id"], 'invalid missing_property at "/id"'],
    ["missing agentID is fine", (c) => delete c["agentID"], "valid"],
    ["agentID null", (c) => (c["agentID"] = null), 'invalid wrong_type at "/agentID"'],
    [
      "contact event 5",
      (c) => (c["contact_events"][1]["event"] = 5),
      'invalid wrong_type at "/contact_events/1/event"',
    ],
    ["open enum: any string", (c) => (c["contact_events"][0]["event"] = "joinContact"), "valid"],
    [
      "contact event unknown key",
      (c) => (c["contact_events"][2]["extra"] = 1),
      'invalid unknown_property at "/contact_events/2/extra"',
    ],
    ["user beginTime string", (c) => (c["users"]["4747235938674011"]["beginTime"] = "x"), "valid"],
    [
      "user beginTime boolean",
      (c) => (c["users"]["4747235938674011"]["beginTime"] = true),
      'invalid wrong_type at "/users/4747235938674011/beginTime"',
    ],
    [
      "uriHistory item",
      (c) => (c["users"]["USER_gverde1@acd#_#enghouse#_#com"]["uriHistory"] = ["a", 1]),
      'invalid wrong_type at "/users/USER_gverde1@acd#_#enghouse#_#com/uriHistory/1"',
    ],
    ["callData number", (c) => (c["callData"]["a/b~c"] = 1), 'invalid wrong_type at "/callData/a~1b~0c"'],
    ["users not an object", (c) => (c["users"] = []), 'invalid wrong_type at "/users"'],
    ["user not an object", (c) => (c["users"]["x"] = "x"), 'invalid wrong_type at "/users/x"'],
    ["dataCollections value", (c) => (c["dataCollections"]["d"] = [1]), 'invalid wrong_type at "/dataCollections/d"'],
    ["other key null", (c) => (c["__v"] = null), 'invalid wrong_type at "/__v"'],
    ["other key", (c) => (c["anything"] = { a: 1 }), "valid"],
  ];
  for (const [name, mutate, expected] of cases) {
    const value = example();
    mutate(value);
    assert.equal(verdict(parseContact(value)), expected, name);
  }
  assert.equal(verdict(parseContact([])), 'invalid not_an_object at ""');
});

test("a plan without events: parseEnvelope knows no event, the tracker is inert", () => {
  assert.equal(verdict(parseEnvelope({ event: "contact", properties: {} })), 'invalid unknown_event at "/event"');
  const tracker = new Tracker(new NoopSink());
  assert.equal(tracker.trackerName, "enghouse-contact-tracker-typescript");
  assert.deepEqual([...EVENT_VALUES], ["newContactAccepted", "clientError"]);
  assert.deepEqual([...CHANNEL_VALUES], ["web", "whatsapp", "messenger", "instagram"]);
});

export function typeTests(tracker: Tracker, contact: Contact): void {
  // An open enum takes any string, and still lists the known values.
  const known: Event_ = "newContactAccepted";
  const other: Event_ = "joinContact";
  void known;
  void other;
  // @ts-expect-error: a plan without events: `track` takes nothing
  tracker.track({ event: "contact", properties: {} });
  const never: EnghouseContactEvent[] = [];
  void never;
  // @ts-expect-error: a closed enum is exact
  contact.ctlive_type = "CHAT";
  // @ts-expect-error: user values are User objects
  contact.users["x"] = { id: "x" };
  // @ts-expect-error: map values are typed
  contact.callData["x"] = 1;
  // @ts-expect-error: a listed key keeps its type
  contact.beginTime = "now";
  // `*` row keys: any JSON value but null.
  contact["__v"] = 1;
  // @ts-expect-error: never null
  contact["__v"] = null;
}
