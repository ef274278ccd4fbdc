// ---------------------------------------------------------------------------
// Lifecycles: the error a refused transition throws and the checks every
// lifecycle class below is made of. The same in every package with lifecycles.
// ---------------------------------------------------------------------------

/**
 * Why a state was refused: not a state of the lifecycle at all, not a state a
 * sequence may start in, or not a transition from the current state.
 */
export type LifecycleErrorKind =
  "unknown_state" | "not_initial" | "not_allowed";

/** A transition of a lifecycle: from one state to another. */
export type Transition<S extends string> = readonly [from: S, to: S];

/** A refused `advance`: which transition, and what was allowed instead. */
export class LifecycleError extends Error {
  override readonly name = "LifecycleError";
  /** Why the state was refused. */
  readonly kind: LifecycleErrorKind;
  /** The lifecycle's id in the spec. */
  readonly lifecycle: string;
  /** The current state; `null` before the first state. */
  readonly from: string | null;
  /** The refused state. */
  readonly to: string;
  /** The states `advance` accepts from `from`. */
  readonly allowed: readonly string[];

  constructor(
    kind: LifecycleErrorKind,
    lifecycle: string,
    from: string | null,
    to: string,
    allowed: readonly string[],
  ) {
    const list =
      allowed.length === 0
        ? "none"
        : allowed.map((s) => JSON.stringify(s)).join(", ");
    const start = from === null ? "start" : JSON.stringify(from);
    const where = from === null ? "the start" : JSON.stringify(from);
    super(
      `${lifecycle}: ${start} -> ${JSON.stringify(to)} is not allowed; from ${where}: ${list}`,
    );
    this.kind = kind;
    this.lifecycle = lifecycle;
    this.from = from;
    this.to = to;
    this.allowed = allowed;
  }
}

/** What a lifecycle class states about itself (its static members). */
interface LifecycleTable<S extends string> {
  readonly STATES: readonly S[];
  readonly INITIAL: readonly S[];
  readonly TERMINAL: readonly S[];
  readonly TRANSITIONS: readonly Transition<S>[];
}

/** The states reachable from `from` (the initial states before the first). */
function nextStates<S extends string>(
  table: LifecycleTable<S>,
  from: S | undefined,
): S[] {
  if (from === undefined) {
    return [...table.INITIAL];
  }
  return table.TRANSITIONS.filter(([a]) => a === from).map(([, b]) => b);
}

/** Whether `state` is one a sequence may end in. */
function terminal<S extends string>(
  table: LifecycleTable<S>,
  state: S | undefined,
): boolean {
  return state !== undefined && table.TERMINAL.includes(state);
}

/** `to` when the lifecycle may go there from `from`; else throws. */
function transition<S extends string>(
  lifecycle: string,
  table: LifecycleTable<S>,
  from: S | undefined,
  to: S,
): S {
  const allowed = nextStates(table, from);
  if (allowed.includes(to)) {
    return to;
  }
  const kind: LifecycleErrorKind = !table.STATES.includes(to)
    ? "unknown_state"
    : from === undefined
      ? "not_initial"
      : "not_allowed";
  throw new LifecycleError(kind, lifecycle, from ?? null, to, allowed);
}
