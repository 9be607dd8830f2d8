import type { Value } from './evaluate.js';

/**
 * A shell's variables as a driver reads its script, remembering the names set or unset since the last
 * snapshot: a docker step's snapshot (snapshotOf) then costs what changed, not every variable.
 */
export class ShellVariables extends Map<string, Value> {
  /** Names set or deleted since the last snapshot; undefined while Map's constructor adds the first entries. */
  changed: Set<string> | undefined = new Set(this.keys());

  override set(name: string, value: Value): this {
    this.changed?.add(name);
    return super.set(name, value);
  }

  override delete(name: string): boolean {
    this.changed?.add(name);
    return super.delete(name);
  }
}

/**
 * The variables at one step: what changed since the snapshot before it, over that one. A script of
 * 5,000 docker steps and as many assignments keeps an entry per change, not a copy of every variable
 * per step (a 20,000-statement script: 712 MB of copies). A lookup walks the chain back: the planner
 * asks for a few names per setup.
 */
class VariablesSnapshot implements ReadonlyMap<string, Value> {
  private constructor(
    private readonly base: VariablesSnapshot | null,
    /** undefined: unset at this step. */
    private readonly own: ReadonlyMap<string, Value | undefined>,
    readonly size: number,
  ) {}

  static copyOf(live: ReadonlyMap<string, Value>): VariablesSnapshot {
    return new VariablesSnapshot(null, new Map(live), live.size);
  }

  /** This snapshot with `changes` on top; `size`: how many variables are set with them. */
  next(changes: ReadonlyMap<string, Value | undefined>, size: number): VariablesSnapshot {
    return new VariablesSnapshot(this, changes, size);
  }

  get(name: string): Value | undefined {
    for (let s: VariablesSnapshot | null = this; s !== null; s = s.base) if (s.own.has(name)) return s.own.get(name);
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Iterating is for tests and reports, not the planner (which asks by name): built each time. */
  private entriesMap(): Map<string, Value> {
    const chain: VariablesSnapshot[] = [];
    for (let s: VariablesSnapshot | null = this; s !== null; s = s.base) chain.push(s);
    const flat = new Map<string, Value>();
    for (const s of chain.reverse()) for (const [k, v] of s.own) v === undefined ? flat.delete(k) : flat.set(k, v);
    return flat;
  }

  forEach(f: (value: Value, key: string, map: ReadonlyMap<string, Value>) => void): void {
    for (const [k, v] of this.entriesMap()) f(v, k, this);
  }

  entries(): MapIterator<[string, Value]> {
    return this.entriesMap().entries();
  }

  keys(): MapIterator<string> {
    return this.entriesMap().keys();
  }

  values(): MapIterator<Value> {
    return this.entriesMap().values();
  }

  [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.entries();
  }
}

const lastSnapshots = new WeakMap<ShellVariables, VariablesSnapshot>();

/**
 * The variables as a step sees them. Steps with no assignment between them share one snapshot: a copy
 * per docker step was a fifth of the memory a monorepo's parsed drivers held.
 */
export function snapshotOf(live: ShellVariables): ReadonlyMap<string, Value> {
  const last = lastSnapshots.get(live);
  const changed = live.changed!;
  let snapshot: VariablesSnapshot;
  if (last !== undefined) {
    // What was set and is back as it was (a loop's variable, gone after the loop) is no change.
    const changes = new Map<string, Value | undefined>();
    for (const name of changed) if (live.get(name) !== last.get(name)) changes.set(name, live.get(name));
    if (changes.size === 0) {
      changed.clear();
      return last;
    }
    snapshot = last.next(changes, live.size);
  } else snapshot = VariablesSnapshot.copyOf(live);
  changed.clear();
  lastSnapshots.set(live, snapshot);
  return snapshot;
}
