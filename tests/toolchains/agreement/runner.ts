// The TypeScript judge of tests/agreement.rs: `node out/runner.js <spec>` reads NDJSON envelopes
// on stdin and prints one verdict per line from the generated package's `parseEnvelope`:
// {"valid":true} or {"valid":false,"kind":...,"pointer":...}. The test compiles this file with
// copies of generated/<spec>/typescript/src/index.ts (as src/<spec>/index.ts). A line that is not
// JSON, or on which the parser throws, gets a "runner: ..." kind, which no other judge gives.

import { readFileSync } from "node:fs";

import * as genesys from "./genesys-webchat/index.js";
import * as onlive from "./onlive/index.js";
import * as segment from "./segment-live-chat/index.js";

type Result = { ok: true } | { ok: false; error: { kind: string; pointer: string } };

const parsers = new Map<string, (value: unknown) => Result>([
  ["onlive", onlive.parseEnvelope],
  ["segment-live-chat", segment.parseEnvelope],
  ["genesys-webchat", genesys.parseEnvelope],
]);

function verdict(parse: (value: unknown) => Result, line: string): object {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { valid: false, kind: `runner: not JSON: ${String(e)}` };
  }
  try {
    const result = parse(value);
    return result.ok
      ? { valid: true }
      : { valid: false, kind: result.error.kind, pointer: result.error.pointer };
  } catch (e) {
    return { valid: false, kind: `runner: the parser threw ${String(e)}` };
  }
}

const parse = parsers.get(process.argv[2] ?? "");
if (parse === undefined) {
  process.stderr.write("usage: node runner.js onlive|segment-live-chat|genesys-webchat\n");
  process.exit(2);
}
const lines = readFileSync(0, "utf8").split("\n");
if (lines.at(-1) === "") {
  lines.pop();
}
const out = lines.map((line) => JSON.stringify(verdict(parse, line)));
process.stdout.write(out.join("\n") + "\n");
