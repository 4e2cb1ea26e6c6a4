import assert from 'node:assert/strict';
import { Ledger } from '../../../server/src/ledger/ledger';
import { aRecord, makeTempDir, removeDir } from './helpers';

describe('Ledger history and model stats', () => {
  let dir: string;
  let ledger: Ledger;
  const base = new Date(2025, 4, 20, 10, 0).getTime();

  beforeEach(() => {
    dir = makeTempDir();
    ledger = Ledger.open(dir);
  });
  afterEach(() => {
    ledger.close();
    removeDir(dir);
  });

  it('lists requests newest first, each with its attempts in the order they were tried', () => {
    ledger.record(aRecord({ at: base, reasons: ['first'] }));
    ledger.record(
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

    const history = ledger.history('ws-1', 10);
    assert.deepEqual(
      history.map((h) => h.model),
      ['b/fallback', 'openai/gpt-4o-mini'],
    );
    assert.deepEqual(history[0].attempts, [
      { model: 'a/primary', ok: false, error: 'rate_limited: 429', latencyMs: 80 },
      { model: 'b/fallback', ok: true, latencyMs: 300 },
    ]);
    assert.equal(history[0].costUsd, 0, 'an unknown price shows as 0 in the protocol type');
    assert.equal(history[1].at, new Date(base).toISOString());
    assert.deepEqual(history[1].reasons, ['first']);
  });

  it('returns at most limit entries, the newest ones', () => {
    for (let i = 0; i < 5; i++) ledger.record(aRecord({ at: base + i, latencyMs: i }));
    assert.deepEqual(
      ledger.history('ws-1', 2).map((h) => h.latencyMs),
      [4, 3],
    );
  });

  it('orders requests recorded in the same millisecond by insertion, newest first', () => {
    ledger.record(aRecord({ at: base, reasons: ['older'] }));
    ledger.record(aRecord({ at: base, reasons: ['newer'] }));
    assert.deepEqual(
      ledger.history('ws-1', 2).map((h) => h.reasons[0]),
      ['newer', 'older'],
    );
  });

  it('counts attempts and failures per model with the median latency over the window', () => {
    const attempt = (model: string, ok: boolean, latencyMs?: number) => ({ model, ok, latencyMs });
    ledger.record(aRecord({ at: base, attempts: [attempt('a/m', false, 100), attempt('b/m', true, 400)] }));
    ledger.record(aRecord({ at: base + 1, attempts: [attempt('a/m', true, 300)] }));
    ledger.record(aRecord({ at: base + 2, attempts: [attempt('a/m', true, 200), attempt('c/m', false)] }));
    // Older than the window: must not count.
    ledger.record(aRecord({ at: base - 25 * 3600_000, attempts: [attempt('a/m', false, 9000)] }));

    const stats = ledger.modelStats(base + 10);
    assert.deepEqual(stats, [
      { model: 'a/m', attempts: 3, failures: 1, p50LatencyMs: 200 },
      { model: 'b/m', attempts: 1, failures: 0, p50LatencyMs: 400 },
      { model: 'c/m', attempts: 1, failures: 1, p50LatencyMs: null },
    ]);
  });

  it('takes the mean of the two middle latencies as the median of an even count', () => {
    const attempts = [100, 200, 300, 1000].map((latencyMs) => ({ model: 'a/m', ok: true, latencyMs }));
    ledger.record(aRecord({ at: base, attempts }));
    assert.equal(ledger.modelStats(base)[0].p50LatencyMs, 250);
  });
});
