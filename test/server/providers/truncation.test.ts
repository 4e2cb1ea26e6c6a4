// Both adapters, through their real SDKs: an answer that stopped at its token limit says so.
import assert from 'node:assert/strict';
import { ADAPTERS } from './adapters';
import { chatRequest, collectDeltas, failureOf, useFakeProviders } from './support';

describe('answers cut at their token limit', () => {
  const fake = useFakeProviders();

  for (const adapter of ADAPTERS) {
    it(`are flagged truncated, plain and streamed, and others are not (${adapter.name})`, async () => {
      fake().script({ kind: 'truncated' }, { times: 2 });
      const client = adapter.create(fake());
      const { onDelta } = collectDeltas();

      assert.equal((await client.chat(chatRequest(), 'test-key')).truncated, true);
      assert.equal((await client.chat(chatRequest({ onDelta }), 'test-key')).truncated, true);
      assert.equal((await client.chat(chatRequest(), 'test-key')).truncated, undefined);
    });

    it(`fail when empty, carrying the usage the provider billed, plain and streamed (${adapter.name})`, async () => {
      // A reasoning model that spent its whole limit thinking: no text, 64 output tokens billed.
      fake().script({ kind: 'truncated', text: '', outputTokens: 64 }, { times: 2 });
      const client = adapter.create(fake());
      const { deltas, onDelta } = collectDeltas();

      for (const request of [chatRequest(), chatRequest({ onDelta })]) {
        const error = await failureOf(client.chat(request, 'test-key'));
        assert.equal(error.reason, 'bad_request');
        assert.match(error.message, /the answer was empty: all 64 tokens of its limit were used before any text/);
        assert.equal(error.billedUsage?.outputTokens, 64);
        assert.ok((error.billedUsage?.inputTokens ?? 0) > 0);
      }
      assert.deepEqual(deltas, []);
    });
  }
});
