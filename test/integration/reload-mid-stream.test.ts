// A window reloads (or closes) while an answer streams: VS Code stops the router server, with
// `shutdown` and `exit` when it has time, or by closing its pipes. The provider has already
// sent (and will bill) part of the answer. The server ends the call as Cancel does and records
// what streamed, at its estimated cost, before it exits: the server the reloaded window starts
// on the same storage folder finds it there once. (These tests used to wait, without meaning
// to, for the whole answer before stopping the server: an async helper returned the pending
// request, which awaiting it waited for. The server then exited mid-stream and lost the row.)
import assert from 'node:assert/strict';
import { DashboardRequest, ExecuteRequest, UsageRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

const WS = 'ws-reloaded';

describe('router server: a window reloaded, or its settings changed, while an answer streams (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let server: ServerProcess;
  let next: ServerProcess | undefined;
  const settings = () => fakeSettings(fake(), { cache: { enabled: false } });

  beforeEach(async () => {
    server = await ServerProcess.start({ settings: settings(), apiKeys: API_KEYS });
  });
  afterEach(async () => {
    await next?.stop();
    next = undefined;
    await server.stop();
  });

  /**
   * Starts a streamed explanation whose events come 300 ms apart; resolves once some text arrived,
   * with the request's end wrapped (returned bare, awaiting this would wait for the whole answer).
   */
  async function streamSomething(token: string): Promise<{ pending: Promise<unknown> }> {
    fake().script({ kind: 'slow', chunkDelayMs: 300 }, { times: 'always' });
    const deltas: string[] = [];
    server.connection.onProgress(ExecuteRequest.progress, token, (v) => void deltas.push(v.delta));
    const pending = server.connection
      .sendRequest(ExecuteRequest.type, { workspaceId: WS, kind: 'explain', document: SAMPLE_DOC, partialResultToken: token })
      .catch((error: unknown) => error);
    await server.waitFor(() => deltas.join('').length > 0);
    return { pending };
  }

  /** The ledger as the reloaded window's new server finds it. */
  async function afterReload() {
    next = await ServerProcess.start({ settings: settings(), apiKeys: API_KEYS, storageDir: server.storageDir });
    const usage = await next.connection.sendRequest(UsageRequest.type, { workspaceId: WS });
    const { history } = await next.connection.sendRequest(DashboardRequest.type, { workspaceId: WS });
    return { usage, history };
  }

  it('ends the answer streaming at a shutdown (the editor stopping the server) and records it once, at what streamed, before exiting', async () => {
    const { pending } = await streamSomething('reload-shutdown');
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    await server.connection.sendRequest('shutdown');
    await server.connection.sendNotification('exit');
    await exited;
    await pending;

    const { usage, history } = await afterReload();
    assert.equal(usage.today.requests, 1, 'one row for the request');
    assert.equal(history[0].outcome, 'cancelled');
    assert.ok(usage.today.costUsd > 0, 'what streamed costs money');
    assert.equal(usage.today.estimatedRequests, 1, 'at the router’s count of what streamed (the provider never sent its usage)');
  });

  it('ends the answer streaming when the editor went away without a shutdown (its pipes closed) and records it once', async () => {
    await streamSomething('reload-pipes'); // its answer never arrives: nobody reads the pipe
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    // The extension host is gone: no shutdown, no exit, and nobody reads what the server writes.
    server.child.stdin!.end();
    server.child.stdout!.destroy();
    await exited;

    const { usage, history } = await afterReload();
    assert.equal(usage.today.requests, 1, 'one row for the request');
    assert.equal(history[0].outcome, 'cancelled');
    assert.ok(usage.today.costUsd > 0, 'what streamed costs money');
  });

  it('finishes and records an answer streaming while the settings change under it (its provider removed, a budget set)', async () => {
    const { pending } = await streamSomething('settings-mid-stream');
    const without = settings();
    without.providers = without.providers.filter((p) => p.id !== 'local');
    await server.changeSettings({ ...without, budget: { dailyUsd: 5, onExceed: 'block' } });
    const result = (await pending) as { model?: string; usage?: { outputTokens: number } };
    assert.equal(result.model, 'local/tiny-coder', 'the model that was streaming finished the answer');

    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: WS });
    assert.equal(usage.today.requests, 1);
    assert.ok(usage.today.costUsd > 0, 'counted at its price from the settings it started with');
    assert.equal(usage.budget.dailyUsd, 5, 'the new budget applies from now on');
  });
});
