import assert from 'node:assert/strict';
import { Ledger } from '../../../server/src/ledger/ledger';
import { aRecord, freshLedgerEachTest } from './helpers';

describe('Ledger typicalOutput', () => {
  const fresh = freshLedgerEachTest();
  const at = new Date(2025, 4, 20, 10, 0).getTime();
  const answer = (outputTokens: number, i: number, extra = {}) => aRecord({ kind: 'explain', outputTokens, at: at + i * 1000, ...extra });

  it('is the median output of the workspace’s answers of that kind, with how many it is over', () => {
    [100, 300, 200].forEach((tokens, i) => fresh.ledger.record(answer(tokens, i)));
    assert.deepEqual(fresh.ledger.typicalOutput('ws-1', 'explain'), { tokens: 200, samples: 3 });
    fresh.ledger.record(answer(500, 3));
    assert.deepEqual(fresh.ledger.typicalOutput('ws-1', 'explain'), { tokens: 250, samples: 4 });
  });

  it('counts only answers the provider reported: not failures, cached answers, estimates or refusals', () => {
    fresh.ledger.record(answer(100, 0));
    fresh.ledger.record(answer(9_000, 1, { outcome: 'failed' }));
    fresh.ledger.record(answer(9_000, 2, { cached: true }));
    fresh.ledger.record(answer(9_000, 3, { outcome: 'cancelled', tokensEstimated: true }));
    fresh.ledger.record(answer(9_000, 4, { tokensEstimated: true }));
    fresh.ledger.record(answer(9_000, 5, { refused: true }));
    assert.deepEqual(fresh.ledger.typicalOutput('ws-1', 'explain'), { tokens: 100, samples: 1 });
  });

  it('keeps kinds and workspaces apart, and follows only the latest 50 answers', () => {
    fresh.ledger.record(aRecord({ kind: 'ask', outputTokens: 7, at }));
    fresh.ledger.record(aRecord({ workspaceId: 'ws-2', kind: 'explain', outputTokens: 7, at }));
    for (let i = 0; i < 60; i++) fresh.ledger.record(answer(i < 10 ? 1_000 : 40, i));
    assert.deepEqual(fresh.ledger.typicalOutput('ws-1', 'explain'), { tokens: 40, samples: 50 });
    assert.equal(fresh.ledger.typicalOutput('ws-1', 'summarize'), undefined);
  });

  it('held between commits, equals a fresh read of the ledger however answers finish out of order', () => {
    // A fixed pseudo-random run: 300 requests in batches, starting in one order and finishing in another.
    let seed = 7;
    const next = (n: number) => Math.floor((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 65_536) % n;
    const outcomes = ['ok', 'ok', 'ok', 'failed'] as const;
    for (let batch = 0; batch < 60; batch++) {
      // Read before each commit, so the windows are held when the batch lands (as under load).
      for (const kind of ['explain', 'ask'] as const) fresh.ledger.typicalOutput('ws-1', kind);
      const records = Array.from({ length: 1 + next(9) }, () => aRecord({
        kind: next(4) === 0 ? 'ask' : 'explain',
        outputTokens: next(2_000),
        // Few distinct start times: ties are ordered by row id, as the query orders them.
        at: at + next(40) * 1000,
        outcome: outcomes[next(4)],
        cached: next(5) === 0,
        tokensEstimated: next(5) === 0,
      }));
      // A group of one commits through record(), as a lone request at low load does.
      if (records.length === 1) fresh.ledger.record(records[0]);
      else fresh.ledger.recordBatch(records);
    }
    const reader = Ledger.open(fresh.dir);
    try {
      for (const kind of ['explain', 'ask'] as const) {
        assert.deepEqual(fresh.ledger.typicalOutput('ws-1', kind), reader.typicalOutput('ws-1', kind), kind);
      }
      assert.equal(reader.typicalOutput('ws-1', 'explain')?.samples, 50);
    } finally {
      reader.close();
    }
  });
});
