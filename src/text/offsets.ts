/**
 * Appends `items` to `to` one by one. `to.push(...items)` passes every item as an argument, and a
 * per-character offset map of one long line (a 138,000-character YAML scalar, found by the fuzz
 * campaign) is more arguments than the stack holds.
 */
export function pushAll<T>(to: T[], items: readonly T[], from = 0, end = items.length): void {
  for (let i = from; i < end; i++) to.push(items[i]!);
}
