// At most N tasks at once, results handed on in the items' order (a later setup that finishes first
// waits for the earlier ones), and a failure stops new tasks while the running ones finish.

/**
 * Runs `work` over `items` with at most `jobs` running, calling `emit` in item order. When a task
 * throws, no further task starts; the running ones are awaited (they clean up after themselves),
 * then the first error is thrown.
 */
export async function runInOrder<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => void,
): Promise<void> {
  const results = new Map<number, R>();
  let next = 0;
  let emitted = 0;
  let failure: { error: unknown } | null = null;
  const flush = () => {
    while (results.has(emitted)) {
      emit(results.get(emitted)!, emitted);
      results.delete(emitted);
      emitted++;
    }
  };
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        results.set(i, await work(items[i]!, i));
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (failure === null) flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
