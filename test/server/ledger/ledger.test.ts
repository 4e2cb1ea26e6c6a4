import assert from 'node:assert/strict';
import { aRecord, assertUsdEqual, freshLedgerEachTest } from './helpers';

describe('Ledger', () => {
  const fresh = freshLedgerEachTest();
  const now = new Date(2025, 2, 10, 18, 0);

  it('sums cost and tokens of recorded requests into today, month, total, byModel and byKind', () => {
    fresh.ledger.record(aRecord({ costUsd: 0.1, inputTokens: 1000, outputTokens: 200 }));
    fresh.ledger.record(aRecord({ costUsd: 0.2, inputTokens: 3000, outputTokens: 400, kind: 'refactor' }));
    fresh.ledger.record(aRecord({ costUsd: 0.05, model: 'anthropic/claude-haiku', at: new Date(2025, 2, 2, 9).getTime() }));
    fresh.ledger.record(aRecord({ costUsd: 1, at: new Date(2025, 1, 27, 9).getTime() }));

    const usage = fresh.ledger.usage('ws-1', now);
    assertUsdEqual(usage.today.costUsd, 0.3, 'today');
    assert.equal(usage.today.requests, 2);
    assert.equal(usage.today.inputTokens, 4000);
    assert.equal(usage.today.outputTokens, 600);
    assertUsdEqual(usage.month.costUsd, 0.35, 'month');
    assert.equal(usage.month.requests, 3);
    assertUsdEqual(usage.total.costUsd, 1.35, 'total');
    assert.equal(usage.total.requests, 4);
    assertUsdEqual(usage.byModel['openai/gpt-4o-mini'].costUsd, 1.3, 'byModel');
    assert.equal(usage.byModel['anthropic/claude-haiku'].requests, 1);
    assertUsdEqual(usage.byKind.refactor.costUsd, 0.2, 'byKind');
    assert.equal(usage.byKind.ask.requests, 3);
  });

  it('counts failed, blocked and cancelled-before-any-text requests as requests but not as spend or tokens', () => {
    fresh.ledger.record(aRecord({ costUsd: 0.1 }));
    fresh.ledger.record(aRecord({ outcome: 'failed', costUsd: 0.5, inputTokens: 999 }));
    fresh.ledger.record(aRecord({ outcome: 'blocked', costUsd: 0.5 }));
    fresh.ledger.record(aRecord({ outcome: 'cancelled', costUsd: 0, inputTokens: 0, outputTokens: 0 }));

    const usage = fresh.ledger.usage('ws-1', now);
    assert.equal(usage.today.requests, 4);
    assertUsdEqual(usage.today.costUsd, 0.1);
    assert.equal(usage.today.inputTokens, 100);
    assertUsdEqual(fresh.ledger.spend('ws-1', now).todayUsd, 0.1);
  });

  it('adds a stream cancelled half-way to spend with its estimated tokens, and counts it as estimated', () => {
    fresh.ledger.record(aRecord({ costUsd: 0.1 }));
    fresh.ledger.record(aRecord({ outcome: 'cancelled', costUsd: 0.03, inputTokens: 200, outputTokens: 40, tokensEstimated: true }));

    const usage = fresh.ledger.usage('ws-1', now);
    assert.equal(usage.today.requests, 2);
    assertUsdEqual(usage.today.costUsd, 0.13);
    assert.equal(usage.today.outputTokens, 90);
    assert.equal(usage.today.estimatedRequests, 1);
    assert.equal(usage.byModel['openai/gpt-4o-mini'].estimatedRequests, 1);
    assertUsdEqual(fresh.ledger.spend('ws-1', now).todayUsd, 0.13);
  });

  it('counts an answer with estimated tokens as estimated, and one with reported tokens as not', () => {
    fresh.ledger.record(aRecord({ tokensEstimated: true }));
    fresh.ledger.record(aRecord());

    assert.equal(fresh.ledger.usage('ws-1', now).today.estimatedRequests, 1);
  });

  it('bills a failed attempt that streamed text to its own model, in the request row and in spend, counted once as estimated', () => {
    const brokenOff = { model: 'anthropic/claude-haiku', ok: false, error: 'connection reset', billed: { inputTokens: 300, outputTokens: 20, costUsd: 0.004 } };
    fresh.ledger.record(aRecord({ costUsd: 0.01, tokensEstimated: true, attempts: [brokenOff, { model: 'openai/gpt-4o-mini', ok: true }] }));

    const usage = fresh.ledger.usage('ws-1', now);
    assert.equal(usage.today.requests, 1);
    assertUsdEqual(usage.today.costUsd, 0.014);
    assert.equal(usage.today.estimatedRequests, 1);
    assert.equal(usage.byModel['anthropic/claude-haiku'].requests, 0, 'the broken-off model answered no request');
    assertUsdEqual(usage.byModel['anthropic/claude-haiku'].costUsd, 0.004);
    assert.equal(usage.byModel['anthropic/claude-haiku'].outputTokens, 20);
    assertUsdEqual(usage.byModel['openai/gpt-4o-mini'].costUsd, 0.01);
    assertUsdEqual(fresh.ledger.spend('ws-1', now).todayUsd, 0.014);
    const [entry] = fresh.ledger.history('ws-1', 1);
    assertUsdEqual(entry.costUsd, 0.014, 'the request row holds all it cost');
    assert.deepEqual(entry.attempts[0].billed, brokenOff.billed);
    assert.equal(entry.attempts[1].billed, undefined);
  });

  it('adds what a failed request streamed to spend, and a broken-off attempt with no known price to the unpriced count', () => {
    fresh.ledger.record(aRecord({
      outcome: 'failed',
      costUsd: 0,
      tokensEstimated: true,
      attempts: [
        { model: 'openai/gpt-4o-mini', ok: false, error: 'cut', billed: { inputTokens: 100, outputTokens: 10, costUsd: 0.002 } },
        { model: 'local/free', ok: false, error: 'cut', billed: { inputTokens: 100, outputTokens: 10 } },
      ],
    }));

    const usage = fresh.ledger.usage('ws-1', now);
    assert.equal(usage.today.requests, 1);
    assertUsdEqual(usage.today.costUsd, 0.002);
    assert.equal(usage.today.estimatedRequests, 1);
    assert.equal(usage.today.unpricedRequests, 1);
    assert.equal(usage.today.outputTokens, 20);
  });

  it('adds a failed attempt billed by its provider’s reported counts to spend, without counting the request as estimated', () => {
    const empty = { model: 'anthropic/claude-haiku', ok: false, error: 'empty answer', billed: { inputTokens: 300, outputTokens: 256, costUsd: 0.002, reported: true as const } };
    fresh.ledger.record(aRecord({ costUsd: 0.01, attempts: [empty, { model: 'openai/gpt-4o-mini', ok: true }] }));

    const usage = fresh.ledger.usage('ws-1', now);
    assertUsdEqual(usage.today.costUsd, 0.012);
    assert.equal(usage.today.estimatedRequests, 0);
    assert.deepEqual(fresh.ledger.history('ws-1', 1)[0].attempts[0].billed, empty.billed);
  });

  it('refuses a broken-off attempt whose billed figures are not finite', () => {
    const bad = { model: 'm', ok: false, billed: { inputTokens: Number.NaN, outputTokens: 1 } };
    assert.throws(() => fresh.ledger.record(aRecord({ attempts: [bad] })), /attempts\[0\]\.billed\.inputTokens/);
    assert.equal(fresh.ledger.usage('ws-1', now).total.requests, 0);
  });

  it('adds nothing to spend for an unknown price and counts the request as unpriced', () => {
    fresh.ledger.record(aRecord({ costUsd: null, inputTokens: 700 }));
    fresh.ledger.record(aRecord({ costUsd: 0.02 }));

    const usage = fresh.ledger.usage('ws-1', now);
    assertUsdEqual(usage.today.costUsd, 0.02);
    assert.equal(usage.today.inputTokens, 800);
    assert.equal(usage.today.unpricedRequests, 1);
  });

  it('keeps each workspace’s requests out of another workspace’s totals', () => {
    fresh.ledger.record(aRecord({ workspaceId: 'alpha', costUsd: 0.4 }));
    fresh.ledger.record(aRecord({ workspaceId: 'beta', costUsd: 0.7 }));

    assertUsdEqual(fresh.ledger.usage('alpha', now).total.costUsd, 0.4);
    assertUsdEqual(fresh.ledger.spend('beta', now).monthUsd, 0.7);
    assert.equal(fresh.ledger.history('alpha', 10).length, 1);
    assert.equal(fresh.ledger.usage('gamma', now).total.requests, 0);
  });

  it('reports spend of today and of the current month only', () => {
    fresh.ledger.record(aRecord({ costUsd: 0.25 }));
    fresh.ledger.record(aRecord({ costUsd: 0.5, at: new Date(2025, 2, 1, 0, 0).getTime() }));
    fresh.ledger.record(aRecord({ costUsd: 2, at: new Date(2025, 1, 28, 23, 59).getTime() }));

    const spend = fresh.ledger.spend('ws-1', now);
    assertUsdEqual(spend.todayUsd, 0.25);
    assertUsdEqual(spend.monthUsd, 0.75);
  });

  it('describes the latest request as last, whatever its outcome, and says how it ended', () => {
    fresh.ledger.record(aRecord({ at: now.getTime() - 60_000, costUsd: 0.3 }));
    fresh.ledger.record(aRecord({ at: now.getTime(), model: 'x/y', kind: 'explain', outcome: 'failed', cached: true, reasons: ['r1'] }));

    assert.deepEqual(fresh.ledger.usage('ws-1', now).last, {
      model: 'x/y',
      kind: 'explain',
      costUsd: 0.01,
      reasons: ['r1'],
      cached: true,
      at: now.toISOString(),
      outcome: 'failed',
    });
  });

  it('refuses a record with a negative or NaN figure and writes nothing', () => {
    assert.throws(() => fresh.ledger.record(aRecord({ costUsd: Number.NaN })), RangeError);
    assert.throws(() => fresh.ledger.record(aRecord({ inputTokens: -1 })), RangeError);
    assert.equal(fresh.ledger.usage('ws-1', now).total.requests, 0);
  });

  it('rolls back the request row when one of its attempt rows cannot be written', () => {
    const badAttempt = { model: undefined as unknown as string, ok: false };
    assert.throws(() => fresh.ledger.record(aRecord({ attempts: [badAttempt] })));
    assert.equal(fresh.ledger.history('ws-1', 10).length, 0);
    assert.equal(fresh.ledger.usage('ws-1', now).total.requests, 0);
  });

  it('reports billed tokens per model from answered, non-cached requests only', () => {
    fresh.ledger.record(aRecord({ inputTokens: 100, outputTokens: 10 }));
    fresh.ledger.record(aRecord({ inputTokens: 200, outputTokens: 20, at: new Date(2025, 0, 5).getTime() }));
    fresh.ledger.record(aRecord({ inputTokens: 5000, outputTokens: 500, cached: true }));
    fresh.ledger.record(aRecord({ inputTokens: 7000, outputTokens: 700, outcome: 'failed' }));
    fresh.ledger.record(aRecord({ model: 'b/m', inputTokens: 1, outputTokens: 2 }));

    assert.deepEqual(fresh.ledger.billedTokensByModel('ws-1'), [
      { model: 'b/m', inputTokens: 1, outputTokens: 2 },
      { model: 'openai/gpt-4o-mini', inputTokens: 300, outputTokens: 30 },
    ]);
  });
});
