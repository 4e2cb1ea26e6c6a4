// The extension pointed at a team gateway, from inside VS Code: Connect to Team Gateway tries
// the address and token before saving them, the router server restarts in team mode, a
// request is answered and recorded by the team gateway (a real `dist/server.js --http`
// process), and the status bar shows the developer's own spend there; Disconnect goes back.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as vscode from 'vscode';
import { formatUsd } from '../../../client/src/format/money';
import type { DashboardResult, ExecuteResult, UsageReport } from '../../../shared/protocol';
import { FakeProviders } from '../../fakes/fake-providers';
import { EXTENSION_ID, eventually, extensionApi } from './host';

const TEAM_TOKEN = 'host-suite-team-token-0123456789';

interface TeamGateway {
  url: string;
  child: ChildProcess;
  folder: string;
}

/** The team's gateway: this extension's own server in HTTP mode, on the fake provider, behind a token. */
async function startTeamGateway(fake: FakeProviders): Promise<TeamGateway> {
  const folder = await mkdtemp(join(tmpdir(), 'llm-router-team-'));
  const settingsFile = join(folder, 'settings.json');
  await writeFile(settingsFile, JSON.stringify({
    providers: [{ id: 'teamfake', type: 'openai-compatible', baseUrl: fake.openaiUrl, models: [{ id: 'team-model', inputUsdPerMTok: 20, outputUsdPerMTok: 80, contextWindow: 128_000 }] }],
    cache: { enabled: false },
  }));
  const serverJs = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'server.js');
  const child = spawn(process.execPath, [serverJs, '--http', '127.0.0.1:0', '--storage', folder, '--settings', settingsFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', LLM_ROUTER_GATEWAY_TOKEN: TEAM_TOKEN },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the team gateway exited (${code}): ${stderr}`)));
  });
  return { url: (JSON.parse(line) as { url: string }).url, child, folder };
}

suite('team gateway', () => {
  let fake: FakeProviders;
  let team: TeamGateway;
  suiteSetup(async () => {
    await extensionApi();
    fake = await FakeProviders.start();
    team = await startTeamGateway(fake);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('llmRouter.disconnectTeamGateway');
    team?.child.kill('SIGTERM');
    await fake?.stop();
    if (team) await rm(team.folder, { recursive: true, force: true });
  });

  test('Connect to Team Gateway refuses a wrong token and saves nothing', async () => {
    const api = await extensionApi();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('llmRouter.connectTeamGateway', { url: team.url, token: 'wrong-token-0123456789abcdef' })),
      /refused your token/,
    );
    assert.equal(api.teamGatewayUrl(), undefined);
  });

  test('once connected, requests are answered and recorded by the team gateway, and the status bar shows your spend there', async () => {
    const api = await extensionApi();
    const base = await vscode.commands.executeCommand<string | undefined>('llmRouter.connectTeamGateway', { url: team.url.replace(/\/v1$/, ''), token: TEAM_TOKEN });
    assert.equal(base, team.url);
    assert.equal(api.teamGatewayUrl(), team.url);
    await eventually('the status bar in team mode', () => (api.spendStatusText() === '$0.00 you today' ? true : undefined), 30_000);

    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.ask', 'What is a closure in JavaScript?');
    assert.equal(result?.model, 'teamfake/team-model', 'answered by the team gateway\'s model');
    assert.ok(fake.requests.length >= 1, 'the team gateway called its provider');
    const response = await fetch(`${team.url}/router/usage`, { headers: { authorization: `Bearer ${TEAM_TOKEN}`, 'x-llm-router-workspace': api.workspaceId } });
    const usage = (await response.json()) as UsageReport;
    assert.equal(usage.today.requests, 1, 'recorded in the team gateway\'s ledger under this workspace');
    const expected = `${formatUsd(usage.today.costUsd)} you today`;
    await eventually(`status bar text "${expected}"`, () => (api.spendStatusText() === expected ? true : undefined));

    const dashboard = await vscode.commands.executeCommand<DashboardResult | undefined>('llmRouter.showDashboard');
    assert.equal(dashboard?.history[0]?.model, 'teamfake/team-model', 'the dashboard shows the history from the team gateway');
  });

  test('Disconnect from Team Gateway routes with your own providers again', async () => {
    const api = await extensionApi();
    assert.equal(await vscode.commands.executeCommand<boolean>('llmRouter.disconnectTeamGateway'), true);
    assert.equal(api.teamGatewayUrl(), undefined);
    await eventually('the status bar out of team mode', () => (api.spendStatusText().includes(' you ') ? undefined : true), 30_000);
  });
});
