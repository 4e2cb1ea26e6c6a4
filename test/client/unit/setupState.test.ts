import * as assert from 'node:assert/strict';
import { setupProblem } from '../../../client/src/status/setupState';
import { ErrorCodes, type RouteResult } from '../../../shared/protocol';

const route = (candidates: RouteResult['candidates']): RouteResult => ({
  model: candidates[0]?.model ?? '', kind: 'ask', difficulty: 'easy', reasons: [], estimatedCostUsd: 0,
  fallbacks: [], candidates, warnings: [],
});

describe('setupProblem (the status bar says "set up" until a provider can answer)', () => {
  it('says so when no provider is configured', () => {
    assert.equal(setupProblem(0, undefined), 'No provider is set up yet.');
  });

  it('says so when the server finds no model that can take a request', () => {
    assert.ok(setupProblem(1, undefined, { code: ErrorCodes.NoCandidates, message: 'No models are configured' }));
  });

  it('names the providers without a key when no model can be called for lack of one', () => {
    const problem = setupProblem(2, route([
      { model: 'openai/gpt-4o-mini', quality: 0.7, unavailable: 'no API key for provider "openai" (run "LLM Router: Set API Key…")' },
      { model: 'anthropic/claude-haiku-4-5', quality: 0.8, unavailable: 'no API key for provider "anthropic" (run "LLM Router: Set API Key…")' },
    ]));
    assert.equal(problem, 'No API key is stored for openai, anthropic.');
  });

  it('is satisfied as soon as one model can be called', () => {
    assert.equal(setupProblem(2, route([
      { model: 'openai/gpt-4o-mini', quality: 0.7, unavailable: 'no API key for provider "openai"' },
      { model: 'ollama/qwen', quality: 0.5 },
    ])), undefined);
  });

  it('does not guess while the check itself could not run', () => {
    assert.equal(setupProblem(1, undefined, new Error('server restarting')), undefined);
  });
});
