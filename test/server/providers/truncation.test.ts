// Both adapters, through their real SDKs: an answer that stopped at its token limit says so.
import assert from 'node:assert/strict';
import { ADAPTERS } from './adapters';
import { chatRequest, collectDeltas, useFakeProviders } from './support';

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
  }
});
