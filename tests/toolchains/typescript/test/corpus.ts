// The corpus check shared by the behaviour tests of the plans with extensions: every line of the
// corpus tests/toolchain_typescript.rs makes from the spec (TRACKGEN_CORPUS) holds a value, the
// parser to use (an object type's, or the envelope parser), and the verdict of the Rust
// reference; the generated parser must agree on the verdict, the kind and the pointer, and a
// valid value must come back unchanged. Also reads the spec's examples and lifecycles
// (TRACKGEN_FIXTURES).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

interface Failure {
  kind: string;
  pointer: string;
  message: string;
}

/** The shape every generated `ParseResult` has. */
export type AnyResult = { ok: true; value: unknown } | { ok: false; error: Failure };

/** A generated parser. */
export type Parser = (value: unknown) => AnyResult;

interface CorpusLine {
  name: string;
  object?: string;
  value: unknown;
  valid: boolean;
  error: { kind: string; pointer: string } | null;
}

/** `valid` or `invalid <kind> at "<pointer>"`. */
export function verdict(result: AnyResult): string {
  return result.ok
    ? "valid"
    : `invalid ${result.error.kind} at ${JSON.stringify(result.error.pointer)}`;
}

/**
 * Checks every corpus line. `events` maps an event name to its per-event parser: envelope lines
 * whose fault is in `properties` (or that are valid) go through it too, with pointers relative to
 * the properties object. Returns the summary line the Rust test looks for.
 */
export function checkCorpus(
  parseEnvelope: Parser,
  objects: ReadonlyMap<string, Parser>,
  events: ReadonlyMap<string, Parser>,
): string {
  const path = process.env["TRACKGEN_CORPUS"];
  assert.ok(path, "TRACKGEN_CORPUS must name the corpus file");
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  assert.ok(lines.length > 0, "the corpus is empty");
  let agreed = 0;
  let bare = 0;
  for (const [index, text] of lines.entries()) {
    const line = JSON.parse(text) as CorpusLine;
    let parse = parseEnvelope;
    if (line.object !== undefined) {
      const found = objects.get(line.object);
      assert.ok(found, `no parser for object type ${line.object}`);
      parse = found;
    }
    const result = parse(line.value);
    const want =
      line.error === null
        ? "valid"
        : `invalid ${line.error.kind} at ${JSON.stringify(line.error.pointer)}`;
    const got = verdict(result);
    if (got !== want) {
      const message = result.ok ? "" : ` (${result.error.message})`;
      assert.fail(`corpus line ${index + 1} "${line.name}": expected ${want}, got ${got}${message}`);
    }
    assert.equal(line.valid, line.error === null);
    if (result.ok) {
      // Parsing gives back the same JSON (key order aside), also through JSON.stringify.
      assert.deepEqual(result.value, line.value, line.name);
      assert.deepEqual(JSON.parse(JSON.stringify(result.value)), line.value, line.name);
    } else {
      assert.ok(result.error.message.startsWith(result.error.pointer || "(root)"), result.error.message);
    }
    if (line.object === undefined && typeof line.value === "object" && line.value !== null) {
      const envelope = line.value as { event?: unknown; properties?: unknown };
      const parseBare = typeof envelope.event === "string" ? events.get(envelope.event) : undefined;
      const pointer = line.error?.pointer ?? "";
      if (parseBare !== undefined && (line.error === null || pointer.startsWith("/properties/"))) {
        const wantBare =
          line.error === null
            ? "valid"
            : `invalid ${line.error.kind} at ${JSON.stringify(pointer.slice("/properties".length))}`;
        assert.equal(verdict(parseBare(envelope.properties)), wantBare, line.name);
        bare += 1;
      }
    }
    agreed += 1;
  }
  return `corpus: ${agreed}/${lines.length} lines agree (${bare} also through the per-event parser)`;
}

/** The spec's examples and lifecycles, written by the Rust test. */
export interface Fixtures {
  examples: { event?: string; object?: string; value: unknown }[];
  lifecycles: { id: string; sequences: string[][]; transitions: [string, string][] }[];
}

export function fixtures(): Fixtures {
  const path = process.env["TRACKGEN_FIXTURES"];
  assert.ok(path, "TRACKGEN_FIXTURES must name the fixtures file");
  return JSON.parse(readFileSync(path, "utf8")) as Fixtures;
}
