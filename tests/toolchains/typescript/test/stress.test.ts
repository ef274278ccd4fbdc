// Behaviour of the package generated from tests/toolchains/typescript/stress.md: object types
// referring to each other, `*` rows narrower than the listed rows, maps of maps, open enums in
// arrays and maps, an envelope whose fields are all optional, lifecycles with long names and odd
// states; the corpus judged by the Rust reference.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ALifecycleWithANameLongEnoughToBreakLinesLifecycle as Long,
  LifecycleError,
  LoopLifecycle,
  RecordingSink,
  Tracker,
  type TreeNode,
  parseEnvelope,
  parseJsonLike,
  parseLeaf,
  parseMixedBagWithARatherLongObjectTypeName,
  parsePlanted,
  parseTreeNode,
  parseWide,
} from "../src/index.js";
import { type Parser, checkCorpus, fixtures, verdict } from "./corpus.js";

test("corpus: verdict, kind and pointer agree with the Rust reference on every line", () => {
  const summary = checkCorpus(
    parseEnvelope,
    new Map<string, Parser>([
      ["tree_node", parseTreeNode],
      ["leaf", parseLeaf],
      ["mixed_bag_with_a_rather_long_object_type_name", parseMixedBagWithARatherLongObjectTypeName],
      ["wide", parseWide],
      ["json_like", parseJsonLike],
    ]),
    new Map([["planted", parsePlanted]]),
  );
  console.log(summary);
});

test("nested maps and `*` rows: pointers, and keys the rows do not list", () => {
  const node: TreeNode = {
    label: "root",
    index: { "a/b": { "~c": { weight: 1, '"quoted/key~"': true } } },
    other: "strings only",
  };
  assert.equal(verdict(parseTreeNode(node)), "valid");
  assert.equal(
    verdict(parseTreeNode({ ...node, index: { "a/b": { "~c": { weight: 1.5, '"quoted/key~"': true } } } })),
    'invalid wrong_type at "/index/a~1b/~0c/weight"',
  );
  assert.equal(verdict(parseTreeNode({ ...node, other: 1 })), 'invalid wrong_type at "/other"');
  assert.equal(verdict(parseTreeNode({ ...node, kinds: ["p", "anything"] })), "valid");
  assert.equal(verdict(parseTreeNode({ ...node, kind_map: { k: 1 } })), 'invalid wrong_type at "/kind_map/k"');
});

test("an envelope whose fields are all optional: the tracker needs no options", () => {
  const sink = new RecordingSink();
  new Tracker(sink).planted({ node: { label: "n" }, kind: "z", count: 1, extra: 2 });
  new Tracker(sink, { envelope: { anonymousId: "a", context: { ip: "::1" } } }).planted({
    node: { label: "n" },
    kind: "x",
    count: 2,
  });
  assert.deepEqual(sink.envelopes[0], {
    event: "planted",
    properties: { node: { label: "n" }, kind: "z", count: 1, extra: 2 },
  });
  assert.equal(sink.envelopes[1]?.anonymousId, "a");
  for (const envelope of sink.envelopes) {
    assert.equal(verdict(parseEnvelope(JSON.parse(JSON.stringify(envelope)))), "valid");
  }
});

test("lifecycles with odd states and loops accept their sequences, and only them", () => {
  for (const l of fixtures().lifecycles) {
    for (const sequence of l.sequences) {
      const lifecycle = l.id === "loop" ? new LoopLifecycle() : new Long();
      for (const state of sequence) {
        (lifecycle.advance as (s: string) => void).call(lifecycle, state);
      }
      assert.ok(lifecycle.isTerminal(), sequence.join(" -> "));
    }
  }
  const long = new Long();
  long.advance("new");
  long.advance('it\'s "quoted"');
  assert.throws(() => long.advance("new"), (e: unknown) => e instanceof LifecycleError && e.to === "new");
  const loop = new LoopLifecycle();
  loop.advance("a");
  loop.advance("b");
  loop.advance("a");
  assert.ok(!loop.isTerminal());
  loop.advance("c");
  assert.ok(loop.isTerminal());
});

export function typeTests(node: TreeNode, tracker: Tracker): void {
  // @ts-expect-error: the `*` row of TreeNode takes strings (the listed keys keep their types)
  node["other"] = null;
  // @ts-expect-error: the `*` row of Planted takes numbers
  tracker.planted({ node, kind: "x", count: 1, extra: true });
}
