// Behaviour of the package generated from spec/genesys-webchat.md: events made of groups
// (`Includes:`), integer units, the `array/boolean` union, the `interaction` lifecycle against
// its documented sequences, and the corpus judged by the Rust reference.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  type GenesysWebchatEvent,
  InteractionLifecycle,
  type InteractionState,
  LifecycleError,
  type Ready,
  RecordingSink,
  Tracker,
  parseCancelled,
  parseClosed,
  parseCompleted,
  parseEnvelope,
  parseOpened,
  parseReady,
  parseRejected,
  parseStarted,
  parseSubmitted,
} from "../src/index.js";
import { checkCorpus, fixtures, verdict } from "./corpus.js";

const PARSERS = new Map([
  ["ready", parseReady],
  ["opened", parseOpened],
  ["started", parseStarted],
  ["cancelled", parseCancelled],
  ["submitted", parseSubmitted],
  ["rejected", parseRejected],
  ["completed", parseCompleted],
  ["closed", parseClosed],
]);

test("corpus: verdict, kind and pointer agree with the Rust reference on every line", () => {
  console.log(checkCorpus(parseEnvelope, new Map(), PARSERS));
});

const METADATA: Ready = {
  proactive: false,
  prefilled: false,
  autoSubmitted: false,
  coBrowselnitiated: false,
  filesUploaded: 0,
  numAgents: 1,
  userMessages: 3,
  agentMessages: 2,
  systemMessages: 0,
  errors: false,
  form: { firstname: "Ada" },
  opened: 1642604342648,
  started: 1642604343456,
  cancelled: 0,
  rejected: 0,
  completed: 1642604409492,
  closed: 1642604409653,
  agentReached: 1642604351284,
  supervisorReached: 0,
  elapsed: 66036,
  waitingForAgent: 7828,
  id: "0c1d7f2e",
};

test("a valid envelope per event; integers and the errors union", () => {
  for (const event of PARSERS.keys()) {
    const envelope = { event, properties: METADATA };
    const result = parseEnvelope(JSON.parse(JSON.stringify(envelope)));
    assert.ok(result.ok, `${event}: ${verdict(result)}`);
    assert.deepEqual(result.value, envelope);
  }
  const check = (properties: object): string => verdict(parseEnvelope({ event: "opened", properties }));
  assert.equal(check({ ...METADATA, errors: ["E1", 2] }), "valid");
  assert.equal(check({ ...METADATA, errors: "none" }), 'invalid wrong_type at "/properties/errors"');
  assert.equal(check({ ...METADATA, errors: [null] }), 'invalid wrong_type at "/properties/errors"');
  assert.equal(check({ ...METADATA, elapsed: 1.5 }), 'invalid wrong_type at "/properties/elapsed"');
  assert.equal(check({ ...METADATA, opened: 1642604342648.0 }), "valid");
  assert.equal(check({ ...METADATA, proactive: 0 }), 'invalid wrong_type at "/properties/proactive"');
  const { id: _id, ...noId } = METADATA;
  assert.equal(check(noId), 'invalid missing_property at "/properties/id"');
  assert.equal(check({ ...METADATA, form: null }), 'invalid wrong_type at "/properties/form"');
});

test("every documented sequence is accepted by InteractionLifecycle", () => {
  const { lifecycles } = fixtures();
  const interaction = lifecycles.find((l) => l.id === "interaction");
  assert.ok(interaction);
  assert.equal(interaction.sequences.length, 4);
  assert.deepEqual(
    InteractionLifecycle.TRANSITIONS.map(([a, b]) => [a, b]),
    interaction.transitions,
  );
  for (const sequence of interaction.sequences) {
    const lifecycle = new InteractionLifecycle();
    assert.equal(lifecycle.state, undefined);
    assert.deepEqual(lifecycle.allowed(), ["ready"]);
    for (const state of sequence) {
      lifecycle.advance(state as InteractionState);
      assert.equal(lifecycle.state, state);
    }
    assert.ok(lifecycle.isTerminal(), sequence.join(" -> "));
  }
  assert.deepEqual([...InteractionLifecycle.INITIAL], ["ready"]);
  assert.deepEqual([...InteractionLifecycle.TERMINAL], ["closed", "rejected"]);
  assert.equal(InteractionLifecycle.STATES.length, 8);
});

test("a wrong sequence is refused with an error naming the transition", () => {
  const lifecycle = new InteractionLifecycle();
  lifecycle.advance("ready");
  assert.throws(
    () => lifecycle.advance("completed"),
    (error: unknown) => {
      assert.ok(error instanceof LifecycleError);
      assert.equal(error.name, "LifecycleError");
      assert.equal(error.kind, "not_allowed");
      assert.equal(error.lifecycle, "interaction");
      assert.equal(error.from, "ready");
      assert.equal(error.to, "completed");
      assert.deepEqual(error.allowed, ["opened"]);
      assert.equal(error.message, 'interaction: "ready" -> "completed" is not allowed; from "ready": "opened"');
      return true;
    },
  );
  assert.equal(lifecycle.state, "ready", "a refused state changes nothing");
  lifecycle.advance("opened");
  assert.deepEqual(lifecycle.allowed(), ["cancelled", "submitted"]);
  assert.throws(() => lifecycle.advance("completed"), /"opened" -> "completed" is not allowed; from "opened": "cancelled", "submitted"/);
  assert.ok(!lifecycle.isTerminal());

  const fresh = new InteractionLifecycle();
  assert.throws(
    () => fresh.advance("opened"),
    (error: unknown) =>
      error instanceof LifecycleError &&
      error.kind === "not_initial" &&
      error.from === null &&
      error.message === 'interaction: start -> "opened" is not allowed; from the start: "ready"',
  );
  assert.throws(
    () => fresh.advance("paused" as InteractionState),
    (error: unknown) => error instanceof LifecycleError && error.kind === "unknown_state",
  );
  const done = new InteractionLifecycle();
  for (const state of ["ready", "opened", "submitted", "rejected"] as const) {
    done.advance(state);
  }
  assert.ok(done.isTerminal());
  assert.throws(() => done.advance("closed"), /"rejected" -> "closed" is not allowed; from "rejected": none/);
});

test("the tracker sends each event with its group properties", () => {
  const sink = new RecordingSink();
  const tracker = new Tracker(sink);
  tracker.ready(METADATA);
  const closed: GenesysWebchatEvent = { event: "closed", properties: METADATA };
  tracker.track(closed);
  assert.deepEqual(
    sink.envelopes.map((e) => e.event),
    ["ready", "closed"],
  );
  for (const envelope of sink.envelopes) {
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)));
    assert.ok(parsed.ok, verdict(parsed));
  }
});

export function typeTests(lifecycle: InteractionLifecycle, tracker: Tracker): void {
  // @ts-expect-error: not a state of the lifecycle
  lifecycle.advance("paused");
  const state: InteractionState | undefined = lifecycle.state;
  void state;
  // @ts-expect-error: STATES is read-only
  InteractionLifecycle.STATES.push("ready");
  // @ts-expect-error: every metadata key is required
  tracker.opened({ proactive: true });
  // @ts-expect-error: errors is an array or a boolean
  tracker.opened({ ...METADATA, errors: "none" });
}
