// Caps V8's young generation (new space) at a size of our choosing, from inside the process.
// Under load V8 doubles the new space after busy scavenges up to its maximum, 2 x 16 MB
// semi-spaces on a 64-bit host, all of it resident: a third of the gateway's ~145 MB peak
// under 64 clients. --max-semi-space-size would cap it, but only on the node command line
// (it sizes the heap when V8 starts), which `node dist/server.js --http` and the editor's
// spawn of the server do not pass. What can change at run time is the growth factor V8 reads
// each time it grows the new space: after every collection it is set so that the next growth
// lands on the cap at most (1: no growth once there). V8 also shrinks an idle process's new
// space, which must be able to grow again under load, so the factor follows the size.
// Measured side by side with the uncapped build (bench/ab-gateway.ts, 64 clients): peak RSS
// -15 to -20 MB; CPU per request the same for JSON calls, ~1.09x for streamed ones (each
// scavenge costs about the same whatever the size, and there are twice as many). 2 x 12 MB:
// -12 MB at no measurable CPU cost; 2 x 4 MB (--max-semi-space-size=4) cost a third more.
// Until the server is ready the new space hardly grows (growth factor 1): start-up (modules, settings,
// the ledger) grew it to 2 x 4 MB, all of it resident in an editor's idle server; now ~2 x 1 MB.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Both semi-spaces together, in bytes: 2 x 8 MB. */
export const YOUNG_GENERATION_CAP_BYTES = 16 * 1024 * 1024;
/** V8's own --semi-space-growth-factor. */
const V8_GROWTH_FACTOR = 2;

let observer: PerformanceObserver | undefined;
let factorSet = V8_GROWTH_FACTOR;

/** Size of V8's new space now (both semi-spaces), in bytes. */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

function setGrowthFactor(factor: number): void {
  if (factor === factorSet) return;
  factorSet = factor;
  setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}

/** Keeps the new space at its initial size while the server starts (until capYoungGeneration). */
export function holdYoungGeneration(): void {
  if (!observer) setGrowthFactor(1);
}

/** From now on the new space grows up to `capBytes` and no further. Once per process. */
export function capYoungGeneration(capBytes = YOUNG_GENERATION_CAP_BYTES): void {
  if (observer) return;
  // V8 multiplies the size by the factor (an integer), so the next growth stays within the cap.
  const check = () => setGrowthFactor(Math.max(1, Math.floor(capBytes / Math.max(1, youngGenerationBytes()))));
  check();
  // Growth happens only in a collection; the entries arrive right after it, before the
  // several further scavenges V8 waits for before it grows again.
  observer = new PerformanceObserver(check);
  observer.observe({ entryTypes: ['gc'] });
}

/** The growth factor last given to V8 (1: the new space does not grow). */
export function youngGenerationGrowthFactor(): number {
  return factorSet;
}
