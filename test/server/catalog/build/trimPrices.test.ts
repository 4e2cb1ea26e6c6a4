import assert from 'node:assert/strict';
import { trimEntry, trimPriceTable } from '../../../../server/src/catalog/build/trimPrices';

const chat = {
  mode: 'chat',
  litellm_provider: 'openai',
  input_cost_per_token: 1.5e-7,
  output_cost_per_token: 6e-7,
  max_input_tokens: 128000,
  max_output_tokens: 16384,
  supports_vision: true,
  cache_read_input_token_cost: 7.5e-8,
  supports_reasoning: false,
};

describe('trimPrices', () => {
  it('converts USD per token to USD per million tokens without float noise, the cached-read price too', () => {
    // As written to the snapshot: JSON leaves out the fields that are undefined.
    assert.deepEqual(JSON.parse(JSON.stringify(trimEntry(chat))), { input: 0.15, output: 0.6, cacheRead: 0.075, vision: true, context: 128000, maxOutput: 16384, provider: 'openai' });
  });

  it('keeps the flag of a model that reasons, and only that', () => {
    assert.equal(trimEntry({ ...chat, supports_reasoning: true })?.reasoning, true);
    assert.equal(trimEntry(chat)?.reasoning, undefined);
  });

  it('keeps tool calling, vision and JSON schema flags only when true, and the cache-write price', () => {
    const flagged = trimEntry({
      ...chat,
      supports_function_calling: true,
      supports_response_schema: false,
      cache_creation_input_token_cost: 3.75e-6,
    });
    assert.equal(flagged?.tools, true);
    assert.equal(flagged?.vision, true);
    assert.equal(flagged?.jsonSchema, undefined);
    assert.equal(flagged?.cacheWrite, 3.75);
    assert.equal(trimEntry({ ...chat, supports_vision: 'yes' })?.vision, undefined);
  });

  it('keeps only chat models', () => {
    assert.equal(trimEntry({ ...chat, mode: 'embedding' }), undefined);
  });

  it('drops an entry with neither a price nor a context window', () => {
    const bare = { mode: 'chat', litellm_provider: 'x' };
    assert.equal(trimEntry(bare), undefined);
  });

  it('leaves out a negative or non-numeric price instead of inventing one', () => {
    const odd = trimEntry({ ...chat, input_cost_per_token: -1, output_cost_per_token: '0.1' });
    assert.equal(odd?.input, undefined);
    assert.equal(odd?.output, undefined);
    assert.equal(odd?.context, 128000);
  });

  it('skips wildcard keys and non-object values such as the sample spec notes', () => {
    const snapshot = trimPriceTable(
      { 'gpt-4o-mini': chat, 'bedrock/*/1-month-commitment/x': chat, last_updated: '2026-07-24' },
      'test',
    );
    assert.deepEqual(Object.keys(snapshot.models), ['gpt-4o-mini']);
    assert.equal(snapshot.source, 'test');
  });
});
