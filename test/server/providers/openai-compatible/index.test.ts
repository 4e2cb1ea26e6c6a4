import assert from 'node:assert/strict';
import { createOpenAICompatibleClient } from '../../../../server/src/providers/openai-compatible';
import { chatRequest, failureOf, providerSettings, useFakeProviders } from '../support';

describe('OpenAI-compatible adapter', () => {
  const fake = useFakeProviders();
  const client = () => createOpenAICompatibleClient(providerSettings('openai-compatible', fake().openaiUrl, 'local'));

  it('calls the configured baseUrl and answers without any key', async () => {
    const response = await client().chat(chatRequest(), undefined);

    assert.equal(response.text, 'Fake test-model answers: Explain closures in JavaScript please');
    assert.equal(fake().requests.length, 1);
  });

  it('sends no Authorization header at all when it has no key', async () => {
    const previous = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-env-key-of-the-openai-provider';
    try {
      await client().chat(chatRequest(), undefined);
    } finally {
      if (previous === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = previous;
    }

    assert.equal(fake().requests[0].headers.authorization, undefined);
  });

  it('sends a key as a Bearer token when one is given', async () => {
    await client().chat(chatRequest(), 'local-server-key');

    assert.equal(fake().requests[0].apiKey, 'local-server-key');
  });

  it('limits output with max_tokens, which local servers understand', async () => {
    await client().chat(chatRequest(), undefined);

    const body = fake().requests[0].body as Record<string, unknown>;
    assert.equal(body.max_tokens, 64);
    assert.equal('max_completion_tokens' in body, false);
  });

  it('streams with include_usage like the OpenAI adapter', async () => {
    const response = await client().chat(chatRequest({ onDelta: () => undefined }), undefined);

    assert.deepEqual((fake().requests[0].body as Record<string, unknown>).stream_options, { include_usage: true });
    assert.equal(response.inputTokens, 7);
  });

  it('counts the tokens itself, and flags them as estimated, when a server streams no usage', async () => {
    fake().script({ kind: 'missing-usage' });

    const response = await client().chat(chatRequest({ onDelta: () => undefined }), undefined);

    assert.equal(response.usageEstimated, true);
    assert.equal(response.text, 'Fake test-model answers: Explain closures in JavaScript please');
    assert.ok(response.inputTokens > 0 && response.outputTokens > 0, JSON.stringify(response));
  });

  it('takes the reported usage as it is, with no estimate flag, when the stream carries it', async () => {
    const response = await client().chat(chatRequest({ onDelta: () => undefined }), undefined);

    assert.equal(response.usageEstimated, undefined);
  });

  it('still fails a JSON (non-streamed) reply without usage as malformed: every server sends it there', async () => {
    fake().script({ kind: 'missing-usage' });

    const error = await failureOf(client().chat(chatRequest(), undefined));

    assert.equal(error.reason, 'malformed');
  });

  it('fails with bad_request, naming the problem, when no baseUrl is configured', async () => {
    const noUrl = createOpenAICompatibleClient(providerSettings('openai-compatible', undefined, 'local'));

    const error = await failureOf(noUrl.chat(chatRequest(), undefined));

    assert.equal(error.reason, 'bad_request');
    assert.match(error.message, /^local\/test-model: .*needs a baseUrl/);
  });
});
