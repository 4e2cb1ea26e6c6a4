import assert from 'node:assert/strict';
import { createOpenAIClient } from '../../../../server/src/providers/openai';
import { chatRequest, collectDeltas, failureOf, providerSettings, useFakeProviders } from '../support';

describe('OpenAI adapter', () => {
  const fake = useFakeProviders();
  const client = () => createOpenAIClient(providerSettings('openai', fake().openaiUrl));

  it('returns the completion text and the exact token counts from usage', async () => {
    const response = await client().chat(chatRequest(), 'sk-test-key-1');

    assert.deepEqual(response, {
      text: 'Fake test-model answers: Explain closures in JavaScript please',
      inputTokens: 7,
      outputTokens: 8,
    });
  });

  it('sends the key as a Bearer token with max_completion_tokens and the messages in order', async () => {
    await client().chat(chatRequest(), 'sk-test-key-1');

    const [recorded] = fake().requests;
    assert.equal(recorded.apiKey, 'sk-test-key-1');
    const body = recorded.body as Record<string, unknown>;
    assert.equal(body.max_completion_tokens, 64);
    assert.equal(body.temperature, 0.2);
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Explain closures in JavaScript please' },
    ]);
  });

  it('streams every text delta and takes the token counts from the final usage chunk', async () => {
    const { deltas, onDelta } = collectDeltas();

    const response = await client().chat(chatRequest({ onDelta }), 'sk-test-key-1');

    assert.equal(deltas.length, 8);
    assert.equal(deltas.join(''), response.text);
    assert.deepEqual(response, {
      text: 'Fake test-model answers: Explain closures in JavaScript please',
      inputTokens: 7,
      outputTokens: 8,
    });
  });

  it('asks for stream usage with stream_options.include_usage when streaming', async () => {
    await client().chat(chatRequest({ onDelta: () => undefined }), 'sk-test-key-1');

    const body = fake().requests[0].body as Record<string, unknown>;
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
  });

  it('fails with auth before any request when no key is given', async () => {
    const error = await failureOf(client().chat(chatRequest(), undefined));

    assert.equal(error.reason, 'auth');
    assert.match(error.message, /^openai\/test-model: authentication failed: no API key configured$/);
    assert.equal(fake().requests.length, 0);
  });

  it('uses the key of each call, not the first one it saw', async () => {
    const adapter = client();
    await adapter.chat(chatRequest(), 'sk-first-key');
    await adapter.chat(chatRequest(), 'sk-second-key');
    await adapter.chat(chatRequest(), 'sk-first-key');

    assert.deepEqual(
      fake().requests.map((r) => r.apiKey),
      ['sk-first-key', 'sk-second-key', 'sk-first-key'],
    );
  });

  it('repeats a call without the temperature once a reasoning model refuses it, and leaves it out for that model after', async () => {
    fake().script({ kind: 'fixed-temperature' }, { model: 'test-model', times: 'always' });
    const openai = client();
    const { deltas, onDelta } = collectDeltas();

    const first = await openai.chat(chatRequest({ onDelta }), 'sk-test-key-1');
    const second = await openai.chat(chatRequest(), 'sk-test-key-1');

    assert.match(first.text, /^Fake test-model answers/);
    assert.equal(deltas.join(''), first.text, 'the stream started once, after the refusal');
    assert.match(second.text, /^Fake test-model answers/);
    const temperatures = fake().requests.map((r) => (r.body as Record<string, unknown>).temperature);
    assert.deepEqual(temperatures, [0.2, undefined, undefined], 'refused once, then never sent again');
  });

  it('still fails on other 400s, and keeps sending the temperature to models that take it', async () => {
    fake().script({ kind: 'status', status: 400, message: 'messages: too long' }, { model: 'test-model' });
    const openai = client();

    assert.equal((await failureOf(openai.chat(chatRequest(), 'sk-test-key-1'))).reason, 'bad_request');
    await openai.chat(chatRequest(), 'sk-test-key-1');
    assert.equal((fake().requests.at(-1)!.body as Record<string, unknown>).temperature, 0.2);
    assert.equal(fake().requests.length, 2, 'no second try without the temperature');
  });
});
