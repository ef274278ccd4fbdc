// ---------------------------------------------------------------------------
// Runtime: the JSON type, parse errors, sinks and the checks every parser
// below is made of. This part is the same in every package trackgen makes.
// ---------------------------------------------------------------------------

/** A JSON value, as `JSON.parse` returns it. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Which rule a payload broke; the same words in every trackgen SDK. */
export type ParseErrorKind =
  | "not_an_object"
  | "missing_property"
  | "unknown_property"
  | "wrong_type"
  | "unknown_event"
  | "not_in_enum"
  | "invalid_format";

/** The first fault found in a payload. */
export class ParseError extends Error {
  override readonly name = "ParseError";
  /** Which rule the payload broke. */
  readonly kind: ParseErrorKind;
  /** RFC 6901 JSON pointer to the offending value (`""` is the whole payload). */
  readonly pointer: string;

  constructor(kind: ParseErrorKind, pointer: string, message: string) {
    super(message);
    this.kind = kind;
    this.pointer = pointer;
  }
}

/** The typed value, or the first fault found. */
export type ParseResult<T> =
  { ok: true; value: T } | { ok: false; error: ParseError };

// @trackgen: Envelope

/** Where tracked events go. */
export interface Sink {
  send(envelope: Envelope): void;
}

/** A sink that keeps every envelope in memory, for tests. */
export class RecordingSink implements Sink {
  readonly envelopes: Envelope[] = [];

  send(envelope: Envelope): void {
    this.envelopes.push(envelope);
  }
}

/** A sink that drops every envelope. */
export class NoopSink implements Sink {
  send(envelope: Envelope): void {
    void envelope;
  }
}

// @trackgen: TrackerOptions

/** The type of a property, as data: a scalar, a format, or a composite. */
type TypeSpec =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "object"
  | "any"
  | "uuid"
  | "date-time"
  | "date"
  | "email"
  | "uri"
  | { readonly enum: readonly string[] }
  | { readonly array: TypeSpec }
  | { readonly map: TypeSpec }
  | { readonly object: string; readonly rows: () => readonly FieldSpec[] }
  | { readonly union: readonly TypeSpec[] };

/**
 * A row's presence; `"other"` is the table's `*` row: its type is the type of
 * every key the table does not list (without it, such keys are unknown).
 */
type Presence = "required" | "optional" | "other";

/** One row of a table (an event's, an object type's): wire name, presence, type. */
type FieldSpec = readonly [name: string, presence: Presence, type: TypeSpec];

function isJsonObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON pointer token (RFC 6901): `~` → `~0`, `/` → `~1`. */
function pointerToken(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A short description of a value for messages. */
function show(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  switch (typeof value) {
    case "string":
      return value.length > 60
        ? `${JSON.stringify(value.slice(0, 60))}...`
        : JSON.stringify(value);
    case "number":
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

function fault(
  kind: ParseErrorKind,
  pointer: string,
  detail: string,
  name?: string,
): ParseError {
  const where = pointer === "" ? "(root)" : pointer;
  const what = name === undefined ? "" : ` (${name})`;
  return new ParseError(kind, pointer, `${where}: ${detail}${what}`);
}

function failed<T>(error: ParseError): ParseResult<T> {
  return { ok: false, error };
}

/** Adds an own, enumerable property (also for keys such as `__proto__`). */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * The plan's integers: no fractional part, at most 2^53 - 1 in magnitude (RFC
 * 7493), the integers every JSON reader holds exactly.
 */
const SAFE_INTEGER = `an integer from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`;

// The contract's patterns: whole-string matches, ASCII digits, and "whitespace"
// meaning the six ASCII characters (JavaScript's `\s` also matches U+00A0,
// U+FEFF, U+2028 and more, so it is spelled out).
const FORMATS: ReadonlyMap<string, RegExp> = new Map([
  [
    "uuid",
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  ],
  [
    "date-time",
    /^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$/,
  ],
  ["date", /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/],
  ["email", /^[^@ \t\n\r\f\v]+@[^@ \t\n\r\f\v]+$/],
  ["uri", /^[A-Za-z][A-Za-z0-9+.-]*:[^ \t\n\r\f\v]*$/],
]);

/** What a type accepts, for messages. */
function describe(type: TypeSpec): string {
  if (typeof type === "string") {
    switch (type) {
      case "string":
        return "a string";
      case "number":
        return "a number";
      case "integer":
        return "an integer";
      case "boolean":
        return "a boolean";
      case "object":
        return "an object";
      case "any":
        return "any value but null";
      default:
        return `a ${type} string`;
    }
  }
  if ("enum" in type) {
    return `one of ${type.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  if ("array" in type) {
    return `an array of ${describe(type.array)}`;
  }
  if ("map" in type) {
    return `an object whose values are ${describe(type.map)}`;
  }
  if ("object" in type) {
    return `a ${type.object} object`;
  }
  return type.union.map(describe).join(" or ");
}

/**
 * Refuses the first number in `value` that is not finite: JSON has none, but
 * `JSON.parse` reads `1e400` as `Infinity` (`trackgen validate` refuses such a
 * line as not JSON).
 */
function finite(
  value: unknown,
  pointer: string,
  name: string,
): ParseError | undefined {
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? undefined
      : fault(
          "wrong_type",
          pointer,
          `expected a finite number, got ${String(value)}`,
          name,
        );
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const error = finite(item, `${pointer}/${index}`, name);
      if (error !== undefined) {
        return error;
      }
    }
  } else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const error = finite(item, `${pointer}/${pointerToken(key)}`, name);
      if (error !== undefined) {
        return error;
      }
    }
  }
  return undefined;
}

/** Checks `value` against `type`; the fault, or `undefined` when it fits. */
function check(
  type: TypeSpec,
  value: unknown,
  pointer: string,
  name: string,
): ParseError | undefined {
  const wrongType = (): ParseError =>
    fault(
      "wrong_type",
      pointer,
      `expected ${describe(type)}, got ${show(value)}`,
      name,
    );
  if (typeof type !== "string") {
    if ("enum" in type) {
      if (typeof value !== "string") {
        return wrongType();
      }
      return type.enum.includes(value)
        ? undefined
        : fault(
            "not_in_enum",
            pointer,
            `${show(value)} is not ${describe(type)}`,
            name,
          );
    }
    if ("array" in type) {
      if (!Array.isArray(value)) {
        return wrongType();
      }
      for (const [index, item] of value.entries()) {
        const error = check(type.array, item, `${pointer}/${index}`, name);
        if (error !== undefined) {
          return error;
        }
      }
      return undefined;
    }
    if ("map" in type) {
      if (!isJsonObject(value)) {
        return wrongType();
      }
      for (const [key, item] of Object.entries(value)) {
        const at = `${pointer}/${pointerToken(key)}`;
        const error = check(type.map, item, at, name);
        if (error !== undefined) {
          return error;
        }
      }
      return undefined;
    }
    if ("object" in type) {
      return isJsonObject(value)
        ? checkRows(value, pointer, type.rows())
        : wrongType();
    }
    return type.union.some((t) => check(t, value, pointer, name) === undefined)
      ? undefined
      : wrongType();
  }
  switch (type) {
    case "string":
      return typeof value === "string" ? undefined : wrongType();
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : wrongType();
    case "integer":
      // The plan's integers are those every JSON reader holds exactly (RFC 7493).
      if (typeof value !== "number") {
        return wrongType();
      }
      return Number.isSafeInteger(value)
        ? undefined
        : fault(
            "wrong_type",
            pointer,
            `expected ${SAFE_INTEGER}, got ${show(value)}`,
            name,
          );
    case "boolean":
      return typeof value === "boolean" ? undefined : wrongType();
    case "object":
      return isJsonObject(value) ? finite(value, pointer, name) : wrongType();
    case "any":
      return value !== null && value !== undefined
        ? finite(value, pointer, name)
        : wrongType();
    default: {
      if (typeof value !== "string") {
        return wrongType();
      }
      const pattern = FORMATS.get(type);
      return pattern === undefined || pattern.test(value)
        ? undefined
        : fault(
            "invalid_format",
            pointer,
            `${show(value)} is not a valid ${type}`,
            name,
          );
    }
  }
}

/**
 * Checks an object against a table: its rows in table order (a required one
 * must be present, a present one must not be `null` and must match its type),
 * then every other key except `skip` (unknown, or checked against the `*`
 * row's type). Pointers start at `prefix`. Other keys come in `Object.keys`
 * order: the document order, except that JavaScript lists integer-like keys
 * first.
 */
function checkRows(
  value: { [key: string]: unknown },
  prefix: string,
  rows: readonly FieldSpec[],
  skip: readonly string[] = [],
): ParseError | undefined {
  let other: TypeSpec | undefined;
  const known = new Set(skip);
  for (const [name, presence, type] of rows) {
    if (presence === "other") {
      other = type;
      continue;
    }
    known.add(name);
    const pointer = `${prefix}/${pointerToken(name)}`;
    if (!Object.hasOwn(value, name)) {
      if (presence === "required") {
        return fault(
          "missing_property",
          pointer,
          "required property is missing",
          name,
        );
      }
      continue;
    }
    const item = value[name];
    if (item === null) {
      return fault(
        "wrong_type",
        pointer,
        `expected ${describe(type)}, got null (an optional property may be absent, never null)`,
        name,
      );
    }
    const error = check(type, item, pointer, name);
    if (error !== undefined) {
      return error;
    }
  }
  for (const key of Object.keys(value)) {
    if (known.has(key)) {
      continue;
    }
    const pointer = `${prefix}/${pointerToken(key)}`;
    if (other === undefined) {
      return fault(
        "unknown_property",
        pointer,
        `unknown property ${show(key)}`,
      );
    }
    const error = check(other, value[key], pointer, key);
    if (error !== undefined) {
      return error;
    }
  }
  return undefined;
}

/** A shallow copy of `value`'s own keys except `skip`. */
function copyKeys(
  value: { [key: string]: unknown },
  skip: readonly string[] = [],
): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    if (!skip.includes(key)) {
      // Checked by `checkRows`: every key is a row or matches the `*` row.
      define(out, key, value[key] as JsonValue);
    }
  }
  return out;
}

/**
 * Reads an object checked against a table (an event's properties, an object
 * type); pointers start at `prefix`.
 */
function readFields<T>(
  value: unknown,
  prefix: string,
  rows: readonly FieldSpec[],
): ParseResult<T> {
  if (!isJsonObject(value)) {
    return failed(
      fault("not_an_object", prefix, `expected an object, got ${show(value)}`),
    );
  }
  const error = checkRows(value, prefix, rows);
  if (error !== undefined) {
    return failed(error);
  }
  // Every key of the copy was checked against its row's type.
  return { ok: true, value: copyKeys(value) as T };
}

/**
 * Reads an envelope `{"event": ..., "properties": {...}}` plus the plan's
 * envelope fields (`fields`): `event` and `properties` present, the fields in
 * table order, no other key, then the event and its properties.
 */
function readEnvelope<T>(
  value: unknown,
  events: ReadonlyMap<string, readonly FieldSpec[]>,
  fields: readonly FieldSpec[] = [],
): ParseResult<T> {
  if (!isJsonObject(value)) {
    return failed(
      fault("not_an_object", "", `expected an object, got ${show(value)}`),
    );
  }
  for (const key of ["event", "properties"]) {
    if (!Object.hasOwn(value, key)) {
      return failed(
        fault(
          "missing_property",
          `/${key}`,
          "required property is missing",
          key,
        ),
      );
    }
  }
  const outer = checkRows(value, "", fields, ["event", "properties"]);
  if (outer !== undefined) {
    return failed(outer);
  }
  const event = value["event"];
  if (typeof event !== "string") {
    return failed(
      fault("wrong_type", "/event", `expected a string, got ${show(event)}`),
    );
  }
  const rows = events.get(event);
  if (rows === undefined) {
    return failed(
      fault("unknown_event", "/event", `${show(event)} is not a known event`),
    );
  }
  const properties = value["properties"];
  if (!isJsonObject(properties)) {
    return failed(
      fault(
        "wrong_type",
        "/properties",
        `expected an object, got ${show(properties)}`,
      ),
    );
  }
  const parsed = readFields<{ [key: string]: JsonValue }>(
    properties,
    "/properties",
    rows,
  );
  if (!parsed.ok) {
    return parsed;
  }
  const envelope = copyKeys(value, ["event", "properties"]);
  define(envelope, "event", event);
  define(envelope, "properties", parsed.value);
  // The event name picks the table `parsed` was checked against.
  return { ok: true, value: envelope as T };
}

/** The wire object of typed properties: own keys, `undefined` dropped. */
function toWire(properties: object): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== undefined) {
      define(out, key, value);
    }
  }
  return out;
}
