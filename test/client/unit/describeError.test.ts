import * as assert from 'node:assert/strict';
import { describeError } from '../../../client/src/errors/describeError';
import { ErrorCodes } from '../../../shared/protocol';

const rpcError = (code: number, message: string, data?: unknown) => Object.assign(new Error(message), { code, data });

describe('describeError', () => {
  it('stays silent when the user cancelled', () => {
    assert.equal(describeError(rpcError(ErrorCodes.RequestCancelled, 'cancelled')).silent, true);
    assert.equal(describeError(Object.assign(new Error('Canceled'), { name: 'Canceled' })).silent, true);
  });

  it('offers to reconnect when the team gateway refused the token, and to disconnect too when it cannot be reached', () => {
    const gateway = 'https://llm.example.com/v1';
    const refused = describeError(rpcError(ErrorCodes.TeamGateway, 'The team gateway refused your token', { reason: 'unauthorized', status: 401, gateway }));
    assert.deepEqual(refused.actions, ['connectTeamGateway', 'showLog']);
    assert.equal(refused.message, 'The team gateway refused your token');
    const away = describeError(rpcError(ErrorCodes.TeamGateway, 'cannot be reached (ECONNREFUSED)', { reason: 'unreachable', gateway }));
    assert.deepEqual(away.actions, ['connectTeamGateway', 'disconnectTeamGateway', 'showLog']);
  });

  it('offers the budget settings when the budget blocked the request', () => {
    const report = describeError(rpcError(ErrorCodes.BudgetBlocked, 'Daily budget: $5.00 of $5.00 used (100%)'));
    assert.equal(report.actions[0], 'openBudgetSettings');
    assert.match(report.message, /Daily budget/);
  });

  it('does not say "budget" twice when the server\'s words already say it', () => {
    const report = describeError(rpcError(ErrorCodes.BudgetBlocked, 'Budget exceeded: Daily budget: $5.00 of $5.00 used (100%). Raise llmRouter.budget or wait.'));
    assert.equal(report.message, 'Budget exceeded: Daily budget: $5.00 of $5.00 used (100%). Raise llmRouter.budget or wait.');
    assert.equal(describeError(rpcError(ErrorCodes.BudgetBlocked, 'Daily budget: $5.00 of $5.00 used (100%)')).message,
      'Budget reached: Daily budget: $5.00 of $5.00 used (100%)');
  });

  it('says which budget blocked when it is the all-workspaces one, and offers the budget settings', () => {
    const said = 'Budget exceeded: All-workspaces daily budget: $2.00 of $2.00 used (100%). Raise llmRouter.budget.allWorkspaces (user settings) or wait.';
    const report = describeError(rpcError(ErrorCodes.BudgetBlocked, said));
    assert.equal(report.message, said);
    assert.deepEqual(report.actions, ['openBudgetSettings', 'showLog']);
  });

  it('reads a model retried after the same failure once, with its number of tries', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [
        { model: 'a/one', ok: false, error: '503 overloaded' },
        { model: 'a/one', ok: false, error: '503 overloaded' },
        { model: 'b/two', ok: false, error: '503 overloaded' },
        { model: 'b/two', ok: false, error: 'timed out' },
      ],
    }));
    assert.equal(report.message, 'Every model failed. a/one: 503 overloaded (2 tries); b/two: 503 overloaded; b/two: timed out.');
  });

  it('keeps each billed try on its own line, so no bill is folded into another', () => {
    const billed = { model: 'a/one', ok: false, error: 'connection reset', billed: { inputTokens: 10, outputTokens: 3, costUsd: 0.02 } };
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', { attempts: [billed, billed] }));
    assert.equal((report.message.match(/streamed 3 tokens/g) ?? []).length, 2);
  });

  it('lists every failed attempt in plain words when all models failed', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [
        { model: 'a/one', ok: false, error: 'timed out after 60000 ms' },
        { model: 'b/two', ok: false, error: 'rate limited (429)' },
      ],
    }));
    assert.equal(report.message, 'Every model failed. a/one: timed out after 60000 ms; b/two: rate limited (429).');
    assert.deepEqual(report.actions, ['checkProviders', 'showLog'], 'a timeout may be a server that is down');
  });

  it('says what a failed attempt cost when its stream broke off after some text', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [{ model: 'a/one', ok: false, error: 'connection reset', billed: { inputTokens: 10, outputTokens: 3, costUsd: 0.02 } }],
    }));
    assert.equal(report.message, 'Every model failed. a/one: connection reset (streamed 3 tokens first: ≈$0.02 (estimated)).');
  });

  it('offers Set API Key for the provider whose key is missing, first', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [{ model: 'a/one', ok: false, error: 'skipped: no API key for provider "a" (run "LLM Router: Set API Key…")' }],
    }));
    assert.equal(report.actions[0], 'setApiKey');
    assert.equal(report.providerId, 'a');
  });

  it('offers Set API Key for the provider whose key was refused, first', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [
        { model: 'oa/gpt-4o-mini', ok: false, error: '401 API key rejected or missing: Incorrect API key provided' },
        { model: 'local/qwen', ok: false, error: 'connection failed: ECONNREFUSED' },
      ],
    }));
    assert.deepEqual([report.actions[0], report.providerId], ['setApiKey', 'oa']);
  });

  it('lets the user pick the provider when several providers lack a key', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [
        { model: 'a/one', ok: false, error: 'skipped: no API key for provider "a"' },
        { model: 'b/two', ok: false, error: 'skipped: no API key for provider "b"' },
      ],
    }));
    assert.deepEqual([report.actions[0], report.providerId], ['setApiKey', undefined]);
  });

  it('offers Check Providers first when the provider could not be reached', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [{ model: 'local/qwen', ok: false, error: 'connection failed: ECONNREFUSED' }],
    }));
    assert.equal(report.actions[0], 'checkProviders');
  });

  it('offers Add Provider first when no provider is configured', () => {
    const report = describeError(
      rpcError(ErrorCodes.NoCandidates, 'No models are configured: add a provider in the llmRouter.providers setting.'),
      { providerCount: 0 },
    );
    assert.deepEqual(report.actions, ['addProvider', 'openProviderSettings']);
    assert.match(report.message, /No provider is set up yet/);
  });

  it('offers the provider settings, not Add Provider, when configured models are too small', () => {
    const report = describeError(rpcError(ErrorCodes.NoCandidates, 'The request needs ~9000 tokens, more than any configured model\'s context window.'), { providerCount: 1 });
    assert.equal(report.actions[0], 'openProviderSettings');
  });

  it('says a request too long for every model once, and what to do about it', () => {
    const report = describeError(rpcError(ErrorCodes.NoCandidates,
      'No configured model can take this request: it needs ~419507 tokens of context; considered a/one (context window 128000 tokens).'), { providerCount: 1 });
    assert.equal(report.message, 'No configured model can take this request: it needs ~419507 tokens of context; considered a/one (context window 128000 tokens). ' +
      'Select a smaller part of the file (or send less) and try again.');
  });

  it('offers the budget settings first when the per-request cap rules every model out', () => {
    const report = describeError(rpcError(ErrorCodes.NoCandidates, 'Every model that fits this request is over llmRouter.budget.maxRequestUsd ($0.001): a/one (~$0.01).'), { providerCount: 1 });
    assert.equal(report.actions[0], 'openBudgetSettings');
  });

  it('explains a server that died mid-request instead of showing the RPC error', () => {
    const report = describeError(rpcError(-32097, 'Pending response rejected since connection got disposed'));
    assert.match(report.message, /starts again by itself/);
  });

  it('says a request ended by Restart Server was ended by the restart, with what it streamed counted, not that the user cancelled it', () => {
    const report = describeError(rpcError(ErrorCodes.ServerStopping, 'The router server stopped (Restart Server, or its window reloading) while answering'));
    assert.equal(report.silent, false, 'the user never pressed Cancel: it must not pass as one');
    assert.match(report.message, /restarted while answering: the request was ended, and what it had streamed is counted at its cost/);
  });

  it('keeps the message of an unknown error', () => {
    assert.equal(describeError(new Error('boom')).message, 'boom');
    assert.equal(describeError('plain string').message, 'plain string');
  });
});
