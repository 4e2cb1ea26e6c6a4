import assert from 'node:assert/strict';
import type { ModelInfo } from '../../../server/src/catalog/types';
import { optionsFor, reasoningEffortNote } from '../../../server/src/prompt/reasoning-effort';

const model = (type: 'openai' | 'anthropic' | 'openai-compatible', reasoning?: boolean) =>
  ({ ref: `${type}/m`, provider: { id: type, type, models: [] }, modelId: 'm', reasoning, settingsPath: 'llmRouter.providers[0].models[0]' }) as unknown as ModelInfo;

describe('reasoning effort per model', () => {
  it('sends the effort to an OpenAI-type model that reasons, with no note', () => {
    const options = { reasoningEffort: 'high' as const, stop: ['END'] };
    assert.deepEqual(optionsFor(model('openai', true), options), options);
    assert.equal(reasoningEffortNote(model('openai', true), options), undefined);
  });

  it('leaves it out for a model that does not reason, keeping the other options, and says how to change that', () => {
    assert.deepEqual(optionsFor(model('openai-compatible'), { reasoningEffort: 'low', stop: ['END'] }), { stop: ['END'] });
    assert.equal(optionsFor(model('openai', false), { reasoningEffort: 'low' }), undefined);
    assert.equal(
      reasoningEffortNote(model('openai-compatible'), { reasoningEffort: 'low' }),
      'reasoning effort "low" not sent to openai-compatible/m: it does not reason (set "reasoning": true on llmRouter.providers[0].models[0] if it does)',
    );
  });

  it('leaves it out for Anthropic models, which take no such parameter, and says so', () => {
    assert.equal(optionsFor(model('anthropic', true), { reasoningEffort: 'medium' }), undefined);
    assert.match(reasoningEffortNote(model('anthropic', true), { reasoningEffort: 'medium' }) ?? '', /Anthropic Messages API takes none/);
  });

  it('changes nothing when no effort was asked for', () => {
    assert.equal(optionsFor(model('openai'), undefined), undefined);
    assert.equal(reasoningEffortNote(model('anthropic'), { stop: ['x'] }), undefined);
  });
});
