// verify --jobs: setups run N at once and are reported in setup order.
import { describe, expect, it } from 'vitest';
import { runInOrder } from '../src/verify/ordered-pool.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runInOrder', () => {
  it('emits in item order although later items finish first, with at most N running', async () => {
    let running = 0;
    let peak = 0;
    const emitted: number[] = [];
    await runInOrder(
      [40, 5, 5, 30, 1],
      2,
      async (ms, i) => {
        running++;
        peak = Math.max(peak, running);
        await sleep(ms);
        running--;
        return i;
      },
      (r) => emitted.push(r),
    );
    expect(emitted).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('jobs 1 runs one at a time', async () => {
    const log: string[] = [];
    await runInOrder(
      ['a', 'b'],
      1,
      async (x) => {
        log.push(`start ${x}`);
        await sleep(5);
        log.push(`end ${x}`);
        return x;
      },
      () => {},
    );
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('a failure starts nothing more, waits for the running task, then throws the first error', async () => {
    const started: number[] = [];
    let slowFinished = false;
    const emitted: number[] = [];
    await expect(
      runInOrder(
        [0, 1, 2, 3],
        2,
        async (i) => {
          started.push(i);
          if (i === 0) {
            await sleep(30);
            slowFinished = true;
            return i;
          }
          throw new Error(`boom ${i}`);
        },
        (r) => emitted.push(r),
      ),
    ).rejects.toThrow('boom 1');
    expect(started).toEqual([0, 1]);
    expect(slowFinished).toBe(true);
    expect(emitted).toEqual([]);
  });
});
