import assert from 'node:assert/strict';
import type { ProviderSettings } from '../../../shared/settings';
import { checkProviders, type CheckContext } from '../../../server/src/diagnose/check-providers';
import { createProviderClient } from '../../../server/src/providers/registry';
import { FakeProviders, LISTED_MODELS } from '../../fakes/fake-providers';
import { useFakeProviders } from '../../fakes/use-fake-providers';

describe('checkProviders (real adapters against the fakes)', () => {
  const fake = useFakeProviders();
  const openai = (models = ['tiny-coder']): ProviderSettings => ({ id: 'oa', type: 'openai', baseUrl: fake().openaiUrl, models: models.map((id) => ({ id })) });
  const claude = (): ProviderSettings => ({ id: 'cl', type: 'anthropic', baseUrl: fake().anthropicUrl, models: [{ id: 'claude-fake' }] });

  function context(keys: Record<string, string[]>): CheckContext {
    return {
      keysFor: (id) => keys[id] ?? [],
      clientFor: createProviderClient,
      signal: new AbortController().signal,
      now: Date.now,
    };
  }

  it('reports ok with the number of listed models when every key works', async () => {
    const { providers } = await checkProviders(context({ oa: ['k1', 'k2'], cl: ['c1'] }), [openai(), claude()]);

    assert.deepEqual(
      providers.map((p) => [p.providerId, p.status, p.keys.map((k) => `${k.key} ${k.ok}`), p.listedModels]),
      [
        ['oa', 'ok', ['key #1 of 2 true', 'key #2 of 2 true'], LISTED_MODELS.openai.length],
        ['cl', 'ok', ['key #1 of 1 true'], LISTED_MODELS.anthropic.length],
      ],
    );
    assert.equal(fake().requests.length, 3, 'one free list call per key, nothing else');
  });

  it('reports partial, naming the rejected key by number only, when one of several keys fails', async () => {
    fake().script({ kind: 'status', status: 401 }, { key: 'sk-revoked-123456789' });

    const [check] = (await checkProviders(context({ oa: ['sk-good', 'sk-revoked-123456789'] }), [openai()])).providers;

    assert.equal(check.status, 'partial');
    assert.equal(check.keys[1].ok, false);
    assert.match(check.keys[1].error ?? '', /401/);
    assert.ok(!JSON.stringify(check).includes('sk-revoked'), JSON.stringify(check));
    assert.ok(!JSON.stringify(check).includes('sk-good'));
  });

  it('names configured models the provider does not list: often a typo', async () => {
    const [check] = (await checkProviders(context({ oa: ['k'] }), [openai(['tiny-coder', 'tiny-codr'])])).providers;

    assert.equal(check.status, 'ok');
    assert.deepEqual(check.unlistedModels, ['tiny-codr']);
  });

  it('says no-key without calling a cloud provider that has no key', async () => {
    const [check] = (await checkProviders(context({}), [claude()])).providers;

    assert.equal(check.status, 'no-key');
    assert.equal(fake().requests.length, 0);
  });

  it('checks a keyless local server once, as "no key"', async () => {
    const local: ProviderSettings = { id: 'lo', type: 'openai-compatible', baseUrl: fake().openaiUrl, models: [{ id: 'test-model' }] };

    const [check] = (await checkProviders(context({}), [local])).providers;

    assert.equal(check.status, 'ok');
    assert.deepEqual(check.keys.map((k) => k.key), ['no key']);
  });

  it('reports failed, with the connection error, for a server that is not there', async () => {
    const gone = await FakeProviders.start();
    await gone.stop();
    const down: ProviderSettings = { id: 'down', type: 'openai-compatible', baseUrl: gone.openaiUrl, models: [{ id: 'm' }] };

    const [check] = (await checkProviders(context({}), [down])).providers;

    assert.equal(check.status, 'failed');
    assert.match(check.keys[0].error ?? '', /ECONNREFUSED/);
    assert.equal(check.listedModels, undefined);
  });
});
