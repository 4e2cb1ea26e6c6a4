// Budgets (warn, downgrade, block) and the response cache, through the real server.
import assert from 'node:assert/strict';
import { ErrorCodes, ExecuteRequest, UsageRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

// A budget so small that the first strong-model answer exceeds it.
const TINY_BUDGET = 0.000001;
const HARD_ASK = { workspaceId: 'ws', kind: 'ask' as const, model: 'local/big-coder', prompt: 'design a lock-free queue' };

describe('router server: budgets and cache (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  afterEach(async () => {
    await server.stop();
  });

  async function start(extra: Record<string, unknown>) {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), extra), apiKeys: API_KEYS });
  }

  it('blocks requests past the daily budget with 1001 and records the block', async () => {
    await start({ budget: { dailyUsd: TINY_BUDGET, onExceed: 'block' }, cache: { enabled: false } });
    await server.connection.sendRequest(ExecuteRequest.type, HARD_ASK);
    const calls = fake().requests.length;
    await assert.rejects(
      server.connection.sendRequest(ExecuteRequest.type, { ...HARD_ASK, prompt: 'another' }),
      (e: { code: number; message: string }) => e.code === ErrorCodes.BudgetBlocked && /budget/i.test(e.message),
    );
    assert.equal(fake().requests.length, calls, 'no provider call once blocked');
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws' });
    assert.equal(usage.total.requests, 2);
    assert.equal(usage.budget.state, 'exceeded');
  });

  it('holds each request under budget.maxRequestUsd: skips models over it and caps the answer length', async () => {
    const cap = 0.0002;
    await start({ budget: { maxRequestUsd: cap }, cache: { enabled: false } });
    const result = await server.connection.sendRequest(ExecuteRequest.type, { ...HARD_ASK, model: undefined, kind: 'refactor', document: SAMPLE_DOC });

    assert.equal(result.model, 'local/tiny-coder');
    assert.ok(result.reasons.some((r) => r.startsWith(`per-request cap $${cap}: skipped local/big-coder`)), result.reasons.join('\n'));
    const maxTokens = (fake().requests.at(-1)!.body as { max_tokens: number }).max_tokens;
    assert.ok(result.reasons.includes(`answer limited to ${maxTokens} tokens to stay under llmRouter.budget.maxRequestUsd ($${cap})`), result.reasons.join('\n'));
    // Even if every allowed output token were used: input at its reported count, output at the limit.
    const worstCase = (result.usage.inputTokens * 0.1 + maxTokens * 0.4) / 1e6;
    assert.ok(worstCase <= cap * 1.1, `worst case $${worstCase} for max_tokens ${maxTokens}`);
    assert.ok(result.usage.costUsd <= cap);
    await assert.rejects(
      server.connection.sendRequest(ExecuteRequest.type, HARD_ASK),
      (e: { code: number; message: string }) => e.code === ErrorCodes.NoCandidates && /local\/big-coder .* is over llmRouter\.budget\.maxRequestUsd/.test(e.message),
    );
  });

  it('downgrades to the cheapest model that fits once over budget', async () => {
    await start({ budget: { dailyUsd: TINY_BUDGET, onExceed: 'downgrade' }, cache: { enabled: false } });
    await server.connection.sendRequest(ExecuteRequest.type, { ...HARD_ASK, model: undefined, kind: 'refactor', document: SAMPLE_DOC });
    const after = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'refactor', prompt: 'rename a to x', document: SAMPLE_DOC });
    assert.equal(after.model, 'local/tiny-coder');
    assert.ok(after.reasons.some((r) => r.includes('over budget')));
  });

  it('warns but still answers past the budget with onExceed "warn"', async () => {
    await start({ budget: { dailyUsd: TINY_BUDGET, onExceed: 'warn' }, cache: { enabled: false } });
    await server.connection.sendRequest(ExecuteRequest.type, HARD_ASK);
    const r = await server.connection.sendRequest(ExecuteRequest.type, { ...HARD_ASK, prompt: 'more' });
    assert.equal(r.model, 'local/big-coder');
    assert.ok(r.warnings.some((w) => /budget/i.test(w)), r.warnings.join('\n'));
  });

  it('answers an identical request from the cache at no cost', async () => {
    await start({ cache: { enabled: true } });
    const first = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'explain', document: SAMPLE_DOC });
    const calls = fake().requests.length;
    const second = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'explain', document: SAMPLE_DOC });
    assert.equal(fake().requests.length, calls, 'no provider call');
    assert.equal(second.cached, true);
    assert.equal(second.usage.costUsd, 0);
    assert.equal(second.text, first.text);
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws' });
    assert.equal(usage.total.requests, 2);
    assert.ok(Math.abs(usage.total.costUsd - first.usage.costUsd) < 1e-12);
  });

  it('calls the provider every time when the cache is off', async () => {
    await start({ cache: { enabled: false } });
    for (let i = 0; i < 2; i++) {
      const r = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'explain', document: SAMPLE_DOC });
      assert.equal(r.cached, false);
    }
    assert.equal(fake().requests.length, 2);
  });

  it('does not cache an answer cut at its length limit: the same request asks the provider again', async () => {
    await start({ cache: { enabled: true } });
    fake().script({ kind: 'truncated' }, { times: 1 });
    const request = { workspaceId: 'ws', kind: 'explain' as const, document: SAMPLE_DOC };
    const cut = await server.connection.sendRequest(ExecuteRequest.type, request);
    const again = await server.connection.sendRequest(ExecuteRequest.type, request);
    assert.equal(cut.truncated, true);
    assert.equal(again.cached, false);
    assert.equal(again.truncated, undefined);
    assert.equal(fake().requests.length, 2);
  });
});

