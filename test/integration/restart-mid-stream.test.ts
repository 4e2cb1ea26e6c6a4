// Restart Server (or a window reloading) stops the router server while answers stream: one for
// the editor over router/execute, one for an agent over the hosted gateway. The provider has
// already sent, and bills, part of each. The stopping server ends them as Cancel does and
// records each once, at the cost of what streamed, before it exits; the next server, on the
// same storage folder, finds exactly those rows. (Before: the process exited mid-stream and
// the answers were never recorded.)
import assert from 'node:assert/strict';
import { DashboardRequest, ErrorCodes, ExecuteRequest, GatewayRequest, type HistoryEntry } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';
import { freePort } from './free-port';
import { ServerProcess } from './server-process';

const WS = 'ws-restarted';
const TOKEN = 'tok-restart-0123456789abcdefghijklmnopqrst';

describe('router server: stopped (Restart Server, a reload) while answers stream (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let server: ServerProcess;
  let next: ServerProcess | undefined;
  const settings = () => fakeSettings(fake(), { cache: { enabled: false } });

  beforeEach(async () => {
    server = await ServerProcess.start({ settings: settings(), apiKeys: API_KEYS });
    // Events 400 ms apart: each answer takes seconds, so both are mid-stream when the server stops.
    fake().script({ kind: 'slow', chunkDelayMs: 400 }, { times: 'always' });
  });
  afterEach(async () => {
    await next?.stop();
    next = undefined;
    await server.stop();
  });

  /**
   * An answer streaming over router/execute; resolves once text arrived, with how the request
   * ends (wrapped: an async function returning a promise would wait for it, to the answer's end).
   */
  async function editorStreams(): Promise<{ ended: Promise<unknown> }> {
    const deltas: string[] = [];
    server.connection.onProgress(ExecuteRequest.progress, 'restart-editor', (v) => void deltas.push(v.delta));
    const ended = server.connection
      .sendRequest(ExecuteRequest.type, { workspaceId: WS, kind: 'ask', model: 'local/big-coder', prompt: 'walk me through a lock-free queue', partialResultToken: 'restart-editor' })
      .catch((error: unknown) => error);
    await server.waitFor(() => deltas.join('').length > 0);
    return { ended };
  }

  /** An agent's answer streaming through the hosted gateway; resolves once text arrived. */
  async function agentStreams(): Promise<void> {
    const port = await freePort();
    await server.connection.sendRequest(GatewayRequest.type, { action: 'start', port, token: TOKEN, workspaceId: WS });
    const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-llm-router-client': 'agent' },
      body: JSON.stringify({ model: 'local/big-coder', stream: true, messages: [{ role: 'user', content: 'walk me through a lock-free stack' }] }),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('"content":"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    // Keep reading to the end in the background, as an agent would until the server hangs up.
    void (async () => {
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return;
    })();
  }

  async function historyAfterRestart(): Promise<HistoryEntry[]> {
    next = await ServerProcess.start({ settings: settings(), apiKeys: API_KEYS, storageDir: server.storageDir });
    return (await next.connection.sendRequest(DashboardRequest.type, { workspaceId: WS })).history;
  }

  it('records the editor\'s and the agent\'s streams once each, cancelled at the cost of what streamed, when shut down (Restart Server)', async () => {
    const { ended: editorEnded } = await editorStreams();
    await agentStreams();
    const calls = fake().requests.length;
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    const began = Date.now();
    await server.connection.sendRequest('shutdown');
    await server.connection.sendNotification('exit');
    await exited;
    assert.ok(Date.now() - began < 2_000, 'stopped within the 2 s the editor gives it before killing it');
    const ended = (await editorEnded) as { code?: number; message?: string };
    assert.equal(ended.code, ErrorCodes.ServerStopping, `the editor is told the server stopped, not that its user cancelled: ${JSON.stringify(ended)} ${String(ended)}`);

    const history = await historyAfterRestart();
    assert.equal(history.length, 2, `one row per request: ${JSON.stringify(history.map((h) => [h.client, h.outcome]))}`);
    for (const row of history) {
      assert.equal(row.outcome, 'cancelled', `${row.client}: ended as Cancel ends a request`);
      assert.ok(row.costUsd > 0, `${row.client}: what streamed costs money (${row.costUsd})`);
      assert.equal(row.model, 'local/big-coder');
    }
    assert.deepEqual(history.map((h) => h.client).sort(), ['agent', 'editor']);
    assert.equal(fake().requests.length, calls, 'no provider call after the stop (no retry, no fallback)');
  });

  it('records the editor\'s stream once when the editor went away without a shutdown (its pipes closed)', async () => {
    await editorStreams();
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.stdin!.end();
    server.child.stdout!.destroy();
    await exited;

    const history = await historyAfterRestart();
    assert.equal(history.length, 1);
    assert.equal(history[0].outcome, 'cancelled');
    assert.ok(history[0].costUsd > 0);
  });
});
