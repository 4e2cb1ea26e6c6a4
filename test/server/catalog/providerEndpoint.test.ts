import assert from 'node:assert/strict';
import type { ProviderSettings } from '../../../shared/settings';
import { isLocalEndpoint, priceKeyPrefixes } from '../../../server/src/catalog/providerEndpoint';

function provider(type: ProviderSettings['type'], baseUrl?: string, id = 'p'): ProviderSettings {
  return { id, type, baseUrl, models: [{ id: 'm' }] };
}

describe('providerEndpoint', () => {
  it('tries the bare key before anthropic/ for an Anthropic provider', () => {
    assert.deepEqual(priceKeyPrefixes(provider('anthropic')), ['', 'anthropic/', 'p/']);
  });

  it('puts openrouter/ before the bare key for an OpenRouter base URL', () => {
    assert.deepEqual(priceKeyPrefixes(provider('openai-compatible', 'https://openrouter.ai/api/v1')).slice(0, 2), [
      'openrouter/',
      '',
    ]);
  });

  it('recognises Ollama by its port or by a host name containing "ollama"', () => {
    assert.equal(priceKeyPrefixes(provider('openai-compatible', 'http://10.0.0.5:11434/v1'))[0], 'ollama/');
    assert.equal(priceKeyPrefixes(provider('openai-compatible', 'http://my-ollama.lan:8080/v1'))[0], 'ollama/');
  });

  it('matches a subdomain of a known service host', () => {
    assert.equal(priceKeyPrefixes(provider('openai-compatible', 'https://api.groq.com/openai/v1'))[0], 'groq/');
  });

  it('ends with the provider id as a prefix, lower-cased', () => {
    const prefixes = priceKeyPrefixes(provider('openai-compatible', 'https://example.com/v1', 'DeepSeek'));
    assert.deepEqual(prefixes, ['', 'deepseek/']);
  });

  it('counts loopback and Ollama endpoints as local, and a hosted API or no URL as remote', () => {
    assert.equal(isLocalEndpoint(provider('openai-compatible', 'http://127.0.0.1:1234/v1')), true);
    assert.equal(isLocalEndpoint(provider('openai-compatible', 'http://localhost:11434/v1')), true);
    assert.equal(isLocalEndpoint(provider('openai-compatible', 'https://openrouter.ai/api/v1')), false);
    assert.equal(isLocalEndpoint(provider('openai')), false);
  });
});
