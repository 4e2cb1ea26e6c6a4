// The gateway's own endpoints (/v1/router/...) on a real `dist/server.js --http` process,
// against the fake providers: each answers for the caller (its workspace today) in the shape
// the JSON-RPC method of the same name answers, behind the gateway's token.
import assert from 'node:assert/strict';
import type { DashboardResult, ExecuteResult, HistoryEntry, ModelsResult, RouteResult, UsageReport } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { SAMPLE_DOC } from './fixtures';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const TOKEN = 'team-endpoints-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('gateway: /v1/router endpoints for the caller (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;

  before(async () => {
    const settings = gatewaySettings(fake(), { budget: { dailyUsd: 5, onExceed: 'warn' } });
    gateway = await GatewayProcess.start({ settings, env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: TOKEN } });
  });
  after(async () => {
    await gateway?.stop();
  });

  const get = (path: string, workspace?: string, headers: Record<string, string> = auth) =>
    fetch(`${gateway.url}/${path}`, { headers: { ...headers, ...(workspace ? { 'x-llm-router-workspace': workspace } : {}) } });

  async function chat(workspace: string, content: string): Promise<string> {
    const response = await fetch(`${gateway.url}/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-llm-router-workspace': workspace, 'x-llm-router-client': 'it-agent' },
      body: JSON.stringify({ model: 'local/tiny-coder', messages: [{ role: 'user', content }] }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return response.headers.get('x-llm-router-cost-usd')!;
  }

  it('answers GET /v1/router/usage with the calling workspace\'s spend and the budget that applies, nobody else\'s', async () => {
    const cost = Number(await chat('ws-alice', 'Explain what a closure captures'));
    await chat('ws-bob', 'Summarize this paragraph about closures');
    const response = await get('router/usage', 'ws-alice');
    assert.equal(response.status, 200);
    const usage = (await response.json()) as UsageReport;
    assert.equal(usage.workspaceId, 'ws-alice');
    assert.equal(usage.today.requests, 1);
    assert.ok(Math.abs(usage.today.costUsd - cost) < 1e-12, `${usage.today.costUsd} vs header ${cost}`);
    assert.deepEqual(Object.keys(usage.byModel), ['local/tiny-coder']);
    assert.deepEqual(Object.keys(usage.byClient), ['it-agent']);
    assert.deepEqual(usage.budget, { dailyUsd: 5, onExceed: 'warn', state: 'ok' });
    assert.equal(usage.team, undefined, 'no team budget on a gateway without developer tokens');
  });

  it('answers GET /v1/router/history with the caller\'s newest requests first, bounded by ?limit', async () => {
    await chat('ws-history', 'first question about promises');
    await chat('ws-history', 'second question about promises');
    const response = await get('router/history?limit=1', 'ws-history');
    assert.equal(response.status, 200);
    const body = (await response.json()) as { workspaceId: string; history: HistoryEntry[] };
    assert.equal(body.workspaceId, 'ws-history');
    assert.equal(body.history.length, 1);
    assert.equal(body.history[0].model, 'local/tiny-coder');
    assert.equal(body.history[0].client, 'it-agent');
    assert.equal(body.history[0].outcome, 'ok');
    const all = (await (await get('router/history', 'ws-history')).json()) as { history: HistoryEntry[] };
    assert.equal(all.history.length, 2);
    assert.ok(all.history[0].at >= all.history[1].at, 'newest first');
  });

  it('refuses a bad ?limit with a 400 naming it', async () => {
    const response = await get('router/history?limit=0', 'ws-history');
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { param: string; message: string } };
    assert.equal(body.error.param, 'limit');
  });

  it('answers the dashboard, the model list and a routing decision as router/dashboard, router/models and router/route do', async () => {
    await chat('ws-dash', 'Explain event loops');
    const dashboard = (await (await get('router/dashboard?days=7&limit=5', 'ws-dash')).json()) as DashboardResult;
    assert.equal(dashboard.usage.workspaceId, 'ws-dash');
    assert.equal(dashboard.history.length, 1);
    assert.equal(dashboard.daily.length, 7);
    assert.ok(dashboard.health.some((h) => h.model === 'local/tiny-coder' && h.attempts >= 1));
    const models = (await (await get('router/models')).json()) as ModelsResult;
    assert.deepEqual(models.models.map((m) => m.model), ['local/tiny-coder', 'local/big-coder', 'claude/claude-fake']);
    const route = await fetch(`${gateway.url}/router/route`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-llm-router-workspace': 'ws-dash' },
      body: JSON.stringify({ kind: 'completion', document: SAMPLE_DOC }),
    });
    assert.equal(route.status, 200);
    const decision = (await route.json()) as RouteResult;
    assert.equal(decision.kind, 'completion');
    assert.ok(decision.candidates.length === 3);
  });

  it('streams POST /v1/router/execute as progress events then the result, recorded under the caller', async () => {
    const response = await fetch(`${gateway.url}/router/execute`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-llm-router-workspace': 'ws-exec' },
      // A workspaceId in the body is not the caller's word: the header (the caller) wins.
      body: JSON.stringify({ workspaceId: 'someone-else', kind: 'explain', document: SAMPLE_DOC, model: 'local/tiny-coder' }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /text\/event-stream/);
    const events = (await response.text()).trim().split('\n\n').map((block) => {
      const [event, data] = block.split('\n');
      return { event: event.replace('event: ', ''), data: JSON.parse(data.replace('data: ', '')) as unknown };
    });
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data as { delta: string; model: string });
    const result = events.at(-1)!;
    assert.equal(result.event, 'result');
    const answer = result.data as ExecuteResult;
    assert.ok(progress.length > 1, 'the answer streamed in pieces');
    assert.equal(progress.map((p) => p.delta).join(''), answer.text);
    assert.ok(progress.every((p) => p.model === 'local/tiny-coder'));
    assert.equal(answer.kind, 'explain');
    const usage = (await (await get('router/usage', 'ws-exec')).json()) as UsageReport;
    assert.equal(usage.total.requests, 1);
    const other = (await (await get('router/usage', 'someone-else')).json()) as UsageReport;
    assert.equal(other.total.requests, 0);
  });

  it('answers an execute the budget blocks with a 402 carrying the router\'s own error', async () => {
    const tight = gatewaySettings(fake(), { budget: { dailyUsd: 0.000001, onExceed: 'block' } });
    const blocked = await GatewayProcess.start({ settings: tight, env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: TOKEN } });
    try {
      const send = () =>
        fetch(`${blocked.url}/router/execute`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'x-llm-router-workspace': 'ws-tight' },
          body: JSON.stringify({ kind: 'explain', document: SAMPLE_DOC }),
        });
      assert.equal((await send()).status, 200, 'the first request spends past the limit');
      const response = await send();
      assert.equal(response.status, 402);
      const body = (await response.json()) as { error: { code: string }; router: { code: number; message: string } };
      assert.equal(body.error.code, 'budget_exceeded');
      assert.equal(body.router.code, 1001);
      assert.match(body.router.message, /budget/i);
    } finally {
      await blocked.stop();
    }
  });

  it('records feedback for the caller and refuses a malformed signal with a 400 naming the field', async () => {
    const send = (body: unknown) =>
      fetch(`${gateway.url}/router/feedback`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'x-llm-router-workspace': 'ws-feedback' },
        body: JSON.stringify(body),
      });
    const ok = await send({ kind: 'explain', model: 'local/tiny-coder', signal: 'rejected' });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { recorded: true });
    const bad = await send({ kind: 'explain', model: 'local/tiny-coder', signal: 'loved' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { param: string } }).error.param, 'signal');
  });

  it('refuses every /v1/router endpoint without the gateway token', async () => {
    for (const path of ['router/usage', 'router/history', 'router/dashboard', 'router/models']) {
      const response = await get(path, 'ws-alice', {});
      assert.equal(response.status, 401, path);
    }
    const wrong = await get('router/usage', 'ws-alice', { authorization: 'Bearer not-the-token-at-all-000' });
    assert.equal(wrong.status, 401);
  });
});
