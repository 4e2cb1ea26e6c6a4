// Two VS Code windows on one machine: each starts its own router server (dist/server.js --stdio)
// on the same global storage folder (one profile, one ledger file) and the same gateway token
// (SecretStorage is shared by the profile's windows), each for its own workspace.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import OpenAI from 'openai';
import {
  ErrorCodes, ExecuteRequest, GatewayChangedNotification, GatewayRequest, SetApiKeysNotification, UsageRequest, type GatewayStatus,
} from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from './fixtures';
import { freePort } from './free-port';
import { ServerProcess } from './server-process';

const TOKEN = 'tok-shared-by-the-profile-0123456789abcdefghij';
const WS_A = 'ws-window-a';
const WS_B = 'ws-window-b';

describe('router server: two editor windows on one machine (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let a: ServerProcess;
  let b: ServerProcess;
  let changes: GatewayStatus[];

  const startGateway = (server: ServerProcess, port: number, workspaceId: string, token = TOKEN) =>
    server.connection.sendRequest(GatewayRequest.type, { action: 'start', port, token, workspaceId });
  const usage = (server: ServerProcess, workspaceId: string) => server.connection.sendRequest(UsageRequest.type, { workspaceId });
  const ask = (port: number) =>
    new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: TOKEN, maxRetries: 0 }).chat.completions.create({
      model: 'local/tiny-coder',
      messages: [{ role: 'user', content: 'What is a closure?' }],
    });

  beforeEach(async () => {
    a = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: API_KEYS });
    b = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: API_KEYS, storageDir: a.storageDir });
    changes = [];
    b.connection.onNotification(GatewayChangedNotification.type, (status) => void changes.push(status));
    await b.connection.sendNotification(SetApiKeysNotification.type, { apiKeys: API_KEYS });
  });
  afterEach(async () => {
    await b.stop();
    await a.stop(); // owns the shared folder: removes it last
  });

  it('records every request of both windows once when they write the shared ledger at the same time', async () => {
    const each = 15;
    const run = (server: ServerProcess, workspaceId: string) =>
      Array.from({ length: each }, (_, i) =>
        server.connection.sendRequest(ExecuteRequest.type, { workspaceId, kind: 'explain', document: SAMPLE_DOC, prompt: `why, take ${i}` }));
    const results = await Promise.all([...run(a, WS_A), ...run(b, WS_B)]);
    assert.equal(results.length, 2 * each);

    // Each window reads the file both wrote: its own rows and the other's (once the other's
    // journal is copied in, within a moment), none lost, none twice.
    for (const reader of [a, b]) {
      for (const workspaceId of [WS_A, WS_B]) {
        const counted = await settled(() => usage(reader, workspaceId).then((u) => u.today.requests), each);
        assert.equal(counted, each, `${workspaceId}'s requests, read by the other server too`);
      }
    }
    const [ofA, ofB] = await Promise.all([usage(a, WS_A), usage(b, WS_B)]);
    assert.equal(ofA.today.requests + ofB.today.requests, 2 * each);
  });

  it('blocks a window once another window on the same workspace spent its budget (the ledger both write is the one read)', async () => {
    const tight = fakeSettings(fake(), { cache: { enabled: false }, budget: { dailyUsd: 0.000001, onExceed: 'block' } });
    await Promise.all([a.changeSettings(tight), b.changeSettings(tight)]);
    const ask = { workspaceId: WS_A, kind: 'ask' as const, model: 'local/big-coder', prompt: 'design a lock-free queue' };
    await a.connection.sendRequest(ExecuteRequest.type, ask);
    // The first window's row reaches the file within its journal's short deferral (DEFERRED_COMMIT_MS).
    const state = async () => ((await usage(b, WS_A)).budget.state === 'exceeded' ? 1 : 0);
    assert.equal(await settled(state, 1), 1, 'the second window reads the spend the first recorded');
    const calls = fake().requests.length;
    await assert.rejects(
      b.connection.sendRequest(ExecuteRequest.type, { ...ask, prompt: 'and a lock-free stack' }),
      (e: { code: number }) => e.code === ErrorCodes.BudgetBlocked,
    );
    assert.equal(fake().requests.length, calls, 'no provider call from the second window once blocked');
  });

  it('stands behind the other window’s gateway on the port asked for, instead of opening a second one elsewhere', async () => {
    const port = await freePort();
    const first = await startGateway(a, port, WS_A);
    assert.equal(first.port, port);
    assert.equal(first.standby, undefined);

    const second = await startGateway(b, port, WS_B);
    assert.equal(second.running, true);
    assert.equal(second.standby, true, 'the second window stands by');
    assert.equal(second.url, `http://127.0.0.1:${port}/v1`, 'and hands out the address agents already use');
    assert.equal(second.requestedPort, undefined, 'the port did not move');
    assert.equal(second.workspaceId, WS_A, 'requests count in the serving window’s workspace, and the status says which');

    await ask(port);
    await a.waitFor(() => a.usageEvents.some((u) => u.workspaceId === WS_A));
    assert.equal((await usage(a, WS_A)).today.requests, 1);
    assert.equal((await usage(a, WS_B)).today.requests, 0);
  });

  it('takes the port over when the serving window’s server ends, tells its editor, and agents keep working there', async () => {
    const port = await freePort();
    await startGateway(a, port, WS_A);
    await startGateway(b, port, WS_B);

    await a.kill(); // the window closed (or crashed): its gateway is gone
    await b.waitFor(() => changes.some((s) => !s.standby), 10_000);
    const taken = changes.at(-1)!;
    assert.deepEqual(
      { running: taken.running, port: taken.port, workspaceId: taken.workspaceId, standby: taken.standby, requestedPort: taken.requestedPort },
      { running: true, port, workspaceId: WS_B, standby: undefined, requestedPort: undefined },
    );

    const answer = await ask(port);
    assert.equal(answer.model, 'local/tiny-coder');
    await b.waitFor(() => b.usageEvents.some((u) => u.workspaceId === WS_B));
    assert.equal((await usage(b, WS_B)).today.requests, 1, 'now counted in the window that serves the port');
    assert.deepEqual(await b.connection.sendRequest(GatewayRequest.type, { action: 'status' }), taken);
  });

  describe('the serving window restarting its server (Restart Server holds the port first)', () => {
    let serving: ServerProcess;
    let restarted: ServerProcess | undefined;
    // Windows of the profile on its shared folder, which `a` owns (its stop removes it).
    const window = () => ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: API_KEYS, storageDir: a.storageDir });
    beforeEach(async () => {
      serving = await window();
      restarted = undefined;
    });
    afterEach(async () => {
      await restarted?.stop();
      await serving.stop();
    });

    it('leaves the port to the restarting window: its new server serves it again, the other window still stands by', async () => {
      const port = await freePort();
      await startGateway(serving, port, WS_A);
      assert.equal((await startGateway(b, port, WS_B)).standby, true);
      restarted = await window(); // the new server process, started once the old one has stopped

      assert.equal((await serving.connection.sendRequest(GatewayRequest.type, { action: 'hold' })).running, true);
      await serving.stop();
      await new Promise((r) => setTimeout(r, 2_500)); // longer than a standby's retry: it looked at the free port
      const back = await startGateway(restarted, port, WS_A);

      assert.deepEqual([back.port, back.standby, back.workspaceId], [port, undefined, WS_A], 'the restarted window serves its port again');
      assert.deepEqual(changes, [], 'the window standing by did not take the port');
      const standing = await b.connection.sendRequest(GatewayRequest.type, { action: 'status' });
      assert.deepEqual([standing.standby, standing.workspaceId], [true, WS_A]);
    });

    it('takes the port over all the same once the hold expires and the restarted window never came back', async () => {
      const port = await freePort();
      await startGateway(serving, port, WS_A);
      await startGateway(b, port, WS_B);
      await serving.connection.sendRequest(GatewayRequest.type, { action: 'hold' });
      await serving.stop();

      await b.waitFor(() => changes.some((s) => !s.standby), 20_000);
      assert.deepEqual([changes.at(-1)!.port, changes.at(-1)!.workspaceId], [port, WS_B]);
    });
  });

  it('does not take the port over once stopped while standing by', async () => {
    const port = await freePort();
    await startGateway(a, port, WS_A);
    await startGateway(b, port, WS_B);
    assert.deepEqual(await b.connection.sendRequest(GatewayRequest.type, { action: 'stop' }), { running: false });

    await a.stop();
    await new Promise((r) => setTimeout(r, 3_000)); // longer than a standby's retry
    await assert.rejects(fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: `Bearer ${TOKEN}` } }));
    assert.deepEqual(changes, []);
  });

  it('moves to a free port, and tells its editor, when another program takes the port the serving window left', async () => {
    const port = await freePort();
    await startGateway(a, port, WS_A);
    await startGateway(b, port, WS_B);
    await a.stop();
    // Some other local web server grabs the port before the second window's next try.
    const other = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      await b.waitFor(() => changes.length > 0, 20_000);
      const moved = changes.at(-1)!;
      assert.equal(moved.standby, undefined);
      assert.equal(moved.requestedPort, port);
      assert.notEqual(moved.port, port);
      assert.equal(moved.workspaceId, WS_B);
      assert.equal((await ask(moved.port!)).model, 'local/tiny-coder');
    } finally {
      other.close();
    }
  });

  it('moves to a free port when the port is held by a gateway with another token (another profile)', async () => {
    const port = await freePort();
    await startGateway(a, port, WS_A, 'tok-of-another-profile-0123456789abcdefghijk');
    const second = await startGateway(b, port, WS_B);
    assert.equal(second.standby, undefined);
    assert.equal(second.requestedPort, port);
    assert.notEqual(second.port, port);
    assert.equal(second.workspaceId, WS_B);
    assert.equal((await ask(second.port!)).model, 'local/tiny-coder');
  });
});

/** Reads `read` until it gives `expected` (or 5 s pass), then once more: what it settles on. */
async function settled(read: () => Promise<number>, expected: number): Promise<number> {
  const deadline = Date.now() + 5_000;
  while ((await read()) !== expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300)); // past the journal's retry: a row copied twice would show now
  return read();
}
