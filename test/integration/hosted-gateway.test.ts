// The HTTP gateway hosted inside the editor's router server (router/gateway): a real
// server process over stdio, its gateway started by the RPC, called from outside with the
// official openai SDK; the request is paid with the editor's keys, recorded in the editor's
// ledger under its workspace and the caller's name, and announced by router/usageChanged.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import OpenAI, { APIError } from 'openai';
import { ErrorCodes, GatewayRequest, SetApiKeysNotification, UsageRequest, type GatewayStatus } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { ServerProcess } from './server-process';

const TOKEN = 'tok-0123456789abcdefghijklmnopqrstuvwxyz';
const EDITOR_WS = 'ws-editor-1234';

describe('router server: hosted HTTP gateway (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();
  let server: ServerProcess;
  let status: GatewayStatus;

  const start = (port = 0, token = TOKEN) =>
    server.connection.sendRequest(GatewayRequest.type, { action: 'start', port, token, workspaceId: EDITOR_WS });
  const sdk = (apiKey = TOKEN, headers: Record<string, string> = {}) =>
    new OpenAI({ baseURL: status.url, apiKey, maxRetries: 0, defaultHeaders: headers });

  beforeEach(async () => {
    // No keys at start: the editor sends them later, as it does from SecretStorage.
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }) });
    status = await start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('answers the openai SDK with the editor’s keys, counted under the editor’s workspace and the caller, and notifies', async () => {
    assert.equal(status.running, true);
    assert.match(status.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(status.token, TOKEN);
    await server.connection.sendNotification(SetApiKeysNotification.type, { apiKeys: { claude: 'editor-secret-key' } });

    const { data, response } = await sdk()
      .chat.completions.create({ model: 'claude/claude-fake', messages: [{ role: 'user', content: 'What is a monad?' }] })
      .withResponse();
    assert.equal(data.model, 'claude/claude-fake');
    assert.equal(fake().requests.at(-1)?.apiKey, 'editor-secret-key', 'the key the editor sent paid for it');
    const cost = Number(response.headers.get('x-llm-router-cost-usd'));
    assert.ok(cost > 0);

    await server.waitFor(() => server.usageEvents.some((u) => u.workspaceId === EDITOR_WS));
    const notified = server.usageEvents.filter((u) => u.workspaceId === EDITOR_WS);
    assert.equal(notified.length, 1, 'one router/usageChanged per request');
    assert.ok(Math.abs(notified[0].today.costUsd - cost) < 1e-12);

    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: EDITOR_WS });
    assert.equal(usage.today.requests, 1);
    const clients = Object.keys(usage.byClient);
    assert.equal(clients.length, 1);
    assert.match(clients[0], /^OpenAI\/JS /, 'the caller is named by its user-agent');
    assert.ok(Math.abs(usage.byClient[clients[0]].costUsd - cost) < 1e-12);
    const gatewayDefault = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'gateway' });
    assert.equal(gatewayDefault.total.requests, 0, 'nothing went to the standalone gateway’s default workspace');
  });

  it('requires the token, as a Bearer token or as x-api-key', async () => {
    await assert.rejects(sdk('not-the-token').models.list(), (e: APIError) => e.status === 401);
    const bare = await fetch(`${status.url}/models`);
    assert.equal(bare.status, 401);
    const chat = await fetch(`${status.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(chat.status, 401);
    assert.equal(fake().requests.length, 0, 'no provider was called without the token');
    const anthropicStyle = await fetch(`${status.url}/models`, { headers: { 'x-api-key': TOKEN } });
    assert.equal(anthropicStyle.status, 200);
    assert.ok((await sdk().models.list()).data.some((m) => m.id === 'local/tiny-coder'));
  });

  it('counts a request under the workspace and client the caller names in x-llm-router-* headers', async () => {
    await sdk(TOKEN, { 'x-llm-router-workspace': 'ws-other', 'x-llm-router-client': 'aider' }).chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'Explain closures in one line' }],
    });
    await server.waitFor(() => server.usageEvents.some((u) => u.workspaceId === 'ws-other'));
    const other = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-other' });
    assert.deepEqual(Object.keys(other.byClient), ['aider']);
    const editor = await server.connection.sendRequest(UsageRequest.type, { workspaceId: EDITOR_WS });
    assert.equal(editor.total.requests, 0);
  });

  it('uses a free port when the one asked for is taken, and says which it asked for', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const moved = await start(taken);
      assert.equal(moved.requestedPort, taken);
      assert.notEqual(moved.port, taken);
      status = moved;
      assert.ok((await sdk().models.list()).data.length > 0);
    } finally {
      blocker.close();
    }
  });

  it('keeps running when asked to start again the same way, stops on request and with the server', async () => {
    const again = await start();
    assert.equal(again.url, status.url, 'the same request changes nothing');
    assert.deepEqual(await server.connection.sendRequest(GatewayRequest.type, { action: 'status' }), status);

    assert.deepEqual(await server.connection.sendRequest(GatewayRequest.type, { action: 'stop' }), { running: false });
    await assert.rejects(fetch(`${status.url}/models`, { headers: { authorization: `Bearer ${TOKEN}` } }));

    status = await start();
    assert.ok((await sdk().models.list()).data.length > 0);
    await server.stop();
    await assert.rejects(fetch(`${status.url}/models`, { headers: { authorization: `Bearer ${TOKEN}` } }));
  });

  it('refuses a token shorter than 32 characters', async () => {
    await assert.rejects(
      server.connection.sendRequest(GatewayRequest.type, { action: 'start', token: 'short' }),
      (e: { code: number; message: string }) => e.code === ErrorCodes.InvalidParams && /token/.test(e.message),
    );
  });
});
