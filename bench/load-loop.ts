// The load both gateway benches put on a target: `clients` callers on kept-alive
// connections, each calling again as soon as its answer is read, until `count` calls
// were started or `maxMs` passed.
import { performance } from 'node:perf_hooks';

/** Runs the load and resolves with how many calls were answered. */
export async function callInLoop(clients: number, count: number, maxMs: number, call: () => Promise<unknown>): Promise<number> {
  let started = 0;
  let done = 0;
  const deadline = performance.now() + maxMs;
  const loop = async () => {
    while (started < count && performance.now() < deadline) {
      started++;
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return done;
}
