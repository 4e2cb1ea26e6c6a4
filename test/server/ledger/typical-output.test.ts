import assert from 'node:assert/strict';
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

  it('counts only answers the provider reported: not failures, cached answers or estimates', () => {
    fresh.ledger.record(answer(100, 0));
    fresh.ledger.record(answer(9_000, 1, { outcome: 'failed' }));
    fresh.ledger.record(answer(9_000, 2, { cached: true }));
    fresh.ledger.record(answer(9_000, 3, { outcome: 'cancelled', tokensEstimated: true }));
    fresh.ledger.record(answer(9_000, 4, { tokensEstimated: true }));
    assert.deepEqual(fresh.ledger.typicalOutput('ws-1', 'explain'), { tokens: 100, samples: 1 });
  });

  it('keeps kinds and workspaces apart, and follows only the latest 50 answers', () => {
    fresh.ledger.record(aRecord({ kind: 'ask', outputTokens: 7, at }));
    fresh.ledger.record(aRecord({ workspaceId: 'ws-2', kind: 'explain', outputTokens: 7, at }));
    for (let i = 0; i < 60; i++) fresh.ledger.record(answer(i < 10 ? 1_000 : 40, i));
    assert.deepEqual(fresh.ledger.typicalOutput('ws-1', 'explain'), { tokens: 40, samples: 50 });
    assert.equal(fresh.ledger.typicalOutput('ws-1', 'summarize'), undefined);
  });
});
