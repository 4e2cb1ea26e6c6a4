import * as assert from 'node:assert/strict';
import { describeError } from '../../../client/src/errors/describeError';
import { errorCommands } from '../../../client/src/errors/errorCommands';
import { ErrorCodes } from '../../../shared/protocol';

const rpcError = (code: number, message: string, data?: unknown) => Object.assign(new Error(message), { code, data });

describe('errorCommands', () => {
  it('a request the budget refused offers the budget settings first, opened on llmRouter.budget', () => {
    const report = describeError(rpcError(ErrorCodes.BudgetBlocked, 'Budget exceeded: Daily budget: $5.00 of $5.00 used (100%).'));
    const [first, ...rest] = errorCommands(report);
    assert.deepEqual(first, { title: 'Budget Settings', command: 'workbench.action.openSettings', arguments: ['llmRouter.budget'] });
    assert.deepEqual(rest.map((c) => c.title), ['Show Log']);
  });

  it('Set API Key… names the one provider whose key was refused, so its picker is skipped', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [{ model: 'openai/gpt-4o', ok: false, error: '401 API key rejected or missing' }],
    }));
    assert.deepEqual(errorCommands(report)[0], { title: 'Set API Key…', command: 'llmRouter.setApiKey', arguments: [{ providerId: 'openai' }] });
  });

  it('Set API Key… asks which provider when the keys of several were refused', () => {
    const report = describeError(rpcError(ErrorCodes.AllCandidatesFailed, 'all failed', {
      attempts: [
        { model: 'openai/gpt-4o', ok: false, error: '401 API key rejected or missing' },
        { model: 'anthropic/claude', ok: false, error: 'API key rejected or missing: no API key configured' },
      ],
    }));
    assert.deepEqual(errorCommands(report)[0], { title: 'Set API Key…', command: 'llmRouter.setApiKey', arguments: [] });
  });

  it('with no provider set up, Add Provider… comes first', () => {
    const report = describeError(rpcError(ErrorCodes.NoCandidates, 'No models are configured'), { providerCount: 0 });
    assert.deepEqual(errorCommands(report).map((c) => c.command), ['llmRouter.addProvider', 'workbench.action.openSettings']);
  });

  it('every fix has a title of its own, so the button pressed names one command', () => {
    const actions = ['addProvider', 'setApiKey', 'checkProviders', 'openBudgetSettings', 'openProviderSettings', 'showLog', 'connectTeamGateway', 'disconnectTeamGateway'] as const;
    const titles = errorCommands({ silent: false, message: '', actions: [...actions] }).map((c) => c.title);
    assert.equal(new Set(titles).size, actions.length);
  });
});
