// Spend by client: who sent each request (a gateway caller, another extension, the editor).
import assert from 'node:assert/strict';
import { EDITOR_CLIENT } from '../../../shared/protocol';
import { aRecord, assertUsdEqual, freshLedgerEachTest } from './helpers';

describe('Ledger spend by client', () => {
  const fresh = freshLedgerEachTest();
  const now = new Date(2025, 2, 10, 18, 0);

  it('totals each client’s requests, with the editor’s own (no client) under "editor"', () => {
    fresh.ledger.record(aRecord({ costUsd: 0.1 }));
    fresh.ledger.record(aRecord({ costUsd: 0.2, client: 'OpenAI/JS 5.10.1' }));
    fresh.ledger.record(aRecord({ costUsd: 0.3, client: 'OpenAI/JS 5.10.1', inputTokens: 7, outputTokens: 3 }));
    fresh.ledger.record(aRecord({ costUsd: 0.4, client: 'claude-cli/2.0', at: new Date(2025, 1, 27, 9).getTime() }));

    const { byClient, total } = fresh.ledger.usage('ws-1', now);
    assert.deepEqual(Object.keys(byClient).sort(), ['OpenAI/JS 5.10.1', 'claude-cli/2.0', EDITOR_CLIENT]);
    assertUsdEqual(byClient[EDITOR_CLIENT].costUsd, 0.1);
    assert.equal(byClient[EDITOR_CLIENT].requests, 1);
    assertUsdEqual(byClient['OpenAI/JS 5.10.1'].costUsd, 0.5);
    assert.equal(byClient['OpenAI/JS 5.10.1'].requests, 2);
    assert.equal(byClient['OpenAI/JS 5.10.1'].inputTokens, 107);
    assert.equal(byClient['OpenAI/JS 5.10.1'].outputTokens, 53);
    assertUsdEqual(byClient['claude-cli/2.0'].costUsd, 0.4, 'last month’s request counts in the all-time totals');
    const sum = Object.values(byClient).reduce((s, t) => s + t.costUsd, 0);
    assertUsdEqual(sum, total.costUsd, 'the clients add up to the total');
  });

  it('keeps each workspace’s clients apart', () => {
    fresh.ledger.record(aRecord({ costUsd: 0.1, client: 'aider' }));
    fresh.ledger.record(aRecord({ costUsd: 0.2, client: 'aider', workspaceId: 'ws-2' }));
    assertUsdEqual(fresh.ledger.usage('ws-1', now).byClient.aider.costUsd, 0.1);
    assertUsdEqual(fresh.ledger.usage('ws-2', now).byClient.aider.costUsd, 0.2);
    assert.deepEqual(fresh.ledger.usage('ws-3', now).byClient, {});
  });

  it('counts a failed request as a request, and what its broken-off attempts were billed as its client’s spend', () => {
    fresh.ledger.record(aRecord({
      client: 'opencode',
      outcome: 'failed',
      costUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
      attempts: [{ model: 'p/big', ok: false, error: 'reset', billed: { inputTokens: 40, outputTokens: 9, costUsd: 0.03 } }],
    }));
    const usage = fresh.ledger.usage('ws-1', now);
    assert.equal(usage.byClient.opencode.requests, 1);
    assertUsdEqual(usage.byClient.opencode.costUsd, 0.03);
    assert.equal(usage.byClient.opencode.outputTokens, 9);
    assert.equal(usage.byClient.opencode.estimatedRequests, 1);
    assertUsdEqual(usage.byClient.opencode.costUsd, usage.total.costUsd, 'the same spend as the model totals');
  });

  it('counts a request with no known price once as unpriced', () => {
    fresh.ledger.record(aRecord({ client: 'aider', costUsd: null }));
    const { byClient } = fresh.ledger.usage('ws-1', now);
    assert.equal(byClient.aider.unpricedRequests, 1);
    assert.equal(byClient.aider.costUsd, 0);
  });

  it('names the client of each request in the history, the editor’s own as "editor"', () => {
    fresh.ledger.record(aRecord({ at: 1 }));
    fresh.ledger.record(aRecord({ at: 2, client: 'curl/8.5.0' }));
    assert.deepEqual(fresh.ledger.history('ws-1', 10).map((h) => h.client), ['curl/8.5.0', EDITOR_CLIENT]);
  });

  it('tells a subscriber the workspace of every committed request, until it unsubscribes', () => {
    const seen: string[] = [];
    const stop = fresh.ledger.onRecorded((workspaceId) => seen.push(workspaceId));
    fresh.ledger.record(aRecord({ workspaceId: 'a' }));
    fresh.ledger.record(aRecord({ workspaceId: 'b', client: 'x' }));
    assert.throws(() => fresh.ledger.record(aRecord({ workspaceId: 'c', costUsd: -1 })), RangeError);
    stop();
    fresh.ledger.record(aRecord({ workspaceId: 'd' }));
    assert.deepEqual(seen, ['a', 'b']);
  });
});
