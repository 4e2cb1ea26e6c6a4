// The extension's side of a team gateway on PostgreSQL, as real processes: the gateway's
// /v1/router/usage answers each developer with their own spend and limits and their team's,
// and an editor's router server in team mode, holding a developer token, has its requests
// recorded and budgeted under that developer, reads those figures, and says to reconnect once
// the token is revoked.
import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { ResponseError } from 'vscode-jsonrpc/node';
import { ErrorCodes, ExecuteRequest, UsageRequest, type TeamGatewayErrorData, type UsageReport } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
import { ServerProcess } from '../integration/server-process';
import { admin, createToken } from './harness/admin';
import { createDatabase, usePostgres, type TestPostgres } from './harness/postgres';

describe('team gateway for the extension: usage per developer and team (processes)', function () {
  this.timeout(60_000);
  const postgres = usePostgres();
  describe('a gateway with --postgres and an editor in team mode', teamClientSuite(postgres));
});

function teamClientSuite(postgres: () => TestPostgres) {
  return function (this: Mocha.Suite) {
    const fake = useFakeProviders();
    let url: string;
    let pool: Pool;
    let gateway: GatewayProcess;
    const usageOf = async (token: string, workspace: string) => {
      const response = await fetch(`${gateway.url}/router/usage`, { headers: { authorization: `Bearer ${token}`, 'x-llm-router-workspace': workspace } });
      assert.equal(response.status, 200);
      return (await response.json()) as UsageReport;
    };

    before(async () => {
      url = await createDatabase(postgres(), 'team_client');
      pool = new Pool({ connectionString: url });
      await createToken(url, 'setup');
      gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv, extraArgs: ['--postgres', url] });
    });
    after(async () => {
      await gateway?.stop();
      await pool?.end();
    });

    it("answers GET /v1/router/usage with the developer's own spend and limits, and their team's", async () => {
      const alice = await createToken(url, 'alice', 'core');
      assert.equal((await admin(url, 'set-limit', '--developer', 'alice', '--daily', '5')).code, 0);
      assert.equal((await admin(url, 'set-limit', '--team', 'core', '--daily', '50', '--monthly', '900')).code, 0);
      const before = await usageOf(alice, 'ws-alice');
      assert.deepEqual(before.developer, { name: 'alice', today: { costUsd: 0 }, month: { costUsd: 0 }, budget: { dailyUsd: 5, onExceed: 'block', state: 'ok' } });
      assert.deepEqual(before.team, { name: 'core', today: { costUsd: 0 }, month: { costUsd: 0 }, budget: { dailyUsd: 50, monthlyUsd: 900, onExceed: 'block', state: 'ok' } });
      const bob = await createToken(url, 'bob');
      const alone = await usageOf(bob, 'ws-bob');
      assert.equal(alone.developer?.name, 'bob');
      assert.deepEqual(alone.developer?.budget, { onExceed: 'block', state: 'ok' }, 'no limit set');
      assert.equal(alone.team, undefined, 'bob has no team');
    });

    it('records an editor\'s request in team mode under its developer and shows it in their figures and their team\'s', async () => {
      const dana = await createToken(url, 'dana', 'web');
      const erik = await createToken(url, 'erik', 'web');
      const editor = await ServerProcess.start({ settings: { team: { gatewayUrl: gateway.url } }, teamToken: dana });
      try {
        const result = await editor.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-dana', kind: 'ask', prompt: 'What is a monad?', client: 'developer-body', developer: 'mallory' } as never);
        const { rows } = await pool.query("SELECT developer, team, workspace_id, outcome FROM requests WHERE workspace_id = 'ws-dana'");
        assert.deepEqual(rows, [{ developer: 'dana', team: 'web', workspace_id: 'ws-dana', outcome: 'ok' }], 'the token decides whose request it is');
        const usage = await editor.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-dana' });
        assert.equal(usage.total.requests, 1);
        assert.ok(Math.abs(usage.developer!.today.costUsd - result.usage.costUsd) < 1e-9);
        assert.ok(Math.abs(usage.team!.today.costUsd - result.usage.costUsd) < 1e-9);
        // A teammate sees the team's spend, not dana's as their own.
        const teammate = await usageOf(erik, 'ws-erik');
        assert.equal(teammate.developer?.today.costUsd, 0);
        assert.ok(Math.abs(teammate.team!.today.costUsd - result.usage.costUsd) < 1e-9);

        assert.equal((await admin(url, 'revoke', 'dana')).code, 0);
        const error = await editor.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-dana', kind: 'ask', prompt: 'And a functor?' }).then(
          () => assert.fail('a revoked token was accepted'),
          (e: ResponseError<TeamGatewayErrorData>) => e,
        );
        assert.equal(error.code, ErrorCodes.TeamGateway);
        assert.equal(error.data?.reason, 'unauthorized');
        assert.match(error.message, /Connect to Team Gateway/);
      } finally {
        await editor.stop();
      }
    });

    it("shows a developer their own history across workspaces, not a teammate's in the same workspace", async () => {
      const gus = await createToken(url, 'gus', 'ops');
      const hal = await createToken(url, 'hal', 'ops');
      const ask = (token: string, workspace: string, prompt: string) => fetch(`${gateway.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-llm-router-workspace': workspace, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: prompt }] }),
      }).then((r) => assert.equal(r.status, 200));
      // Both open the same workspace path (as in dev containers); gus also works in a second one.
      await ask(gus, '/workspaces/app', 'What is a monad?');
      await ask(hal, '/workspaces/app', 'What is a functor?');
      await ask(gus, '/workspaces/tools', 'What is an applicative?');
      const historyOf = async (token: string, path: string) => {
        const response = await fetch(`${gateway.url}/router/${path}`, { headers: { authorization: `Bearer ${token}`, 'x-llm-router-workspace': '/workspaces/app' } });
        assert.equal(response.status, 200);
        return ((await response.json()) as { history: { workspaceId?: string }[] }).history;
      };
      assert.equal((await historyOf(gus, 'history')).length, 2, "gus's two requests, in both workspaces");
      assert.equal((await historyOf(hal, 'history')).length, 1, "hal's one request, not gus's in the same workspace");
      assert.equal((await historyOf(gus, 'dashboard')).length, 2, 'the dashboard shows the same history');
    });

    it("raises a developer's exceeded limit in team mode as the router's budget error, their figures saying so", async () => {
      const fay = await createToken(url, 'fay', 'web');
      assert.equal((await admin(url, 'set-limit', '--developer', 'fay', '--daily', '0.000001')).code, 0);
      const editor = await ServerProcess.start({ settings: { team: { gatewayUrl: gateway.url } }, teamToken: fay });
      try {
        const ask = () => editor.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-fay', kind: 'ask', prompt: 'What is a monad?' });
        await ask();
        const error = await ask().then(() => assert.fail('over the limit, yet answered'), (e: ResponseError<unknown>) => e);
        assert.equal(error.code, ErrorCodes.BudgetBlocked);
        assert.match(error.message, /developer "fay" spent/);
        const usage = await editor.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-fay' });
        assert.equal(usage.developer?.budget.state, 'exceeded');
      } finally {
        await editor.stop();
      }
    });
  };
}
