// The all-workspaces budget across windows: two router servers (two VS Code windows) on one
// storage folder (one profile, one ledger file), each for its own workspace. What one window
// spends counts against the limit the other checks; every face names that budget when it refuses.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ErrorCodes, ExecuteRequest, GatewayRequest, UsageRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';
import { freePort } from './free-port';
import { ServerProcess } from './server-process';

const TOKEN = 'tok-shared-by-the-profile-0123456789abcdefghij';
const WS_A = 'ws-window-a';
const WS_B = 'ws-window-b';

describe('router server: the all-workspaces budget across two windows (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let a: ServerProcess;
  let b: ServerProcess;

  // Each workspace may spend $10 a day (and only be warned past it); all of them together almost
  // nothing, blocked past it (the user's onExceed, as the client sends it): the first paid request fills it.
  const settings = () =>
    fakeSettings(fake(), {
      cache: { enabled: false },
      budget: { dailyUsd: 10, onExceed: 'warn', allWorkspaces: { dailyUsd: 0.000001, onExceed: 'block' } },
    });
  const usage = (server: ServerProcess, workspaceId: string) => server.connection.sendRequest(UsageRequest.type, { workspaceId });
  const ask = { kind: 'ask' as const, model: 'local/big-coder', prompt: 'design a lock-free queue' };

  beforeEach(async () => {
    a = await ServerProcess.start({ settings: settings(), apiKeys: API_KEYS });
    b = await ServerProcess.start({ settings: settings(), apiKeys: API_KEYS, storageDir: a.storageDir });
  });
  afterEach(async () => {
    await b.stop();
    await a.stop(); // owns the shared folder: removes it last
  });

  it('blocks the second workspace once the first spent the all-workspaces limit, naming that budget, with no provider call', async () => {
    const answered = await a.connection.sendRequest(ExecuteRequest.type, { ...ask, workspaceId: WS_A });
    assert.ok(answered.usage.costUsd > 0.000001, 'the first request alone passes the limit');
    // The first window's row reaches the file within its journal's short deferral.
    const exceeded = await eventually(async () => (await usage(b, WS_B)).allWorkspaces?.budget.state === 'exceeded');
    assert.ok(exceeded, 'the second window reads the total the first recorded');

    const ofB = await usage(b, WS_B);
    assert.equal(ofB.budget.state, 'ok', 'workspace B spent nothing of its own budget');
    assert.equal(ofB.today.costUsd, 0);
    assert.ok(Math.abs((ofB.allWorkspaces?.today.costUsd ?? 0) - answered.usage.costUsd) < 1e-12, 'the total is workspace A’s spend');
    assert.equal(ofB.allWorkspaces?.budget.dailyUsd, 0.000001);

    const calls = fake().requests.length;
    await assert.rejects(
      b.connection.sendRequest(ExecuteRequest.type, { ...ask, workspaceId: WS_B, prompt: 'and a lock-free stack' }),
      (e: { code: number; message: string }) =>
        e.code === ErrorCodes.BudgetBlocked &&
        /^Budget exceeded: All-workspaces daily budget: \$0\.\d{4} of \$0\.000001 used/.test(e.message) &&
        e.message.endsWith('Raise llmRouter.budget.allWorkspaces (user settings) or wait.'),
    );
    assert.equal(fake().requests.length, calls, 'no provider call from the second window once blocked');
  });

  it('answers 402 on the second window’s gateway naming the all-workspaces budget, and reports the total on /v1/router/usage', async () => {
    await a.connection.sendRequest(ExecuteRequest.type, { ...ask, workspaceId: WS_A });
    const port = await freePort();
    await b.connection.sendRequest(GatewayRequest.type, { action: 'start', port, token: TOKEN, workspaceId: WS_B });
    assert.ok(await eventually(async () => (await usage(b, WS_B)).allWorkspaces?.budget.state === 'exceeded'));

    const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: TOKEN, maxRetries: 0 });
    const refused = await client.chat.completions.create({ model: 'local/big-coder', messages: [{ role: 'user', content: 'hello' }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(refused instanceof OpenAI.APIError, String(refused));
    assert.equal(refused.status, 402);
    assert.match(refused.message, /All-workspaces daily budget/);

    const response = await fetch(`http://127.0.0.1:${port}/v1/router/usage`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { workspaceId: string; budget: { state: string }; allWorkspaces?: { name: string; budget: { state: string; dailyUsd?: number } } };
    assert.equal(body.workspaceId, WS_B);
    assert.equal(body.budget.state, 'ok');
    assert.deepEqual(
      { name: body.allWorkspaces?.name, state: body.allWorkspaces?.budget.state, dailyUsd: body.allWorkspaces?.budget.dailyUsd },
      { name: 'all workspaces', state: 'exceeded', dailyUsd: 0.000001 },
    );
  });
});

describe('router server: the all-workspaces budget with requests in flight (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let server: ServerProcess;

  afterEach(async () => {
    await server.stop();
  });

  it('admits one of many concurrent paid requests from two workspaces when one request fills the limit, refusing the rest by that budget', async () => {
    // No workspace limit; all workspaces together may spend less than one request costs.
    const settings = fakeSettings(fake(), { cache: { enabled: false }, budget: { onExceed: 'block', allWorkspaces: { dailyUsd: 0.000001 } } });
    server = await ServerProcess.start({ settings, apiKeys: API_KEYS });
    fake().script({ kind: 'slow', delayMs: 300 }, { times: 'always' }); // every answer takes long enough for all to be in flight
    const ask = (workspaceId: string, i: number) =>
      server.connection.sendRequest(ExecuteRequest.type, { workspaceId, kind: 'ask', model: 'local/big-coder', prompt: `design a lock-free queue, take ${i}` });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => ask(i % 2 === 0 ? WS_A : WS_B, i)));

    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'only the first reservation fit under the limit');
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: number; message: string; data?: { scope?: string } }] : []));
    assert.equal(refusals.length, 11);
    for (const refusal of refusals) {
      assert.equal(refusal.code, ErrorCodes.BudgetBlocked);
      assert.equal(refusal.data?.scope, 'all-workspaces');
      assert.match(refusal.message, /all-workspaces/i, 'the message names the budget');
    }
    assert.equal(fake().requests.length, 1, 'one provider call');
  });
});

async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 5_000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
}
