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

  it('keep Anthropic\'s explanation of a refusal (stop_details) apart from the text before it, plain and streamed', async () => {
    const explanation = 'This request could enable malware development.';
    fake().script({ kind: 'refusal', text: WORDS, category: 'cyber', explanation }, { times: 2 });
    fake().script({ kind: 'refusal', text: WORDS, category: null, explanation: null }, { times: 1 });
    const client = ADAPTERS.find((adapter) => adapter.name === 'anthropic')!.create(fake());
    const plain = await client.chat(chatRequest(), 'test-key');
    const streamed = await client.chat(chatRequest({ onDelta: () => undefined }), 'test-key');
    for (const answer of [plain, streamed]) {
      assert.deepEqual([answer.text, answer.refusal, answer.refusalDetails], [WORDS, '', { category: 'cyber', explanation }]);
    }
    const unnamed = await client.chat(chatRequest(), 'test-key');
    assert.deepEqual(unnamed.refusalDetails, { category: null, explanation: null }, 'stop_details with nulls is passed on as it came');
    fake().script({ kind: 'refusal', text: WORDS }, { times: 1 });
    assert.equal((await client.chat(chatRequest(), 'test-key')).refusalDetails, undefined, 'no stop_details, no details');
  });
});
