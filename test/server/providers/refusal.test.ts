// Both adapters, through their real SDKs and the raw transport: a model that declines to answer
// says so in the response (not as an error to retry), with its words where the API gives any,
// and its tokens as billed.
import assert from 'node:assert/strict';
import { countWords } from '../../fakes/reply';
import { ADAPTERS } from './adapters';
import { chatRequest, collectDeltas, useFakeProviders } from './support';

const WORDS = "I'm sorry, but I can't help with that.";

describe('answers the model declined', () => {
  const fake = useFakeProviders();

  for (const adapter of ADAPTERS) {
    it(`carry the refusal with the tokens billed, plain and streamed (${adapter.label})`, async () => {
      fake().script({ kind: 'refusal', text: WORDS }, { times: 2 });
      const client = adapter.create(fake());
      const { deltas, onDelta } = collectDeltas();
      const refusalPieces: string[] = [];

      const plain = await client.chat(chatRequest(), 'test-key');
      const streamed = await client.chat(chatRequest({ onDelta, onRefusalDelta: (text) => refusalPieces.push(text) }), 'test-key');
      for (const answer of [plain, streamed]) {
        assert.equal(answer.outputTokens, countWords(WORDS));
        if (adapter.name === 'openai') {
          // OpenAI: the words are the refusal, content is null.
          assert.deepEqual([answer.text, answer.refusal], ['', WORDS]);
        } else {
          // Anthropic: stop_reason "refusal" has no words of its own; what was written before stays the text.
          assert.deepEqual([answer.text, answer.refusal], [WORDS, '']);
        }
      }
      if (adapter.name === 'openai') {
        assert.deepEqual(deltas, [], 'no text streamed');
        assert.ok(refusalPieces.length > 1);
        assert.equal(refusalPieces.join(''), WORDS);
      } else {
        assert.equal(deltas.join(''), WORDS);
      }
      assert.equal((await client.chat(chatRequest(), 'test-key')).refusal, undefined, 'an answer is no refusal');
    });
  }
});
