// The router server in team mode: an editor's `dist/server.js --stdio` pointed at a team
// gateway (a second, real `dist/server.js --http` process on the fake providers) forwards its
// requests there. The answer streams through, the request lands in the TEAM gateway's ledger
// (none is kept here), usage and the dashboard read the team's figures, and a wrong token or
// an unreachable gateway end in the router's usual error with a message that says what to do.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import {
  DashboardRequest,
  ErrorCodes,
  ExecuteRequest,
  FeedbackNotification,
  GatewayRequest,
  ModelsRequest,
  RouteRequest,
  UsageRequest,
  type ExecuteProgress,
  type TeamGatewayErrorData,
  type UsageReport,
} from '../../shared/protocol';
import { READ_FILE } from '../fakes/tool-fixtures';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { SAMPLE_DOC } from './fixtures';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';
import { ServerProcess } from './server-process';
import { freePort as closedPort } from './free-port';

const TOKEN = 'team-mode-token-0123456789abcdef';
const LEDGER_FILE = 'ledger.sqlite';

async function gatewayUsage(gateway: GatewayProcess, workspace: string): Promise<UsageReport> {
  const response = await fetch(`${gateway.url}/router/usage`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-llm-router-workspace': workspace } });
  return (await response.json()) as UsageReport;
}

async function rejection(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await request;
  } catch (error) {
    return error as ResponseError<unknown>;
  }
  throw new Error('expected the request to fail');
}

describe('router server in team mode, forwarding to a team gateway (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;
  let editor: ServerProcess;

  before(async () => {
    const settings = gatewaySettings(fake(), { budget: { dailyUsd: 50, onExceed: 'warn' } });
    gateway = await GatewayProcess.start({ settings, env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: TOKEN } });
  });
  beforeEach(async () => {
    // This editor has no providers and no keys of its own: only the team gateway can answer.
    editor = await ServerProcess.start({ settings: { team: { gatewayUrl: gateway.url.replace(/\/v1$/, '') } }, teamToken: TOKEN });
  });
  afterEach(async () => {
    await editor?.stop();
  });
  after(async () => {
    await gateway?.stop();
  });

  it('streams an execute through the team gateway, recorded in the team\'s ledger and not in a local one', async () => {
    const progress: ExecuteProgress[] = [];
    const sub = editor.connection.onProgress(ExecuteRequest.progress, 'team-1', (p) => void progress.push(p));
    const result = await editor.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws-team',
      kind: 'explain',
      document: SAMPLE_DOC,
      partialResultToken: 'team-1',
    });
    sub.dispose();
    assert.match(result.model, /^(local|claude)\//);
    assert.equal(result.kind, 'explain');
    assert.ok(result.reasons.length > 0, 'the gateway\'s reasons come back whole');
    assert.ok(progress.length > 1, `expected several deltas, got ${progress.length}`);
    assert.equal(progress.map((p) => p.delta).join(''), result.text);
    assert.ok(fake().requests.length >= 1, 'the fake provider was called by the gateway');

    const team = await gatewayUsage(gateway, 'ws-team');
    assert.equal(team.total.requests, 1);
    assert.ok(Math.abs(team.total.costUsd - result.usage.costUsd) < 1e-12);
    assert.equal(existsSync(join(editor.storageDir, LEDGER_FILE)), false, 'no local ledger in team mode');
    // The status bar's notification follows, with the team's figures.
    await editor.waitFor(() => editor.usageEvents.some((u) => u.workspaceId === 'ws-team' && u.total.requests === 1));
  });

  it('reads router/usage and router/dashboard from the team gateway', async () => {
    const before = await editor.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-usage' });
    assert.equal(before.total.requests, 0);
    assert.deepEqual(before.budget, { dailyUsd: 50, onExceed: 'warn', state: 'ok' }, 'the budget is the gateway\'s, not this editor\'s');
    await editor.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-usage', kind: 'ask', prompt: 'What is a monad?' });
    const usage = await editor.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-usage' });
    assert.deepEqual(usage, await gatewayUsage(gateway, 'ws-usage'));
    assert.equal(usage.total.requests, 1);
    const dashboard = await editor.connection.sendRequest(DashboardRequest.type, { workspaceId: 'ws-usage', days: 3, limit: 10 });
    assert.equal(dashboard.history.length, 1);
    assert.equal(dashboard.history[0].kind, 'ask');
    assert.equal(dashboard.daily.length, 3);
  });

  it('lists the team gateway\'s models and routes with its settings', async () => {
    const models = await editor.connection.sendRequest(ModelsRequest.type, {});
    assert.deepEqual(models.models.map((m) => m.model), ['local/tiny-coder', 'local/big-coder', 'claude/claude-fake']);
    const route = await editor.connection.sendRequest(RouteRequest.type, { workspaceId: 'ws-route', kind: 'completion', document: SAMPLE_DOC });
    assert.equal(route.candidates.length, 3);
  });

  it('passes tools through and streams the model\'s tool calls back as progress', async () => {
    fake().script({ kind: 'tool-calls', calls: [{ name: 'read_file', arguments: { path: 'src/a.ts' } }] });
    const progress: ExecuteProgress[] = [];
    const sub = editor.connection.onProgress(ExecuteRequest.progress, 'team-tools', (p) => void progress.push(p));
    const result = await editor.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws-tools',
      model: 'local/big-coder',
      messages: [{ role: 'user', content: 'Read src/a.ts and tell me what it exports' }],
      tools: [READ_FILE],
      partialResultToken: 'team-tools',
    });
    sub.dispose();
    assert.equal(result.model, 'local/big-coder');
    assert.equal(result.finishReason, 'tool_calls');
    assert.deepEqual(result.toolCalls?.map((c) => [c.name, JSON.parse(c.arguments)]), [['read_file', { path: 'src/a.ts' }]]);
    assert.ok(progress.some((p) => p.toolCall?.name === 'read_file'), JSON.stringify(progress));
  });

  it('streams a model\'s refusal back as progress refusal pieces, not as answer text', async () => {
    const words = "I'm sorry, but I can't help with that request.";
    fake().script({ kind: 'refusal', text: words }, { model: 'tiny-coder' });
    const progress: ExecuteProgress[] = [];
    const sub = editor.connection.onProgress(ExecuteRequest.progress, 'team-refusal', (p) => void progress.push(p));
    const result = await editor.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws-refusal', kind: 'explain', document: SAMPLE_DOC, model: 'local/tiny-coder', partialResultToken: 'team-refusal',
    });
    sub.dispose();
    assert.equal(result.refusal, words);
    const pieces = progress.flatMap((p) => (p.refusal === undefined ? [] : [p.refusal]));
    assert.ok(pieces.length > 1, JSON.stringify(progress));
    assert.equal(pieces.join(''), words);
    assert.ok(progress.every((p) => p.delta === ''), JSON.stringify(progress));
  });

    it('cancels the gateway\'s request when the editor cancels, recorded there as cancelled', async () => {
    fake().script({ kind: 'slow', chunkDelayMs: 200 });
    const source = new CancellationTokenSource();
    const deltas: string[] = [];
    const sub = editor.connection.onProgress(ExecuteRequest.progress, 'team-cancel', (p) => {
      deltas.push(p.delta);
      source.cancel();
    });
    const error = await rejection(
      editor.connection.sendRequest(
        ExecuteRequest.type,
        { workspaceId: 'ws-cancel', kind: 'explain', document: SAMPLE_DOC, model: 'local/tiny-coder', partialResultToken: 'team-cancel' },
        source.token,
      ),
    );
    sub.dispose();
    assert.equal(error.code, ErrorCodes.RequestCancelled);
    const deadline = Date.now() + 5_000;
    let outcome: string | undefined;
    while (Date.now() < deadline && outcome === undefined) {
      const response = await fetch(`${gateway.url}/router/history`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-llm-router-workspace': 'ws-cancel' } });
      outcome = ((await response.json()) as { history: { outcome: string }[] }).history[0]?.outcome;
      if (outcome === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(outcome, 'cancelled');
  });

  it("serves agents through the editor's hosted gateway, passing their requests on to the team gateway", async () => {
    const local = 'local-hosted-gateway-token-0123456789abcdef';
    const status = await editor.connection.sendRequest(GatewayRequest.type, { action: 'start', port: 0, token: local, workspaceId: 'ws-hosted' });
    try {
      assert.ok(status.running && status.url);
      const agent = new OpenAI({ baseURL: status.url, apiKey: local, maxRetries: 0 });
      const notified = editor.usageEvents.length;
      const answer = await agent.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Explain what a closure captures' }] });
      assert.ok(answer.choices[0].message.content);
      // The agent's request raises the editor's status bar as its own requests do.
      await editor.waitFor(() => editor.usageEvents.length > notified);
      assert.equal(editor.usageEvents.at(-1)?.workspaceId, 'ws-hosted');
      assert.match(answer.model, /^(local|claude)\//);
      const stream = await agent.chat.completions.create({ model: 'local/tiny-coder', stream: true, messages: [{ role: 'user', content: 'Summarize what a closure is' }] });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      assert.ok(text.length > 0, 'the stream came through');
      const usage = await gatewayUsage(gateway, 'ws-hosted');
      assert.equal(usage.total.requests, 2, "recorded in the team gateway's ledger under the editor's workspace");
      assert.ok(Object.keys(usage.byClient).some((c) => c.startsWith('OpenAI/JS')), Object.keys(usage.byClient).join(', '));

      const refused = await fetch(`${status.url}/router/usage`, { headers: { authorization: 'Bearer not-the-local-token-0123456789' } });
      assert.equal(refused.status, 401, 'the local token is checked here');
      const teamToken = await fetch(`${status.url}/router/usage`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(teamToken.status, 401, 'the team token is not the local one');
      assert.equal((await gatewayUsage(gateway, 'ws-hosted')).total.requests, 2);
    } finally {
      await editor.connection.sendRequest(GatewayRequest.type, { action: 'stop' });
    }
  });

  it('sends feedback to the team gateway, whose routing then learns from it for this workspace', async () => {
    const explain = { workspaceId: 'ws-team-feedback', kind: 'explain' as const, prompt: 'what does this do?' };
    assert.equal((await editor.connection.sendRequest(RouteRequest.type, explain)).model, 'local/tiny-coder');
    for (let i = 0; i < 6; i++) {
      await editor.connection.sendNotification(FeedbackNotification.type, { workspaceId: explain.workspaceId, kind: 'explain', model: 'local/tiny-coder', signal: 'retried' });
    }
    const deadline = Date.now() + 5_000;
    let after = await editor.connection.sendRequest(RouteRequest.type, explain);
    // Notifications are not answered: poll until the gateway has all six.
    const learned = (reasons: string[]) => reasons.some((r) => /^feedback: 6 of the last 6 explanations from local\/tiny-coder were retried/.test(r));
    while (!learned(after.reasons) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      after = await editor.connection.sendRequest(RouteRequest.type, explain);
    }
    assert.notEqual(after.model, 'local/tiny-coder');
    assert.ok(learned(after.reasons), after.reasons.join('\n'));
    const elsewhere = await editor.connection.sendRequest(RouteRequest.type, { ...explain, workspaceId: 'ws-team-other' });
    assert.equal(elsewhere.model, 'local/tiny-coder');
  });

  it("raises the team gateway's budget block as the router's own budget error", async () => {
    const tight = gatewaySettings(fake(), { budget: { dailyUsd: 0.000001, onExceed: 'block' } });
    const strict = await GatewayProcess.start({ settings: tight, env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: TOKEN } });
    const member = await ServerProcess.start({ settings: { team: { gatewayUrl: strict.url } }, teamToken: TOKEN });
    try {
      const ask = () => member.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-tight', kind: 'ask', prompt: 'What is a monad?' });
      await ask(); // spends past the limit
      const error = await rejection(ask());
      assert.equal(error.code, ErrorCodes.BudgetBlocked);
      assert.match(error.message, /budget/i);
      const usage = await member.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-tight' });
      assert.equal(usage.budget.state, 'exceeded');
    } finally {
      await member.stop();
      await strict.stop();
    }
  });

  it('turns a refused token into the team gateway error that says to reconnect', async () => {
    const stale = await ServerProcess.start({ settings: { team: { gatewayUrl: gateway.url } }, teamToken: 'revoked-token-0123456789abcdef' });
    try {
      const error = await rejection(stale.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'ask', prompt: 'hello there' }));
      assert.equal(error.code, ErrorCodes.TeamGateway);
      assert.equal((error.data as TeamGatewayErrorData).reason, 'unauthorized');
      assert.equal((error.data as TeamGatewayErrorData).status, 401);
      assert.match(error.message, /refused your token/);
      assert.match(error.message, /Connect to Team Gateway/);
      assert.ok(!error.message.includes('revoked-token'), 'the token never appears in a message');
      const usage = await rejection(stale.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws' }));
      assert.equal((usage.data as TeamGatewayErrorData).reason, 'unauthorized');
    } finally {
      await stale.stop();
    }
  });

  it('refuses a team gateway address carrying credentials, without echoing it, and routes locally', async () => {
    const local = await ServerProcess.start({ settings: { team: { gatewayUrl: 'http://me:s3cret-pass@127.0.0.1:9/v1' } }, teamToken: TOKEN });
    try {
      await local.waitFor(() => local.messages.length > 0);
      assert.match(local.messages[0].message, /llmRouter\.team\.gatewayUrl: an http\(s\) address without a user name or password/);
      assert.ok(!local.messages[0].message.includes('s3cret'), 'the URL is not echoed');
      const usage = await local.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws' });
      assert.equal(usage.total.requests, 0, 'answered by the local ledger');
      assert.equal(existsSync(join(local.storageDir, LEDGER_FILE)), true);
    } finally {
      await local.stop();
    }
  });

  it('says clearly when the team gateway cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const lost = await ServerProcess.start({ settings: { team: { gatewayUrl: url } }, teamToken: TOKEN });
    try {
      const error = await rejection(lost.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'ask', prompt: 'hello there' }));
      assert.equal(error.code, ErrorCodes.TeamGateway);
      assert.equal((error.data as TeamGatewayErrorData).reason, 'unreachable');
      assert.match(error.message, new RegExp(`team gateway at ${url.replace(/[./]/g, '\\$&')} cannot be reached \\(ECONNREFUSED\\)`));
      assert.match(error.message, /Disconnect from Team Gateway/);
    } finally {
      await lost.stop();
    }
  });
});
