import assert from 'node:assert/strict';
import { ModelStats } from '../../../server/src/resilience/model-stats';

describe('ModelStats', () => {
  it('has no median latency and a zero error rate before any call', () => {
    const stats = new ModelStats();
    assert.equal(stats.p50LatencyMs(), null);
    assert.equal(stats.errorRate(), 0);
  });

  it('takes the median of successful latencies only, for odd and even counts', () => {
    const stats = new ModelStats();
    [300, 100, 200].forEach((ms) => stats.recordSuccess(ms));
    stats.recordFailure();
    assert.equal(stats.p50LatencyMs(), 200);
    stats.recordSuccess(1000);
    assert.equal(stats.p50LatencyMs(), 250);
    assert.equal(stats.attempts, 5);
    assert.equal(stats.errorRate(), 1 / 5);
  });

  it('forgets old latencies so the median follows the recent ones', () => {
    const stats = new ModelStats();
    for (let i = 0; i < 50; i++) stats.recordSuccess(5000);
    for (let i = 0; i < 50; i++) stats.recordSuccess(100);
    assert.equal(stats.p50LatencyMs(), 100);
  });

  it('follows each new success even when the median was read just before, from none at all on', () => {
    const stats = new ModelStats();
    assert.equal(stats.p50LatencyMs(), null);
    stats.recordSuccess(40);
    assert.equal(stats.p50LatencyMs(), 40);
    stats.recordSuccess(60);
    assert.equal(stats.p50LatencyMs(), 50);
  });
});
