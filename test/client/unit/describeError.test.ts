import * as assert from 'node:assert/strict';
import { describeError } from '../../../client/src/errors/describeError';
import { ErrorCodes } from '../../../shared/protocol';

const rpcError = (code: number, message: string, data?: unknown) => Object.assign(new Error(message), { code, data });

describe('describeError', () => {
  it('stays silent when the user cancelled', () => {
    assert.equal(describeError(rpcError(ErrorCodes.RequestCancelled, 'cancelled')).silent, true);
    assert.equal(describeError(Object.assign(new Error('Canceled'), { name: 'Canceled' })).silent, true);
  });

  it('offers the budget settings when the budget blocked the request', () => {
    const report = describeError(rpcError(ErrorCodes.BudgetBlocked, 'Daily budget: $5.00 of $5.00 used (100%)'));
    assert.deepEqual(report.actions, ['openBudgetSettings']);
    assert.match(report.message, /Daily budget/);
  });

  it('lists every failed attempt in plain words when all models failed', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [
        { model: 'a/one', ok: false, error: 'timed out after 60000 ms' },
        { model: 'b/two', ok: false, error: 'rate limited (429)' },
      ],
    }));
    assert.equal(report.message, 'Every model failed. a/one: timed out after 60000 ms; b/two: rate limited (429).');
    assert.deepEqual(report.actions, ['showLog']);
  });

  it('says what a failed attempt cost when its stream broke off after some text', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [{ model: 'a/one', ok: false, error: 'connection reset', billed: { inputTokens: 10, outputTokens: 3, costUsd: 0.02 } }],
    }));
    assert.equal(report.message, 'Every model failed. a/one: connection reset (streamed 3 tokens first: ≈$0.02 (estimated)).');
  });

  it('offers Set API Key when an attempt failed for lack of a valid key', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [{ model: 'a/one', ok: false, error: 'no API key for provider "a"' }],
    }));
    assert.ok(report.actions.includes('setApiKey'));
  });

  it('offers Set API Key and the provider settings when no model can take the request', () => {
    const report = describeError(rpcError(ErrorCodes.NoCandidates, 'no providers configured'));
    assert.deepEqual(report.actions, ['setApiKey', 'openProviderSettings']);
  });

  it('explains a server that died mid-request instead of showing the RPC error', () => {
    const report = describeError(rpcError(-32097, 'Pending response rejected since connection got disposed'));
    assert.match(report.message, /restarts by itself/);
  });

  it('keeps the message of an unknown error', () => {
    assert.equal(describeError(new Error('boom')).message, 'boom');
    assert.equal(describeError('plain string').message, 'plain string');
  });
});
