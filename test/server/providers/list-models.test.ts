import assert from 'node:assert/strict';
import { createOpenAICompatibleClient } from '../../../server/src/providers/openai-compatible';
import { LISTED_MODELS, MODEL_LIST } from '../../fakes/fake-providers';
import { LISTING_ADAPTERS } from './adapters';
import { failureOf, providerSettings, useFakeProviders } from './support';

const KEY = 'sk-list-0123456789abcdef';
const limits = (timeoutMs = 5_000) => ({ signal: new AbortController().signal, timeoutMs });

describe('listModels through the real SDKs', () => {
  const fake = useFakeProviders();

  for (const adapter of LISTING_ADAPTERS) {
    it(`returns the ids the provider lists, sending the key as the API expects (${adapter.name})`, async () => {
      const ids = await adapter.create(fake()).listModels(KEY, limits());

      assert.deepEqual(ids, LISTED_MODELS[adapter.name]);
      const sent = fake().requests.at(-1)!;
      assert.equal(sent.model, MODEL_LIST);
      assert.equal(sent.api, adapter.name);
      assert.equal(sent.apiKey, KEY);
    });

    it(`fails a rejected key as auth, with a message free of the key (${adapter.name})`, async () => {
      fake().script({ kind: 'status', status: 401 }, { key: KEY });

      const error = await failureOf(adapter.create(fake()).listModels(KEY, limits()));

      assert.equal(error.reason, 'auth');
      assert.match(error.message, new RegExp(`^${adapter.name}/models: `));
      assert.ok(!error.message.includes('0123456789abcdef'), error.message);
    });

    it(`gives up on a server that never answers after the time limit (${adapter.name})`, async () => {
      fake().script({ kind: 'hang' });

      const error = await failureOf(adapter.create(fake()).listModels(KEY, limits(200)));

      assert.equal(error.reason, 'timeout');
    });

    it(`refuses to call without a key: the cloud APIs need one (${adapter.name})`, async () => {
      const error = await failureOf(adapter.create(fake()).listModels(undefined, limits()));

      assert.equal(error.reason, 'auth');
      assert.equal(fake().requests.length, 0);
    });
  }

  it('lists a keyless local server’s models without any key (openai-compatible)', async () => {
    const client = createOpenAICompatibleClient(providerSettings('openai-compatible', fake().openaiUrl, 'local'));

    assert.deepEqual(await client.listModels(undefined, limits()), LISTED_MODELS.openai);
    assert.equal(fake().requests[0].headers.authorization, undefined);
  });

  it('fails with bad_request when an openai-compatible provider has no baseUrl', async () => {
    const client = createOpenAICompatibleClient(providerSettings('openai-compatible', undefined, 'local'));

    assert.equal((await failureOf(client.listModels(undefined, limits()))).reason, 'bad_request');
  });
});
