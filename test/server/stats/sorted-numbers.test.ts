import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SortedNumbers } from '../../../server/src/stats/sorted-numbers';
import { ModelStats } from '../../../server/src/resilience/model-stats';

/** The median as sorting the window gives it. */
function sortedMedian(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('SortedNumbers', () => {
  it('has no median or maximum when empty, and takes the mean of the two middle values for an even count', () => {
    const numbers = new SortedNumbers();
    assert.equal(numbers.median(), undefined);
    assert.equal(numbers.max(), undefined);
    [30, 10, 20, 40].forEach((n) => numbers.add(n));
    assert.equal(numbers.median(), 25);
    assert.equal(numbers.max(), 40);
  });

  it('gives the median and maximum of sorting the window, through any arrivals and departures (duplicates too)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (arrivals, size) => {
        const window: number[] = [];
        const numbers = new SortedNumbers();
        for (const value of arrivals) {
          window.push(value);
          numbers.add(value);
          if (window.length > size) numbers.remove(window.shift()!);
          assert.equal(numbers.median(), sortedMedian(window));
          assert.equal(numbers.max(), Math.max(...window));
          assert.equal(numbers.length, window.length);
        }
      }),
    );
  });

  it('leaves the numbers as they are when asked to remove one it does not hold', () => {
    const numbers = new SortedNumbers([5, 1, 3]);
    numbers.remove(2);
    assert.equal(numbers.length, 3);
    assert.equal(numbers.median(), 3);
  });
});

describe('ModelStats latency window', () => {
  it('reports the median and the slowest of its last 50 successes as sorting them would', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 140 }), (latencies) => {
        const stats = new ModelStats();
        latencies.forEach((ms, i) => {
          stats.recordSuccess(ms);
          const window = latencies.slice(Math.max(0, i - 49), i + 1);
          assert.equal(stats.p50LatencyMs(), sortedMedian(window));
          assert.equal(stats.slowestLatencyMs(), Math.max(...window));
        });
      }),
    );
  });
});
