import assert from 'node:assert/strict';
import { createProviderClient } from '../../../server/src/providers/registry';
import { chatRequest, providerSettings, useFakeProviders } from './support';

describe('createProviderClient', () => {
  const fake = useFakeProviders();

  it('speaks the chat.completions API for an openai provider', async () => {
    await createProviderClient(providerSettings('openai', fake().openaiUrl)).chat(chatRequest(), 'sk-1');

    assert.equal(fake().requests[0].api, 'openai');
    assert.ok('max_completion_tokens' in (fake().requests[0].body as object));
  });

  it('speaks the Messages API for an anthropic provider', async () => {
    await createProviderClient(providerSettings('anthropic', fake().anthropicUrl)).chat(chatRequest(), 'sk-1');

    assert.equal(fake().requests[0].api, 'anthropic');
  });

  it('speaks chat.completions without a key for an openai-compatible provider', async () => {
    await createProviderClient(providerSettings('openai-compatible', fake().openaiUrl)).chat(chatRequest(), undefined);

    assert.equal(fake().requests[0].api, 'openai');
    assert.equal(fake().requests[0].apiKey, undefined);
  });
});
