import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KINDS } from '../../../shared/protocol';
import { type ProviderSettings, providerSchema } from '../../../shared/settings';
import { buildCatalog, costUsd, strongestModel } from '../../../server/src/catalog/catalog';

const openai: ProviderSettings = {
  id: 'openai',
  type: 'openai',
  models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }],
};
const local: ProviderSettings = {
  id: 'ollama',
  type: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:11434/v1',
  models: [{ id: 'llama3' }, { id: 'mystery', inputUsdPerMTok: 0, outputUsdPerMTok: 0, contextWindow: 32768 }],
};

describe('catalog', () => {
  const { models, warnings } = buildCatalog([openai, local]);
  const byRef = new Map(models.map((m) => [m.ref, m]));
  const gpt4o = byRef.get('openai/gpt-4o')!;
  const mini = byRef.get('openai/gpt-4o-mini')!;

  it('lists every configured model under providerId/modelId', () => {
    assert.deepEqual([...byRef.keys()], ['openai/gpt-4o', 'openai/gpt-4o-mini', 'ollama/llama3', 'ollama/mystery']);
  });

  it('rates a gpt-4o-class model above gpt-4o-mini on refactor', () => {
    assert.ok(gpt4o.quality.refactor > mini.quality.refactor);
  });

  it('rates completion above refactor for the same model', () => {
    for (const model of models) assert.ok(model.quality.completion > model.quality.refactor, model.ref);
  });

  it('costs 1M input tokens at $0.15/MTok at $0.15', () => {
    assert.equal(costUsd(mini, 1_000_000, 0), 0.15);
    assert.equal(costUsd(mini, 1_000_000, 1_000_000), 0.75);
  });

  it('bills prompt tokens read from the provider’s cache at the table’s cached price, the rest at the input price', () => {
    assert.equal(mini.cachedInputUsdPerMTok, 0.075, 'LiteLLM: gpt-4o-mini cache reads at half the input price');
    assert.equal(costUsd(mini, 2_000_000, 0, 1_000_000), 0.225);
    assert.equal(costUsd(mini, 1_000_000, 0, 0), costUsd(mini, 1_000_000, 0));
  });

  it('bills prompt tokens written to the provider’s cache at the cache-write price, reads at the cached price, the rest at the input price', () => {
    const claude = { ...mini, inputUsdPerMTok: 3, outputUsdPerMTok: 15, cachedInputUsdPerMTok: 0.3, cacheWriteInputUsdPerMTok: 3.75 };
    // 1M plain at $3, 1M read at $0.30, 2M written at $3.75, 1M out at $15.
    assert.equal(costUsd(claude, 4_000_000, 1_000_000, 1_000_000, 2_000_000), 3 + 0.3 + 7.5 + 15);
  });

  it('bills cache writes at the input price when no cache-write price is known, and never more than the prompt had', () => {
    assert.equal(costUsd(mini, 1_000_000, 0, 0, 1_000_000), 0.15);
    assert.equal(costUsd({ ...mini, cacheWriteInputUsdPerMTok: 0.3 }, 1_000_000, 0, 500_000, 5_000_000), 0.075 / 2 + 0.3 / 2);
  });

  it('never bills cached tokens above the input price, nor more cached tokens than the prompt had', () => {
    const odd = { ...mini, cachedInputUsdPerMTok: 9 };
    assert.equal(costUsd(odd, 1_000_000, 0, 1_000_000), 0.15);
    assert.equal(costUsd(mini, 1_000_000, 0, 5_000_000), 0.075);
    assert.equal(costUsd({ ...mini, cachedInputUsdPerMTok: undefined }, 1_000_000, 0, 1_000_000), 0.15, 'no cached price: no discount');
  });

  it('knows from the table which models reason, and lets settings say so for others', () => {
    const { models: [gpt5mini, qwen3] } = buildCatalog([
      { ...openai, models: [{ id: 'gpt-5-mini' }] },
      { ...local, models: [{ id: 'qwen3', inputUsdPerMTok: 0, outputUsdPerMTok: 0, reasoning: true }] },
    ]);
    assert.equal(gpt5mini.reasoning, true);
    assert.equal(qwen3.reasoning, true);
    assert.equal(mini.reasoning, undefined);
  });

  it('takes a cached price from settings over the table', () => {
    const set = buildCatalog([{ ...openai, models: [{ id: 'gpt-4o-mini', cachedInputUsdPerMTok: 0.01 }] }]);
    assert.equal(set.models[0].cachedInputUsdPerMTok, 0.01);
  });

  it('costs a free local model at $0 and a model with an unknown price at undefined', () => {
    assert.equal(costUsd(byRef.get('ollama/mystery')!, 5000, 5000), 0);
    assert.equal(costUsd({ ...mini, outputUsdPerMTok: undefined }, 10, 10), undefined);
  });

  it('keeps a duplicate model entry out and warns about it', () => {
    const twice = buildCatalog([{ ...openai, models: [{ id: 'gpt-4o' }, { id: 'gpt-4o', inputUsdPerMTok: 1 }] }]);
    assert.equal(twice.models.length, 1);
    assert.match(twice.warnings[0], /"openai\/gpt-4o" is listed twice in llmRouter\.providers\[0\]\.models/);
  });

  it('raises no warnings when the table or settings know every price and context window', () => {
    assert.deepEqual(warnings, []);
  });

  it('picks the model with the highest prior for a kind, or over all kinds', () => {
    assert.equal(strongestModel(models, 'refactor')?.ref, 'openai/gpt-4o');
    assert.equal(strongestModel(models)?.ref, 'openai/gpt-4o');
    assert.equal(strongestModel([]), undefined);
  });

  it('never throws for valid settings and gives every model qualities in [0, 1] and positive limits', () => {
    const hosts = ['https://openrouter.ai/api/v1', 'http://localhost:11434/v1', 'https://api.groq.com/openai/v1', 'https://x.example/v1'];
    const model = fc.record(
      {
        id: fc.oneof(fc.constantFrom('gpt-4o', 'claude-sonnet-4-20250514', 'llama3:latest', 'deepseek/deepseek-chat'), fc.string({ minLength: 1 })),
        inputUsdPerMTok: fc.double({ min: 0, max: 1000, noNaN: true }),
        outputUsdPerMTok: fc.double({ min: 0, max: 1000, noNaN: true }),
        contextWindow: fc.integer({ min: 1, max: 2_000_000 }),
        quality: fc.dictionary(fc.constantFrom(...KINDS), fc.double({ min: 0, max: 1, noNaN: true })),
      },
      { requiredKeys: ['id'] },
    );
    const provider = fc.record(
      {
        id: fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/),
        type: fc.constantFrom('openai', 'anthropic', 'openai-compatible'),
        baseUrl: fc.constantFrom(...hosts),
        models: fc.array(model, { minLength: 1, maxLength: 4 }),
      },
      { requiredKeys: ['id', 'type', 'models'] },
    );
    fc.assert(
      fc.property(fc.array(provider, { maxLength: 4 }), (raw) => {
        const providers = raw.map((p) => providerSchema.parse(p));
        const catalog = buildCatalog(providers);
        for (const m of catalog.models) {
          for (const kind of KINDS) assert.ok(m.quality[kind] >= 0 && m.quality[kind] <= 1, `${m.ref} ${kind}`);
          assert.ok(m.contextWindow > 0 && m.maxOutputTokens > 0 && m.latencyPriorMs > 0, m.ref);
          const priced = m.inputUsdPerMTok !== undefined && m.outputUsdPerMTok !== undefined;
          assert.equal(m.priceSource === 'unknown', !priced, m.ref);
        }
      }),
      { numRuns: 300 },
    );
  });
});
