import assert from 'node:assert/strict';
import { listProviderModels } from '../../../server/src/diagnose/list-provider-models';
import { useFakeProviders } from '../../fakes/use-fake-providers';

describe('listProviderModels (a provider not configured yet, real adapters against the fakes)', () => {
  const fake = useFakeProviders({ listedModels: { openai: ['gpt-4o-mini', 'house-model'], anthropic: ['claude-haiku-4-5'] } });
  const context = (apiKey: string | undefined) => ({ apiKey, signal: new AbortController().signal, now: Date.now });

  it('lists the models sorted, with the prices and context window the price table knows', async () => {
    const result = await listProviderModels(context('sk-new'), { id: 'openai', type: 'openai', baseUrl: fake().openaiUrl });

    assert.equal(result.ok, true);
    assert.deepEqual(result.models, [
      { id: 'gpt-4o-mini', inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6, contextWindow: 128_000 },
      { id: 'house-model' },
    ]);
  });

  it('lists an anthropic provider with its key', async () => {
    const result = await listProviderModels(context('sk-ant'), { id: 'anthropic', type: 'anthropic', baseUrl: fake().anthropicUrl });

    assert.deepEqual(result.models.map((m) => [m.id, m.outputUsdPerMTok]), [['claude-haiku-4-5', 5]]);
  });

  it('lists a keyless openai-compatible server without a key', async () => {
    const result = await listProviderModels(context(undefined), { id: 'local', type: 'openai-compatible', baseUrl: fake().openaiUrl });

    assert.equal(result.ok, true);
    assert.equal(result.models.length, 2);
  });

  it('reports a refused key as not ok, in words free of the key', async () => {
    fake().script({ kind: 'status', status: 401 }, { key: 'sk-typo-0123456789' });

    const result = await listProviderModels(context('sk-typo-0123456789'), { id: 'openai', type: 'openai', baseUrl: fake().openaiUrl });

    assert.equal(result.ok, false);
    assert.match(result.error ?? '', /401/);
    assert.ok(!JSON.stringify(result).includes('sk-typo'));
  });

  it('reports a cloud provider without a key as not ok, without calling it', async () => {
    const result = await listProviderModels(context(undefined), { id: 'openai', type: 'openai', baseUrl: fake().openaiUrl });

    assert.equal(result.ok, false);
    assert.match(result.error ?? '', /no API key/);
    assert.equal(fake().requests.length, 0);
  });

  it('reports an unreachable server as not ok', async () => {
    const result = await listProviderModels(context(undefined), { id: 'local', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' });

    assert.equal(result.ok, false);
    assert.ok(result.error);
  });
});
