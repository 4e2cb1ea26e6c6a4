import * as assert from 'node:assert/strict';
import { findProvider, mergeProvider, providerEntry, withoutProvider } from '../../../../client/src/setup/providerEntry';
import { providerSchema } from '../../../../shared/settings';

describe('the llmRouter.providers entry Add Provider writes', () => {
  const listed = [{ id: 'gpt-4o-mini', inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 }, { id: 'house-model' }];

  it('writes id, type and the chosen models, leaving known prices to the built-in table', () => {
    const entry = providerEntry({ draft: { id: 'openai', type: 'openai' }, modelIds: ['gpt-4o-mini'], listed, local: false });

    assert.deepEqual(entry, { id: 'openai', type: 'openai', models: [{ id: 'gpt-4o-mini' }] });
    assert.equal(providerSchema.safeParse(entry).success, true);
  });

  it('writes price 0 for an unpriced model of a local server, so its cost is $0 rather than unknown', () => {
    const entry = providerEntry({
      draft: { id: 'ollama', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1' },
      modelIds: ['qwen2.5-coder:7b'], listed: [{ id: 'qwen2.5-coder:7b' }], local: true,
    });

    assert.deepEqual(entry, {
      id: 'ollama', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1',
      models: [{ id: 'qwen2.5-coder:7b', inputUsdPerMTok: 0, outputUsdPerMTok: 0 }],
    });
    assert.equal(providerSchema.safeParse(entry).success, true);
  });

  it('leaves an unpriced model of a remote server without a price: unknown, never $0', () => {
    const entry = providerEntry({ draft: { id: 'x', type: 'openai-compatible', baseUrl: 'https://x.example/v1' }, modelIds: ['house-model'], listed, local: false });

    assert.deepEqual(entry.models, [{ id: 'house-model' }]);
  });

  it('keeps what a user wrote by hand on an edited provider and its kept models', () => {
    const previous = {
      id: 'openai', type: 'openai' as const, apiKeyEnv: 'OPENAI_API_KEY',
      models: [{ id: 'gpt-4o-mini', quality: { refactor: 0.9 } }, { id: 'gpt-4o' }],
    };
    const entry = providerEntry({ draft: { id: 'openai', type: 'openai' }, modelIds: ['gpt-4o-mini', 'gpt-4.1'], listed, local: false, previous });

    assert.deepEqual(entry, {
      id: 'openai', type: 'openai', apiKeyEnv: 'OPENAI_API_KEY',
      models: [{ id: 'gpt-4o-mini', quality: { refactor: 0.9 } }, { id: 'gpt-4.1' }],
    });
  });

  it('adds a new provider after the user\'s others, untouched', () => {
    const others = [{ id: 'anthropic', type: 'anthropic', models: [{ id: 'claude-haiku-4-5' }] }];
    const entry = { id: 'openai', type: 'openai' as const, models: [{ id: 'gpt-4o-mini' }] };

    assert.deepEqual(mergeProvider(others, entry), [...others, entry]);
  });

  it('replaces the provider with the same id in place', () => {
    const before = [{ id: 'a', type: 'openai', models: [{ id: 'm' }] }, { id: 'b', type: 'anthropic', models: [{ id: 'n' }] }];
    const entry = { id: 'a', type: 'openai' as const, models: [{ id: 'm2' }] };

    assert.deepEqual(mergeProvider(before, entry), [entry, before[1]]);
  });

  it('removes a provider by id and finds one by id', () => {
    const list = [{ id: 'a', type: 'openai', models: [{ id: 'm' }] }, { id: 'b', type: 'anthropic', models: [{ id: 'n' }] }, 'junk'];

    assert.deepEqual(withoutProvider(list, 'a'), [list[1], 'junk']);
    assert.deepEqual(findProvider(list, 'b')?.models, [{ id: 'n' }]);
    assert.equal(findProvider(list, 'zzz'), undefined);
  });
});
