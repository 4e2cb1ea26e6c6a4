import assert from 'node:assert/strict';
import { aRecord, freshLedgerEachTest } from './helpers';

describe('Ledger history and model stats', () => {
  const fresh = freshLedgerEachTest();
  const base = new Date(2025, 4, 20, 10, 0).getTime();

  it('lists requests newest first, each with its attempts in the order they were tried', () => {
    fresh.ledger.record(aRecord({ at: base, reasons: ['first'] }));
    fresh.ledger.record(
      aRecord({
        at: base + 1000,
        model: 'b/fallback',
        outcome: 'ok',
        costUsd: null,
        attempts: [
          { model: 'a/primary', ok: false, error: 'rate_limited: 429', latencyMs: 80 },
          { model: 'b/fallback', ok: true, latencyMs: 300 },
        ],
      }),
    );

    const history = fresh.ledger.history('ws-1', 10);
    assert.deepEqual(
      history.map((h) => h.model),
      ['b/fallback', 'openai/gpt-4o-mini'],
    );
    assert.deepEqual(history[0].attempts, [
      { model: 'a/primary', ok: false, error: 'rate_limited: 429', latencyMs: 80 },
      { model: 'b/fallback', ok: true, latencyMs: 300 },
    ]);
    assert.equal(history[0].costUsd, 0, 'an unknown price shows as 0 in the protocol type');
    assert.equal(history[0].priceUnknown, true, '... and says the 0 is unknown, not free');
    assert.equal(history[1].priceUnknown, undefined);
    assert.equal(history[1].tokensEstimated, undefined);
    assert.equal(history[1].at, new Date(base).toISOString());
    assert.deepEqual(history[1].reasons, ['first']);
  });

  it('flags a request whose tokens were estimated', () => {
    fresh.ledger.record(aRecord({ at: base, outcome: 'cancelled', tokensEstimated: true }));

    assert.equal(fresh.ledger.history('ws-1', 1)[0].tokensEstimated, true);
  });

  it('returns at most limit entries, the newest ones', () => {
    for (let i = 0; i < 5; i++) fresh.ledger.record(aRecord({ at: base + i, latencyMs: i }));
    assert.deepEqual(
      fresh.ledger.history('ws-1', 2).map((h) => h.latencyMs),
      [4, 3],
    );
  });

  it('orders requests recorded in the same millisecond by insertion, newest first', () => {
    fresh.ledger.record(aRecord({ at: base, reasons: ['older'] }));
    fresh.ledger.record(aRecord({ at: base, reasons: ['newer'] }));
    assert.deepEqual(
      fresh.ledger.history('ws-1', 2).map((h) => h.reasons[0]),
      ['newer', 'older'],
    );
  });

  it('counts attempts and failures per model with the median latency over the window', () => {
    const attempt = (model: string, ok: boolean, latencyMs?: number) => ({ model, ok, latencyMs });
    fresh.ledger.record(aRecord({ at: base, attempts: [attempt('a/m', false, 100), attempt('b/m', true, 400)] }));
    fresh.ledger.record(aRecord({ at: base + 1, attempts: [attempt('a/m', true, 300)] }));
    fresh.ledger.record(aRecord({ at: base + 2, attempts: [attempt('a/m', true, 200), attempt('c/m', false)] }));
    // Older than the window: must not count.
    fresh.ledger.record(aRecord({ at: base - 25 * 3600_000, attempts: [attempt('a/m', false, 9000)] }));

    const stats = fresh.ledger.modelStats(base + 10);
    assert.deepEqual(stats, [
      { model: 'a/m', attempts: 3, failures: 1, p50LatencyMs: 200 },
      { model: 'b/m', attempts: 1, failures: 0, p50LatencyMs: 400 },
      { model: 'c/m', attempts: 1, failures: 1, p50LatencyMs: null },
    ]);
  });

  it('takes the mean of the two middle latencies as the median of an even count', () => {
    const attempts = [100, 200, 300, 1000].map((latencyMs) => ({ model: 'a/m', ok: true, latencyMs }));
    fresh.ledger.record(aRecord({ at: base, attempts }));
    assert.equal(fresh.ledger.modelStats(base)[0].p50LatencyMs, 250);
  });
});
