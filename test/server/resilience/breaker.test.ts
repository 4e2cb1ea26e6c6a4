import assert from 'node:assert/strict';
import { BreakerRegistry } from '../../../server/src/resilience/breaker';
import { failure } from './helpers';

describe('BreakerRegistry', () => {
  let time = 0;
  const registry = () => {
    time = 0;
    return new BreakerRegistry({ breakerFailures: 3, breakerHalfOpenAfterMs: 30_000 }, () => time);
  };
  const failTimes = (breakers: BreakerRegistry, n: number) => {
    for (let i = 0; i < n; i++) breakers.recordFailure('p/m', failure('server'));
  };

  it('stays closed below breakerFailures consecutive failures', () => {
    const breakers = registry();
    failTimes(breakers, 2);
    assert.equal(breakers.state('p/m'), 'closed');
    assert.equal(breakers.tryAcquire('p/m'), true);
  });

  it('opens after breakerFailures consecutive retryable failures and refuses calls', () => {
    const breakers = registry();
    failTimes(breakers, 3);
    assert.equal(breakers.state('p/m'), 'open');
    assert.equal(breakers.tryAcquire('p/m'), false);
    assert.equal(breakers.halfOpensAt('p/m'), 30_000);
  });

  it('restarts the count after a success', () => {
    const breakers = registry();
    failTimes(breakers, 2);
    breakers.recordSuccess('p/m', 100);
    failTimes(breakers, 2);
    assert.equal(breakers.state('p/m'), 'closed');
  });

  it('is not opened by bad_request, auth, cancelled or a rate limit on one key', () => {
    const breakers = registry();
    for (let i = 0; i < 5; i++) {
      breakers.recordFailure('p/m', failure('bad_request'));
      breakers.recordFailure('p/m', failure('auth'));
      breakers.recordFailure('p/m', failure('cancelled'));
      breakers.recordFailure('p/m', failure('rate_limited'), { keySpecific: true });
    }
    assert.equal(breakers.state('p/m'), 'closed');
  });

  it('half-opens after the interval and lets exactly one probe through', () => {
    const breakers = registry();
    failTimes(breakers, 3);
    time = 29_999;
    assert.equal(breakers.state('p/m'), 'open');
    time = 30_000;
    assert.equal(breakers.state('p/m'), 'half-open');
    assert.equal(breakers.tryAcquire('p/m'), true);
    assert.equal(breakers.tryAcquire('p/m'), false);
  });

  it('closes when the probe succeeds', () => {
    const breakers = registry();
    failTimes(breakers, 3);
    time = 30_000;
    breakers.tryAcquire('p/m');
    breakers.recordSuccess('p/m', 100);
    assert.equal(breakers.state('p/m'), 'closed');
    assert.equal(breakers.halfOpensAt('p/m'), undefined);
  });

  it('re-opens for a full interval when the probe fails', () => {
    const breakers = registry();
    failTimes(breakers, 3);
    time = 30_000;
    breakers.tryAcquire('p/m');
    failTimes(breakers, 1);
    assert.equal(breakers.state('p/m'), 'open');
    time = 59_999;
    assert.equal(breakers.state('p/m'), 'open');
    time = 60_000;
    assert.equal(breakers.state('p/m'), 'half-open');
  });

  it('frees the probe slot when the probe ends without a verdict (cancelled)', () => {
    const breakers = registry();
    failTimes(breakers, 3);
    time = 30_000;
    breakers.tryAcquire('p/m');
    breakers.recordFailure('p/m', failure('cancelled'));
    assert.equal(breakers.tryAcquire('p/m'), true);
  });

  it('applies a new interval given through updateOptions', () => {
    const breakers = registry();
    failTimes(breakers, 3);
    breakers.updateOptions({ breakerFailures: 3, breakerHalfOpenAfterMs: 1000 });
    time = 1000;
    assert.equal(breakers.state('p/m'), 'half-open');
  });

  it('reports health with attempts, failures, error rate and median latency per ref', () => {
    const breakers = registry();
    breakers.recordSuccess('p/m', 100);
    breakers.recordSuccess('p/m', 300);
    breakers.recordFailure('p/m', failure('bad_request'));
    breakers.recordFailure('p/m', failure('cancelled'));
    assert.deepEqual(breakers.health(['p/m', 'p/unused']), [
      { model: 'p/m', breaker: 'closed', attempts: 3, failures: 1, errorRate: 1 / 3, p50LatencyMs: 200 },
      { model: 'p/unused', breaker: 'closed', attempts: 0, failures: 0, errorRate: 0, p50LatencyMs: null },
    ]);
  });
});
