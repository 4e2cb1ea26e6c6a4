import assert from 'node:assert/strict';
import { resolveProviderKeys } from '../../../server/src/resilience/key-sources';
import type { ProviderSettings } from '../../../shared/settings';

const provider = (id: string, apiKeyEnv?: string): ProviderSettings => ({
  id,
  type: 'openai',
  apiKeyEnv,
  models: [{ id: 'm' }],
});

describe('resolveProviderKeys', () => {
  it('prefers stored keys over the env var', () => {
    const keys = resolveProviderKeys([provider('a', 'A_KEY')], { a: ['sk-stored'] }, { A_KEY: 'sk-env' });
    assert.deepEqual(keys.get('a'), ['sk-stored']);
  });

  it('reads several comma-separated keys from the env var when none is stored', () => {
    const keys = resolveProviderKeys([provider('a', 'A_KEY')], { other: 'sk-x' }, { A_KEY: 'sk-1,sk-2' });
    assert.deepEqual(keys.get('a'), ['sk-1', 'sk-2']);
  });

  it('gives a provider with neither source an empty list', () => {
    const keys = resolveProviderKeys([provider('local'), provider('b', 'UNSET')], undefined, {});
    assert.deepEqual([...keys], [
      ['local', []],
      ['b', []],
    ]);
  });
});
