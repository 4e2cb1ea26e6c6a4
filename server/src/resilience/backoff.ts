// Exponential backoff with "equal jitter": half the delay is fixed so a retry never
// fires instantly, half is random so concurrent requests don't retry in lockstep.
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** Delay before retry number `retryNo` (0 for the first retry); `random` returns [0, 1). */
export function backoffDelayMs(retryNo: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retryNo);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
