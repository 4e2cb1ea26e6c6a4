import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aliasNames, AUTO_ID, capabilitiesOf, inputRoom, modelInformation, PROVISIONAL_MAX_OUTPUT, provisionalListing } from '../../../../client/src/lm/modelInformation';
import { requestClient, UNKNOWN_CALLER, VSCODE_CHAT } from '../../../../client/src/lm/requestClient';

const listing = [
  { model: 'local/tiny', contextWindow: 32_000, maxOutputTokens: 4_096 },
  { model: 'claude/sonnet', contextWindow: 200_000, maxOutputTokens: 64_000, vision: true, unavailable: 'no API key for provider "claude"' },
];

/** The configured models, after auto and the logical ones. */
const forced = (models: ReturnType<typeof modelInformation>) => models.filter((m) => m.id.includes('/'));

describe('router models -> VS Code language models', () => {
  it('offers auto first, then each configured model under its providerId/modelId', () => {
    const models = modelInformation(listing);
    assert.deepEqual(models.map((m) => m.id), [AUTO_ID, 'cheap', 'fast', 'best', 'local/tiny', 'claude/sonnet']);
    assert.equal(models[0].name, 'LLM Router');
    assert.equal(forced(models)[0].name, 'LLM Router: local/tiny');
    assert.equal(forced(models)[0].family, 'tiny');
  });

  it('names auto so that it sorts first, as VS Code\'s Chat preselects the first model by name', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/);
    fc.assert(fc.property(fc.array(fc.tuple(id, id), { maxLength: 6 }), fc.array(id, { maxLength: 4 }), (refs, aliases) => {
      const models = modelInformation(refs.map(([provider, model]) => ({ model: `${provider}/${model}`, contextWindow: 8_192, maxOutputTokens: 1_024 })), aliases);
      const [first] = [...models].sort((a, b) => a.name.localeCompare(b.name));
      assert.equal(first.id, AUTO_ID, models.map((m) => m.name).join(', '));
    }));
    // The provider ids Add Provider… suggests, which sort before "LLM Router" on their own.
    const [first] = modelInformation([{ model: 'anthropic/claude-haiku-4-5', contextWindow: 200_000, maxOutputTokens: 8_192 }])
      .sort((a, b) => a.name.localeCompare(b.name));
    assert.equal(first.id, AUTO_ID);
  });

  it('gives each model its output limit and the rest of its window for the prompt, up to a quarter kept for the answer', () => {
    const [tiny, sonnet] = forced(modelInformation(listing));
    assert.equal(tiny.maxOutputTokens, 4_096);
    assert.equal(tiny.maxInputTokens, 32_000 - 4_096);
    assert.equal(sonnet.maxInputTokens, 200_000 - 50_000);
    assert.equal(inputRoom(8_192, 8_192), 8_192 - 2_048);
  });

  it('gives auto the largest limits and every capability some model has', () => {
    const [auto] = modelInformation(listing);
    assert.equal(auto.maxOutputTokens, 64_000);
    assert.equal(auto.maxInputTokens, 150_000);
    assert.deepEqual(auto.capabilities, { toolCalling: true, imageInput: true });
  });

  it('assumes tool calling and no image input where the catalog does not know, and follows it where it does', () => {
    assert.deepEqual(capabilitiesOf({}), { toolCalling: true, imageInput: false });
    assert.deepEqual(capabilitiesOf({ tools: false, vision: true }), { toolCalling: false, imageInput: true });
  });

  it('says when a model cannot be called now', () => {
    const [tiny, sonnet] = forced(modelInformation(listing));
    assert.doesNotMatch(tiny.tooltip ?? '', /unavailable/i);
    assert.match(sonnet.tooltip ?? '', /no API key/);
    assert.match(sonnet.detail ?? '', /unavailable/);
  });

  it('offers the strategies and the user\'s aliases as models with auto\'s limits, for the router to resolve', () => {
    const models = modelInformation(listing, aliasNames({ smart: { models: ['local/tiny'] }, best: {} }));
    assert.deepEqual(models.map((m) => m.id).slice(0, 5), [AUTO_ID, 'cheap', 'fast', 'best', 'smart']);
    const smart = models[4];
    assert.equal(smart.name, 'LLM Router: smart');
    assert.equal(smart.maxInputTokens, models[0].maxInputTokens);
    assert.deepEqual(smart.capabilities, models[0].capabilities);
    assert.deepEqual(aliasNames(undefined), []);
  });

  it('still offers auto when no model is configured, saying so', () => {
    const [auto] = modelInformation([]);
    assert.equal(auto.id, AUTO_ID);
    assert.match(auto.detail ?? '', /no models configured/);
  });
});

describe('models before the router server is up', () => {
  it('are read from the providers setting, with the window it gives or a typical one', () => {
    const providers = [{ id: 'oai', models: [{ id: 'mini', contextWindow: 16_000 }, { id: 'big' }] }, { id: 'bad' }, 'junk'];
    assert.deepEqual(provisionalListing(providers), [
      { model: 'oai/mini', contextWindow: 16_000, maxOutputTokens: PROVISIONAL_MAX_OUTPUT },
      { model: 'oai/big', contextWindow: 128_000, maxOutputTokens: PROVISIONAL_MAX_OUTPUT },
    ]);
    assert.deepEqual(provisionalListing(undefined), []);
  });
});

describe('the requesting client', () => {
  it('is the extension VS Code names, VS Code\'s own chat for "core", or a generic label', () => {
    assert.equal(requestClient({ requestInitiator: 'acme.helper' }), 'acme.helper');
    assert.equal(requestClient({ requestInitiator: 'core' }), VSCODE_CHAT);
    assert.equal(requestClient({}), UNKNOWN_CALLER);
  });
});
