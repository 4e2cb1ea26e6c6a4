// What the VS Code chat participant and language model provider ask of the server, end to
// end: earlier chat turns sent before a built prompt (history), the model listing with
// limits and availability, and the router's token count.
import assert from 'node:assert/strict';
import { CountTokensRequest, ExecuteRequest, ModelsRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

describe('router server: chat history, model listing, token count (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  beforeEach(async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: {} });
  });
  afterEach(async () => {
    await server.stop();
  });

  it('sends earlier turns between the kind\'s system prompt and the new question', async () => {
    await server.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws',
      kind: 'ask',
      prompt: 'And what does it return for 2 and 3?',
      document: SAMPLE_DOC,
      history: [
        { role: 'user', content: 'What does add do?' },
        { role: 'assistant', content: 'It adds two numbers.' },
      ],
      model: 'local/tiny-coder',
    });
    const body = fake().requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(body.messages[1].content, 'What does add do?');
    assert.equal(body.messages[2].content, 'It adds two numbers.');
    assert.match(body.messages[3].content, /And what does it return for 2 and 3\?/);
    assert.match(body.messages[3].content, /export function add/);
  });

  it('refuses history given with messages, naming the field', async () => {
    await assert.rejects(
      server.connection.sendRequest(ExecuteRequest.type, {
        workspaceId: 'ws',
        messages: [{ role: 'user', content: 'hi' }],
        history: [{ role: 'user', content: 'earlier' }],
      }),
      (error: { code: number; message: string }) => error.code === -32602 && /history/.test(error.message),
    );
  });

  it('lists every configured model with its context window and output limit, and says which cannot be called', async () => {
    const { models } = await server.connection.sendRequest(ModelsRequest.type, {});
    assert.deepEqual(models.map((m) => m.model), ['local/tiny-coder', 'local/big-coder', 'claude/claude-fake']);
    assert.equal(models[0].contextWindow, 32_000);
    assert.equal(models[1].contextWindow, 200_000);
    for (const m of models) assert.ok(m.maxOutputTokens > 0 && m.maxOutputTokens <= m.contextWindow, JSON.stringify(m));
    // Started without a Claude key: the Anthropic model is listed, and said to be unavailable.
    assert.match(models[2].unavailable ?? '', /no API key/);
    assert.equal(models[0].unavailable, undefined);
  });

  it('counts tokens of a text, and of messages with their framing', async () => {
    const { tokens: text } = await server.connection.sendRequest(CountTokensRequest.type, { text: 'hello world' });
    assert.equal(text, 2);
    const { tokens: messages } = await server.connection.sendRequest(CountTokensRequest.type, {
      messages: [{ role: 'user', content: 'hello world' }, { role: 'assistant', content: 'hello world' }],
    });
    assert.equal(messages, 2 * (2 + 4));
  });
});
