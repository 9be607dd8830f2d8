/**
 * Repo paths with values, for the two questions detection asks of thousands of paths at once: which
 * entries are a path or one of its ancestors, and which lie inside it. Sorted keys make the second a
 * range: everything that starts with `p/` sorts between `p/` and `p0` ('0' follows '/').
 */
export class PathIndex<T> {
  private readonly keys: string[];
  private readonly byKey = new Map<string, T[]>();

  constructor(entries: Iterable<[string, T]>) {
    for (const [k, v] of entries) {
      const list = this.byKey.get(k);
      if (list) list.push(v);
      else this.byKey.set(k, [v]);
    }
    this.keys = [...this.byKey.keys()].sort();
  }

  /** Entries at `p` or at a directory above it ('' is the root, above everything). */
  atOrAbove(p: string): T[] {
    const out: T[] = [...(this.byKey.get(p) ?? [])];
    for (let q = p; q !== '';) {
      q = q.includes('/') ? q.slice(0, q.lastIndexOf('/')) : '';
      out.push(...(this.byKey.get(q) ?? []));
    }
    return out;
  }

  /** Entries strictly inside `p`. */
  below(p: string): T[] {
    const lo = p === '' ? 0 : lowerBound(this.keys, `${p}/`);
    const hi = p === '' ? this.keys.length : lowerBound(this.keys, `${p}0`);
    const out: T[] = [];
    for (let i = lo; i < hi; i++) if (this.keys[i] !== '') out.push(...this.byKey.get(this.keys[i]!)!);
    return out;
  }
}

function lowerBound(sorted: string[], x: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
