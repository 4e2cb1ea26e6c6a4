// One suite for every LedgerStore: the SQLite ledger (contract.test.ts) and PostgreSQL
// (test/team/postgres-ledger.test.ts) run these same tests, so both are shown to answer
// the router's questions alike. Amounts are binary fractions, so sums are exact on both.
import assert from 'node:assert/strict';
import { KINDS } from '../../../../shared/protocol';
import type { LedgerStore } from '../../../../server/src/ledger/store';
import type { RequestRecord } from '../../../../server/src/ledger/types';
import { aRecord } from '../helpers';

export interface OpenedStore {
  store: LedgerStore;
  cleanup(): Promise<void>;
}

const NOW = new Date(2025, 2, 10, 12, 0);
const at = (day: number, hour = 12, month = 2) => new Date(2025, month, day, hour, 0).getTime();

export function describeLedgerContract(engine: string, open: () => Promise<OpenedStore>): void {
  describe(`LedgerStore contract (${engine})`, function () {
    this.timeout(30_000);
    let opened: OpenedStore;
    let store: LedgerStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    const record = async (...records: Partial<RequestRecord>[]) => {
      for (const r of records) await store.record(aRecord(r));
    };

    it('resolves record() with an id once written and tells each listener the workspace', async () => {
      const seen: string[] = [];
      store.onRecorded((ws) => seen.push(ws));
      const id = await store.record(aRecord({ workspaceId: 'ws-a' }));
      assert.equal(typeof id, 'number');
      assert.deepEqual(seen, ['ws-a']);
      assert.equal((await store.usage('ws-a', NOW)).total.requests, 1);
    });

    it('sums today, the month, the total, and each model, kind and client, counting only billed requests as spend', async () => {
      await record(
        { at: at(10), costUsd: 0.25, inputTokens: 100, outputTokens: 10, client: 'aider' },
        { at: at(10), costUsd: 0.5, model: 'anthropic/claude', kind: 'explain', inputTokens: 200, outputTokens: 20 },
        { at: at(3), costUsd: 0.125, inputTokens: 10, outputTokens: 1 },
        { at: at(25, 12, 1), costUsd: 1, inputTokens: 1, outputTokens: 1 },
        { at: at(10), outcome: 'failed', costUsd: 0, inputTokens: 0, outputTokens: 0 },
        { at: at(10), outcome: 'blocked', model: '', costUsd: 0, inputTokens: 0, outputTokens: 0, attempts: [] },
        { at: at(10), costUsd: null, model: 'local/free', inputTokens: 7, outputTokens: 3 },
      );
      const usage = await store.usage('ws-1', NOW);
      assert.deepEqual(usage.today, { costUsd: 0.75, requests: 5, inputTokens: 307, outputTokens: 33, unpricedRequests: 1, estimatedRequests: 0 });
      assert.deepEqual(usage.month, { costUsd: 0.875, requests: 6, inputTokens: 317, outputTokens: 34, unpricedRequests: 1, estimatedRequests: 0 });
      assert.equal(usage.total.costUsd, 1.875);
      assert.equal(usage.total.requests, 7);
      assert.equal(usage.byModel['anthropic/claude'].costUsd, 0.5);
      assert.equal(usage.byKind.explain.requests, 1);
      assert.equal(usage.byClient.aider.costUsd, 0.25);
      assert.equal(usage.byClient.editor.requests, 6);
      assert.equal(usage.last?.model, 'local/free');
      assert.deepEqual(await store.spend('ws-1', NOW), { todayUsd: 0.75, monthUsd: 0.875 });
      assert.deepEqual(await store.spend('ws-other', NOW), { todayUsd: 0, monthUsd: 0 });
    });

    it('names a request the budget refused, the last one, as blocked with no model', async () => {
      await record(
        { at: at(10, 11), costUsd: 0.25 },
        { at: at(10, 12), outcome: 'blocked', model: '', costUsd: 0, inputTokens: 0, outputTokens: 0, attempts: [] },
      );
      const last = (await store.usage('ws-1', NOW)).last;
      assert.equal(last?.model, '');
      assert.equal(last?.outcome, 'blocked');
    });

    it('bills a failed attempt that streamed text to its own model, counted once as estimated', async () => {
      await record({
        at: at(10),
        costUsd: 0.25,
        model: 'p/b',
        attempts: [
          { model: 'p/a', ok: false, error: 'stream broke', latencyMs: 100, billed: { inputTokens: 40, outputTokens: 8, costUsd: 0.125 } },
          { model: 'p/b', ok: true, latencyMs: 300 },
        ],
      });
      const usage = await store.usage('ws-1', NOW);
      assert.equal(usage.today.costUsd, 0.375);
      assert.equal(usage.byModel['p/a'].costUsd, 0.125);
      assert.equal(usage.byModel['p/a'].requests, 0);
      assert.equal(usage.today.estimatedRequests, 1);
      const [entry] = await store.history('ws-1', 10);
      assert.equal(entry.costUsd, 0.375);
      assert.deepEqual(entry.attempts[0].billed, { inputTokens: 40, outputTokens: 8, costUsd: 0.125 });
    });

    it('reads summed costs back as a person writes them, without the noise of floating-point sums', async () => {
      // 0.000012 + 0.0000211 + 0.000022 is 0.000055100000000000004 in floating point, in SQL as in JavaScript.
      const costs = [0.000012, 0.0000211, 0.000022];
      await record(...costs.map((costUsd, i) => ({ at: at(10, 9 + i), costUsd, client: 'aider' })));
      const usage = await store.usage('ws-1', NOW);
      for (const totals of [usage.today, usage.month, usage.total, usage.byModel['openai/gpt-4o-mini'], usage.byKind.ask, usage.byClient.aider]) {
        assert.equal(String(totals.costUsd), '0.0000551');
      }
      assert.equal(String((await store.daily('ws-1', 1, NOW))[0].costUsd), '0.0000551');
    });

    it('lists every day of the window with zeros, oldest first', async () => {
      await record({ at: at(10), costUsd: 0.25 }, { at: at(8), costUsd: 0.5 }, { at: at(8, 9), costUsd: 0.25 });
      assert.deepEqual(await store.daily('ws-1', 4, NOW), [
        { day: '2025-03-07', costUsd: 0, requests: 0 },
        { day: '2025-03-08', costUsd: 0.75, requests: 2 },
        { day: '2025-03-09', costUsd: 0, requests: 0 },
        { day: '2025-03-10', costUsd: 0.25, requests: 1 },
      ]);
    });

    it('returns history newest first with attempts in the order tried, flags and the limit', async () => {
      await record(
        { at: at(10, 9), model: 'p/a', costUsd: null, attempts: [{ model: 'p/a', ok: true, latencyMs: 5 }] },
        { at: at(10, 10), model: 'p/b', tokensEstimated: true, refused: true, client: 'cline', attempts: [{ model: 'p/x', ok: false, error: 'HTTP 500' }, { model: 'p/b', ok: true, latencyMs: 7 }] },
        { at: at(10, 11), model: 'p/c', cached: true, reasons: ['answered from cache'], attempts: [] },
      );
      const history = await store.history('ws-1', 2);
      assert.deepEqual(history.map((h) => h.model), ['p/c', 'p/b']);
      assert.equal(history[0].cached, true);
      assert.deepEqual(history[0].reasons, ['answered from cache']);
      assert.deepEqual(history[1].attempts, [{ model: 'p/x', ok: false, error: 'HTTP 500' }, { model: 'p/b', ok: true, latencyMs: 7 }]);
      assert.equal(history[1].tokensEstimated, true);
      assert.equal(history[1].refused, true);
      assert.equal(history[0].refused, undefined);
      assert.equal(history[1].client, 'cline');
      const all = await store.history('ws-1', 10);
      assert.equal(all[2].priceUnknown, true);
      assert.equal(all[2].at, new Date(at(10, 9)).toISOString());
    });

    it('counts attempts, failures and the median latency per model within the window, byte-ordered by model', async () => {
      await record(
        { at: at(10, 11), attempts: [{ model: 'p/b', ok: true, latencyMs: 30 }, { model: 'P/a', ok: false, error: 'x' }] },
        { at: at(10, 11), attempts: [{ model: 'p/b', ok: true, latencyMs: 10 }] },
        { at: at(10, 11), attempts: [{ model: 'p/b', ok: false, error: 'y', latencyMs: 20 }, { model: 'p/b', ok: true, latencyMs: 40 }] },
        { at: at(5), attempts: [{ model: 'p/old', ok: true, latencyMs: 1 }] },
      );
      assert.deepEqual(await store.modelStats(NOW.getTime(), 24 * 3_600_000), [
        { model: 'P/a', attempts: 1, failures: 1, p50LatencyMs: null },
        { model: 'p/b', attempts: 4, failures: 1, p50LatencyMs: 25 },
      ]);
    });

    it('reports billed tokens per model from answered, non-cached requests', async () => {
      await record(
        { model: 'p/b', inputTokens: 10, outputTokens: 1 },
        { model: 'p/a', inputTokens: 20, outputTokens: 2 },
        { model: 'p/a', inputTokens: 5, outputTokens: 5, cached: true },
        { model: 'p/a', outcome: 'failed', inputTokens: 0, outputTokens: 0 },
      );
      assert.deepEqual(await store.billedTokensByModel('ws-1'), [
        { model: 'p/a', inputTokens: 20, outputTokens: 2 },
        { model: 'p/b', inputTokens: 10, outputTokens: 1 },
      ]);
    });

    it('takes the typical output from answered, reported, non-cached, not refused requests of the kind', async () => {
      assert.equal(await store.typicalOutput('ws-1', 'explain'), undefined);
      await record(
        { kind: 'explain', at: at(10, 1), outputTokens: 100 },
        { kind: 'explain', at: at(10, 2), outputTokens: 300 },
        { kind: 'explain', at: at(10, 3), outputTokens: 200 },
        { kind: 'explain', at: at(10, 4), outputTokens: 900, cached: true },
        { kind: 'explain', at: at(10, 5), outputTokens: 900, tokensEstimated: true },
        { kind: 'explain', at: at(10, 6), outputTokens: 900, refused: true },
        { kind: 'ask', at: at(10, 6), outputTokens: 5 },
      );
      assert.deepEqual(await store.typicalOutput('ws-1', 'explain'), { tokens: 200, samples: 3 });
    });

    it('gives the typical output of every kind at once, as asked kind by kind', async () => {
      await record({ kind: 'explain', at: at(10, 1), outputTokens: 100 }, { kind: 'ask', at: at(10, 2), outputTokens: 7 }, { kind: 'ask', at: at(10, 3), outputTokens: 9 });
      const all = await store.typicalOutputs('ws-1');
      assert.deepEqual([...all.keys()], [...KINDS]);
      for (const kind of KINDS) assert.deepEqual(all.get(kind), await store.typicalOutput('ws-1', kind), kind);
      assert.deepEqual(all.get('ask'), { tokens: 8, samples: 2 });
      assert.equal(all.get('refactor'), undefined);
    });

    it('gives the learner answered counts and feedback signals per kind and model since a time', async () => {
      await record({ kind: 'refactor', model: 'p/a', at: at(9) }, { kind: 'refactor', model: 'p/a', at: at(9) }, { kind: 'refactor', model: 'p/a', at: at(1) });
      assert.equal(await store.recordFeedback({ workspaceId: 'ws-1', kind: 'refactor', model: 'p/a', signal: 'rejected', at: at(9) }), true);
      await store.recordFeedback({ workspaceId: 'ws-1', kind: 'refactor', model: 'p/a', signal: 'accepted', at: at(9) });
      await store.recordFeedback({ workspaceId: 'ws-1', kind: 'refactor', model: 'p/a', signal: 'rejected', at: at(1) });
      await store.recordFeedback({ workspaceId: 'ws-1', kind: 'explain', model: 'p/z', signal: 'retried', at: at(9) });
      const evidence = await store.feedbackEvidence('ws-1', at(8));
      const sorted = [...evidence].sort((a, b) => a.model.localeCompare(b.model));
      assert.deepEqual(sorted, [
        { kind: 'refactor', model: 'p/a', answered: 2, signals: { accepted: 1, rejected: 1, retried: 0, undone: 0 } },
        { kind: 'explain', model: 'p/z', answered: 0, signals: { accepted: 0, rejected: 0, retried: 1, undone: 0 } },
      ]);
    });

    it('keeps cached answers until they expire, replaces them, and clears them', async () => {
      const answer = { text: 'hi', model: 'p/a', inputTokens: 3, outputTokens: 1 };
      await store.cachePut('k', answer, 1_000, 5_000);
      assert.deepEqual(await store.cacheGet('k', 5_999), answer);
      assert.equal(await store.cacheGet('k', 6_000), undefined);
      await store.cachePut('k', { ...answer, text: 'hello' }, 1_000, 7_000);
      assert.equal((await store.cacheGet('k', 7_500))?.text, 'hello');
      await store.cachePut('zero', answer, 0, 7_000);
      assert.equal(await store.cacheGet('zero', 7_000), undefined);
      await store.cacheClear();
      assert.equal(await store.cacheGet('k', 7_500), undefined);
    });

    it('refuses a record with a negative or NaN figure and writes nothing', async () => {
      await assert.rejects(store.record(aRecord({ costUsd: Number.NaN })), RangeError);
      await assert.rejects(store.record(aRecord({ inputTokens: -1 })), RangeError);
      assert.equal((await store.usage('ws-1', NOW)).total.requests, 0);
    });
  });
}
