import assert from 'node:assert/strict';
import { createAnthropicClient } from '../../../../server/src/providers/anthropic';
import { chatRequest, collectDeltas, failureOf, providerSettings, useFakeProviders } from '../support';

describe('Anthropic adapter', () => {
  const fake = useFakeProviders();
  const client = () => createAnthropicClient(providerSettings('anthropic', fake().anthropicUrl, 'claude'));

  it('returns the message text and the exact input/output tokens from usage', async () => {
    const response = await client().chat(chatRequest(), 'sk-ant-test-1');

    assert.deepEqual(response, {
      text: 'Fake test-model answers: Explain closures in JavaScript please',
      inputTokens: 7,
      outputTokens: 8,
    });
  });

  it('puts system messages in the system parameter and only user/assistant turns in messages', async () => {
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'system' as const, content: 'Answer in English.' },
      { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: 'Hello!' },
      { role: 'user' as const, content: 'What is a closure?' },
    ];

    await client().chat(chatRequest({ messages }), 'sk-ant-test-1');

    const body = fake().requests[0].body as Record<string, unknown>;
    assert.equal(body.system, 'Be brief.\n\nAnswer in English.');
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'What is a closure?' },
    ]);
    assert.equal(body.max_tokens, 64);
  });

  it('sends no system parameter when there is no system message', async () => {
    await client().chat(chatRequest({ messages: [{ role: 'user', content: 'Hi' }] }), 'sk-ant-test-1');

    assert.equal('system' in (fake().requests[0].body as object), false);
  });

  it('sends the key it was given with this call', async () => {
    await client().chat(chatRequest(), 'sk-ant-test-2');

    assert.equal(fake().requests[0].apiKey, 'sk-ant-test-2');
  });

  it('streams text_delta pieces, input tokens from message_start, output tokens from message_delta', async () => {
    const { deltas, onDelta } = collectDeltas();

    const response = await client().chat(chatRequest({ onDelta }), 'sk-ant-test-1');

    assert.equal(fake().requests[0].stream, true);
    assert.equal(deltas.length, 8);
    assert.equal(deltas.join(''), response.text);
    assert.deepEqual(response, {
      text: 'Fake test-model answers: Explain closures in JavaScript please',
      inputTokens: 7,
      outputTokens: 8,
    });
  });

  it('fails with auth before any request when no key is given', async () => {
    const error = await failureOf(client().chat(chatRequest(), undefined));

    assert.equal(error.reason, 'auth');
    assert.equal(error.message, 'claude/test-model: authentication failed: no API key configured');
    assert.equal(fake().requests.length, 0);
  });
});
