import assert from 'node:assert/strict';
import type { ProviderSettings } from '../../../shared/settings';
import { findPrice, priceTableSize } from '../../../server/src/catalog/priceTable';

const openai: ProviderSettings = { id: 'openai', type: 'openai', models: [{ id: 'x' }] };
const anthropic: ProviderSettings = { id: 'claude', type: 'anthropic', models: [{ id: 'x' }] };
const openrouter: ProviderSettings = {
  id: 'or',
  type: 'openai-compatible',
  baseUrl: 'https://openrouter.ai/api/v1',
  models: [{ id: 'x' }],
};
const ollama: ProviderSettings = {
  id: 'local',
  type: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:11434/v1',
  models: [{ id: 'x' }],
};

describe('priceTable', () => {
  it('ships a snapshot of at least a thousand chat models', () => {
    assert.ok(priceTableSize > 1000, `only ${priceTableSize} models`);
  });

  it('finds an exact key and converts its price to USD per million tokens', () => {
    const match = findPrice(openai, 'gpt-4o-mini');
    assert.equal(match?.key, 'gpt-4o-mini');
    assert.equal(match?.entry.input, 0.15);
    assert.equal(match?.entry.output, 0.6);
    assert.equal(match?.entry.context, 128000);
  });

  it('finds a date-pinned Anthropic model by its exact key', () => {
    assert.equal(findPrice(anthropic, 'claude-sonnet-4-20250514')?.key, 'claude-sonnet-4-20250514');
  });

  it('falls back to the version-less key when a dated snapshot is not in the table', () => {
    assert.equal(findPrice(anthropic, 'claude-sonnet-4-5-20991231')?.key, 'claude-sonnet-4-5');
  });

  it("uses OpenRouter's own price, not the vendor's, for a model behind openrouter.ai", () => {
    const match = findPrice(openrouter, 'deepseek/deepseek-chat');
    assert.equal(match?.key, 'openrouter/deepseek/deepseek-chat');
    assert.equal(match?.entry.provider, 'openrouter');
  });

  it('prefixes ollama/ for an Ollama endpoint and strips a :latest tag', () => {
    assert.equal(findPrice(ollama, 'llama3')?.key, 'ollama/llama3');
    assert.equal(findPrice(ollama, 'llama3:latest')?.key, 'ollama/llama3');
  });

  it('falls back to the vendor-less id when a reseller is not in the table', () => {
    const reseller: ProviderSettings = { ...openrouter, baseUrl: 'https://llm.example.com/v1' };
    assert.equal(findPrice(reseller, 'openai/gpt-4o')?.key, 'gpt-4o');
  });

  it('matches keys case-insensitively', () => {
    assert.equal(findPrice(openai, 'GPT-4o-Mini')?.key, 'gpt-4o-mini');
  });

  it('finds nothing for a model the table does not know', () => {
    assert.equal(findPrice(ollama, 'no-such-model-anywhere'), undefined);
  });
});
