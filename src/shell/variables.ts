import type { Value } from './evaluate.js';

/**
 * A shell's variables as a driver reads its script, remembering the names set or unset since the last
 * snapshot: a docker step's snapshot (snapshotOf) then costs what changed, not every variable. A Map
 * inside, not a Map subclass: copying a start of 2,000 variables went through an overridden `set` per
 * entry, a quarter of a 2,000-line Makefile's scan.
 */
export class ShellVariables implements ReadonlyMap<string, Value> {
  private readonly map: Map<string, Value>;
  /**
   * The names set or deleted since the last snapshot, each with its value then (undefined: unset), so
   * that a snapshot finds what changed without looking back along the chain (the first copies all).
   */
  readonly changed = new Map<string, Value | undefined>();

  constructor(entries: Iterable<readonly [string, Value]> = []) {
    this.map = new Map(entries);
  }

  /** A new shell with the variables every shell of the driver starts with: its first snapshot is theirs. */
  static startingAt(start: ShellStart): ShellVariables {
    const live = new ShellVariables(start.entries);
    lastSnapshots.set(live, start.snapshot);
    return live;
  }

  get size(): number {
    return this.map.size;
  }

  get(name: string): Value | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  set(name: string, value: Value): this {
    if (!this.changed.has(name)) this.changed.set(name, this.map.get(name));
    this.map.set(name, value);
    return this;
  }

  delete(name: string): boolean {
    if (!this.changed.has(name)) this.changed.set(name, this.map.get(name));
    return this.map.delete(name);
  }

  forEach(f: (value: Value, key: string, map: ReadonlyMap<string, Value>) => void): void {
    for (const [k, v] of this.map) f(v, k, this);
  }

  entries(): MapIterator<[string, Value]> {
    return this.map.entries();
  }

  keys(): MapIterator<string> {
    return this.map.keys();
  }

  values(): MapIterator<Value> {
    return this.map.values();
  }

  [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.map.entries();
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
 * What every shell of a driver starts with (a Makefile's exported variables, each recipe line a new
 * shell), with its snapshot made once: 2,000 recipe lines of a Makefile that exports 2,000 variables
 * each copied and snapshotted them all (4.3 s, 391 MB).
 */
export class ShellStart {
  readonly snapshot: VariablesSnapshot;
  constructor(readonly entries: ReadonlyMap<string, Value>) {
    this.snapshot = VariablesSnapshot.copyOf(entries);
  }
}

/**
 * The variables as a step sees them. Steps with no assignment between them share one snapshot: a copy
 * per docker step was a fifth of the memory a monorepo's parsed drivers held.
 */
export function snapshotOf(live: ShellVariables): ReadonlyMap<string, Value> {
  const last = lastSnapshots.get(live);
  const changed = live.changed;
  let snapshot: VariablesSnapshot;
  if (last !== undefined) {
    // What was set and is back as it was (a loop's variable, gone after the loop) is no change.
    const changes = new Map<string, Value | undefined>();
    for (const [name, before] of changed) if (live.get(name) !== before) changes.set(name, live.get(name));
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
