import assert from 'node:assert/strict';
import type { ModelSettings, ProviderSettings } from '../../../shared/settings';
import { describeModel } from '../../../server/src/catalog/describeModel';

const openai: ProviderSettings = { id: 'openai', type: 'openai', models: [{ id: 'gpt-4o-mini' }] };
const ollama: ProviderSettings = {
  id: 'ollama',
  type: 'openai-compatible',
  baseUrl: 'http://localhost:11434/v1',
  models: [{ id: 'llama3' }],
};

function describe1(provider: ProviderSettings, settings: ModelSettings, providerIndex = 0, modelIndex = 0) {
  return describeModel(provider, providerIndex, settings, modelIndex);
}

describe('describeModel', () => {
  it('takes prices, context window and output limit from the price table', () => {
    const { model, warnings } = describe1(openai, { id: 'gpt-4o-mini' });
    assert.equal(model.ref, 'openai/gpt-4o-mini');
    assert.equal(model.priceSource, 'price-table');
    assert.deepEqual([model.inputUsdPerMTok, model.outputUsdPerMTok], [0.15, 0.6]);
    assert.equal(model.contextWindow, 128000);
    assert.equal(model.maxOutputTokens, 16384);
    assert.deepEqual(warnings, []);
  });

  it('lets a settings input price override the table and keeps the table output price', () => {
    const { model } = describe1(openai, { id: 'gpt-4o-mini', inputUsdPerMTok: 0.1 });
    assert.equal(model.priceSource, 'settings');
    assert.deepEqual([model.inputUsdPerMTok, model.outputUsdPerMTok], [0.1, 0.6]);
  });

  it('lets a settings output price override the table and keeps the table input price', () => {
    const { model } = describe1(openai, { id: 'gpt-4o-mini', outputUsdPerMTok: 0.5 });
    assert.equal(model.priceSource, 'settings');
    assert.deepEqual([model.inputUsdPerMTok, model.outputUsdPerMTok], [0.15, 0.5]);
  });

  it('lets a settings context window override the table and caps the output limit to it', () => {
    const { model } = describe1(openai, { id: 'gpt-4o-mini', contextWindow: 8000 });
    assert.equal(model.contextWindow, 8000);
    assert.equal(model.maxOutputTokens, 8000);
  });

  it('lets a settings quality override one kind and names the override in qualitySource', () => {
    const plain = describe1(openai, { id: 'gpt-4o-mini' }).model;
    const { model } = describe1(openai, { id: 'gpt-4o-mini', quality: { refactor: 0.95 } });
    assert.equal(model.quality.refactor, 0.95);
    assert.equal(model.quality.explain, plain.quality.explain);
    assert.match(model.qualitySource, /^settings for refactor; otherwise /);
    assert.equal(model.qualitySourceByKind?.refactor, 'set in settings');
    assert.equal(model.qualitySourceByKind?.completion, plain.qualitySourceByKind?.completion);
  });

  it('names settings alone as the quality source when they set every kind', () => {
    const all = { completion: 0.5, refactor: 0.5, explain: 0.5, summarize: 0.5, ask: 0.5 };
    assert.equal(describe1(openai, { id: 'gpt-4o-mini', quality: all }).model.qualitySource, 'set in settings');
  });

  it('warns about an unknown price, naming the model and the setting, and never assumes $0', () => {
    const { model, warnings } = describe1(ollama, { id: 'mystery-coder' }, 2, 0);
    assert.equal(model.priceSource, 'unknown');
    assert.equal(model.inputUsdPerMTok, undefined);
    assert.equal(model.outputUsdPerMTok, undefined);
    assert.equal(
      warnings[0],
      'No price known for "ollama/mystery-coder"; set llmRouter.providers[2].models[0].inputUsdPerMTok/outputUsdPerMTok ' +
        '(use 0 for a free local model). Its cost is counted as unknown, not $0.',
    );
  });

  it('names only the missing field when settings give one price of an unknown model', () => {
    const { model, warnings } = describe1(ollama, { id: 'mystery-coder', inputUsdPerMTok: 0 }, 1, 3);
    assert.equal(model.priceSource, 'unknown');
    assert.equal(model.inputUsdPerMTok, 0);
    assert.match(warnings[0], /^No output price known for "ollama\/mystery-coder"; set llmRouter\.providers\[1\]\.models\[3\]\.outputUsdPerMTok /);
  });

  it('accepts settings prices for a model the table does not know, without a price warning', () => {
    const { model, warnings } = describe1(ollama, { id: 'mystery-coder', inputUsdPerMTok: 0, outputUsdPerMTok: 0, contextWindow: 32768 });
    assert.equal(model.priceSource, 'settings');
    assert.deepEqual(warnings, []);
  });

  it('assumes an 8192-token context window and a 4096-token output limit, with a warning, when nothing is known', () => {
    const { model, warnings } = describe1(ollama, { id: 'mystery-coder' }, 0, 1);
    assert.equal(model.contextWindow, 8192);
    assert.equal(model.maxOutputTokens, 4096);
    assert.ok(warnings.some((w) => w.includes('assuming 8192 tokens') && w.includes('llmRouter.providers[0].models[1].contextWindow')));
  });

  it('prices an Ollama model in the table at $0 from the table, not as unknown', () => {
    const { model } = describe1(ollama, { id: 'llama3:latest' });
    assert.equal(model.priceSource, 'price-table');
    assert.deepEqual([model.inputUsdPerMTok, model.outputUsdPerMTok], [0, 0]);
  });

  it('takes tool calling, vision and JSON schema support from the price table, with where they came from', () => {
    const { model } = describe1(openai, { id: 'gpt-4o-mini' });
    assert.deepEqual(model.capabilities, {
      tools: { supported: true, from: 'price-table' },
      vision: { supported: true, from: 'price-table' },
      jsonSchema: { supported: true, from: 'price-table' },
    });
  });

  it('reads a flag the price table leaves out as "not supported", as LiteLLM does', () => {
    // ollama/llama3 is listed without supports_function_calling or supports_vision.
    const { model } = describe1(ollama, { id: 'llama3' });
    assert.deepEqual(model.capabilities?.tools, { supported: false, from: 'price-table' });
    assert.deepEqual(model.capabilities?.vision, { supported: false, from: 'price-table' });
  });

  it('leaves the capabilities of a model the table does not list unknown, and lets settings state each one', () => {
    assert.deepEqual(describe1(ollama, { id: 'mystery-coder' }).model.capabilities, {});
    const { model } = describe1(ollama, { id: 'mystery-coder', capabilities: { tools: true, vision: false } }, 0, 2);
    assert.deepEqual(model.capabilities, { tools: { supported: true, from: 'settings' }, vision: { supported: false, from: 'settings' } });
    assert.equal(model.settingsPath, 'llmRouter.providers[0].models[2]');
  });

  it('lets settings override one capability of a model the table lists and keeps the others', () => {
    const { model } = describe1(openai, { id: 'gpt-4o-mini', capabilities: { vision: false } });
    assert.deepEqual(model.capabilities?.vision, { supported: false, from: 'settings' });
    assert.deepEqual(model.capabilities?.tools, { supported: true, from: 'price-table' });
  });

  it('takes the cache-write price from the table, and from settings over it', () => {
    const anthropic: ProviderSettings = { id: 'anthropic', type: 'anthropic', models: [{ id: 'claude-haiku-4-5' }] };
    assert.equal(describe1(anthropic, { id: 'claude-haiku-4-5' }).model.cacheWriteInputUsdPerMTok, 1.25);
    assert.equal(describe1(anthropic, { id: 'claude-haiku-4-5', cacheWriteInputUsdPerMTok: 2 }).model.cacheWriteInputUsdPerMTok, 2);
    assert.equal(describe1(openai, { id: 'gpt-4o-mini' }).model.cacheWriteInputUsdPerMTok, undefined);
  });

  it('says who knows whether a model reasons: settings, the price table, or nobody', () => {
    assert.equal(describe1(openai, { id: 'gpt-4o-mini' }).model.reasoningFrom, 'price-table');
    assert.equal(describe1(openai, { id: 'gpt-4o-mini', reasoning: false }).model.reasoningFrom, 'settings');
    assert.equal(describe1(ollama, { id: 'mystery-coder' }).model.reasoningFrom, undefined);
  });
});
