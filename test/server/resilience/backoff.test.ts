import assert from 'node:assert/strict';
import { backoffDelayMs } from '../../../server/src/resilience/backoff';

describe('backoffDelayMs', () => {
  it('doubles the delay range with each retry', () => {
    assert.deepEqual([0, 1, 2].map((n) => backoffDelayMs(n, () => 0)), [250, 500, 1000]);
    assert.deepEqual([0, 1, 2].map((n) => backoffDelayMs(n, () => 0.999999)), [500, 1000, 2000]);
  });

  it('never waits longer than 8 s however many retries came before', () => {
    assert.equal(backoffDelayMs(30, () => 0.999999), 8000);
  });

  it('spreads delays with jitter so concurrent retries do not align', () => {
    const delays = new Set([0.1, 0.4, 0.7].map((r) => backoffDelayMs(1, () => r)));
    assert.equal(delays.size, 3);
  });
});
