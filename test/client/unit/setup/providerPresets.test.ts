import * as assert from 'node:assert/strict';
import {
  baseUrlProblem, baseUrlVerdict, describePrice, freeProviderId, idFromUrl, isLoopbackUrl, PRESETS, suggestedModels,
} from '../../../../client/src/setup/providerPresets';
import { isValidProviderId } from '../../../../client/src/secrets/keyInput';

const preset = (name: string) => {
  const found = PRESETS.find((p) => p.name === name);
  assert.ok(found, name);
  return found;
};

describe('Add Provider presets', () => {
  it('offer OpenAI, Anthropic, OpenRouter, Ollama, LM Studio and any OpenAI-compatible URL, each with a valid provider id', () => {
    assert.deepEqual(PRESETS.map((p) => p.label), ['OpenAI', 'Anthropic', 'OpenRouter', 'Ollama', 'LM Studio', 'Any OpenAI-compatible URL']);
    for (const p of PRESETS) assert.ok(isValidProviderId(p.name), p.name);
  });

  it('ask a key of the cloud APIs, none of the local servers, and leave it optional for a URL', () => {
    assert.deepEqual(PRESETS.map((p) => [p.name, p.key]), [
      ['openai', 'required'], ['anthropic', 'required'], ['openrouter', 'required'],
      ['ollama', 'none'], ['lmstudio', 'none'], ['custom', 'optional'],
    ]);
  });

  it('fill in the usual address where one is asked, and speak the OpenAI API there', () => {
    assert.equal(preset('ollama').defaultBaseUrl, 'http://127.0.0.1:11434/v1');
    assert.equal(preset('lmstudio').defaultBaseUrl, 'http://127.0.0.1:1234/v1');
    assert.equal(preset('openrouter').defaultBaseUrl, 'https://openrouter.ai/api/v1');
    for (const p of PRESETS.filter((p) => p.asksBaseUrl)) {
      assert.equal(p.type, 'openai-compatible');
      assert.equal(baseUrlProblem(p.defaultBaseUrl ?? ''), undefined, p.name);
    }
    assert.equal(preset('openai').defaultBaseUrl, undefined, 'the official endpoint needs no baseUrl');
  });

  it('preselect the cheap and the strong model of OpenAI, in order of preference, among what the provider lists', () => {
    const listed = ['dall-e-3', 'gpt-4o', 'gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4.1', 'text-embedding-3-small', 'whisper-1'].map((id) => ({ id }));
    assert.deepEqual(suggestedModels(preset('openai'), listed), ['gpt-4.1-mini', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4o']);
  });

  it('preselect dated Anthropic ids by their family', () => {
    const listed = ['claude-3-opus-20240229', 'claude-haiku-4-5-20251001', 'claude-sonnet-4-5-20250929'].map((id) => ({ id }));
    assert.deepEqual(suggestedModels(preset('anthropic'), listed), ['claude-haiku-4-5-20251001', 'claude-sonnet-4-5-20250929']);
  });

  it('preselect a local server\'s models, at most four', () => {
    const listed = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    assert.deepEqual(suggestedModels(preset('ollama'), listed), ['a', 'b', 'c', 'd']);
  });

  it('pick a provider id that is not taken yet', () => {
    assert.equal(freeProviderId('openai', []), 'openai');
    assert.equal(freeProviderId('openai', ['openai', 'openai-2']), 'openai-3');
  });

  it('name a URL\'s provider after its host', () => {
    assert.equal(idFromUrl('https://api.together.xyz/v1'), 'together');
    assert.equal(idFromUrl('http://127.0.0.1:8000/v1'), 'local');
    assert.equal(idFromUrl('not a url'), 'custom');
  });

  it('refuse an address that is not http(s)', () => {
    assert.ok(baseUrlProblem('ftp://example.com'));
    assert.ok(baseUrlProblem('localhost:11434'));
    assert.equal(baseUrlProblem(' http://localhost:11434/v1 '), undefined);
  });

  it('show a known price per million tokens, and say when none is known', () => {
    assert.equal(describePrice({ id: 'gpt-4o-mini', inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 }, false), '$0.15 in / $0.60 out per million tokens');
    assert.equal(describePrice({ id: 'gpt-4o', inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 }, false), '$2.50 in / $10.00 out per million tokens');
    assert.equal(describePrice({ id: 'nano', inputUsdPerMTok: 0.004, outputUsdPerMTok: 0.0125 }, false), '$0.004 in / $0.013 out per million tokens');
    assert.equal(describePrice({ id: 'house' }, false), 'no known price (its cost is counted as unknown)');
    assert.equal(describePrice({ id: 'qwen' }, true), 'local: free');
  });

  it('take loopback addresses as this machine', () => {
    assert.equal(isLoopbackUrl('http://127.0.0.1:11434/v1'), true);
    assert.equal(isLoopbackUrl('http://localhost:1234/v1'), true);
    assert.equal(isLoopbackUrl('https://openrouter.ai/api/v1'), false);
    assert.equal(isLoopbackUrl(undefined), false);
  });
});

describe('baseUrlVerdict (Add Provider… after the base URL box)', () => {
  it('goes on with the models a server listed', () => {
    assert.equal(baseUrlVerdict({ ok: true }), 'listed');
  });

  it('asks for a key only when the server answered that it wants one', () => {
    assert.equal(baseUrlVerdict({ ok: false, error: 'custom/models: 401 API key rejected or missing: Incorrect API key provided' }), 'needs-key');
    assert.equal(baseUrlVerdict({ ok: false, error: '403 API key rejected or missing' }), 'needs-key');
  });

  it('calls an address that could not be reached a failure, which no key fixes', () => {
    assert.equal(baseUrlVerdict({ ok: false, error: 'custom/models: connection failed: ECONNREFUSED' }), 'failed');
    assert.equal(baseUrlVerdict({ ok: false, error: 'custom/models: 404 request refused: not found' }), 'failed');
    assert.equal(baseUrlVerdict({ ok: false }), 'failed');
  });
});
