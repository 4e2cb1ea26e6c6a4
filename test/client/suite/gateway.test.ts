// The gateway hosted in the router server, from inside VS Code: the palette commands start
// and stop it, Copy Gateway Configuration hands out the URL and token, and a request an
// agent sends through it is paid with the stored key and shows in this workspace's spend.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import * as vscode from 'vscode';
import { formatSpendToday } from '../../../client/src/format/money';
import type { DashboardResult, GatewayStatus } from '../../../shared/protocol';
import { eventually, extensionApi, HOST_KEY, setUserSetting, useFakeProvider, type FakeSetup } from './host';

suite('gateway', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('llmRouter.stopGateway');
    await setup?.restore();
  });

  test('Start Gateway answers an OpenAI client holding the copied token, and the spend shows in this workspace', async () => {
    const api = await extensionApi();
    const status = await vscode.commands.executeCommand<GatewayStatus | undefined>('llmRouter.startGateway');
    assert.ok(status?.running && status.url, 'the gateway did not start');
    assert.equal(status.token, undefined, 'a command result never carries the token');
    assert.match(status.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(api.gatewayUrl(), status.url);

    const copied = await vscode.commands.executeCommand<{ agent: string } | undefined>('llmRouter.copyGatewayConfiguration', { agent: 'openai-env' });
    assert.equal(copied?.agent, 'openai-env');
    const text = await vscode.env.clipboard.readText();
    assert.ok(text.includes(`OPENAI_BASE_URL=${status.url}`), text);
    const token = /OPENAI_API_KEY=(\S+)/.exec(text)?.[1];
    assert.ok(token && token.length >= 32, 'no token in the copied configuration');

    const refused = await fetch(`${status.url}/models`);
    assert.equal(refused.status, 401);
    const agent = new OpenAI({ baseURL: status.url, apiKey: token, maxRetries: 0 });
    const answer = await agent.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'What is a closure?' }] });
    assert.ok(answer.choices[0]?.message.content);
    assert.equal(setup.fake.requests.at(-1)?.apiKey, HOST_KEY, 'paid with the key stored in VS Code');

    const dashboard = await vscode.commands.executeCommand<DashboardResult | undefined>('llmRouter.showDashboard');
    assert.ok(dashboard);
    const gatewayClient = Object.keys(dashboard.usage.byClient).find((c) => c.startsWith('OpenAI/JS'));
    assert.ok(gatewayClient, `clients: ${Object.keys(dashboard.usage.byClient).join(', ')}`);
    assert.equal(dashboard.history[0]?.client, gatewayClient);
    const expected = formatSpendToday(dashboard.usage.today.costUsd);
    await eventually(`status bar text "${expected}"`, () => (api.spendStatusText() === expected ? true : undefined));
  });

  test('Stop Gateway closes the port', async () => {
    const api = await extensionApi();
    const url = api.gatewayUrl() ?? (await vscode.commands.executeCommand<GatewayStatus>('llmRouter.startGateway')).url;
    const stopped = await vscode.commands.executeCommand<GatewayStatus | undefined>('llmRouter.stopGateway');
    assert.equal(stopped?.running, false);
    assert.equal(api.gatewayUrl(), undefined);
    await assert.rejects(fetch(`${url}/models`));
  });

  test('llmRouter.gateway.enabled starts the gateway on its own and turning it off stops it', async () => {
    const api = await extensionApi();
    assert.equal(api.gatewayUrl(), undefined);
    const restorePort = await setUserSetting('llmRouter.gateway.port', 0);
    const restoreEnabled = await setUserSetting('llmRouter.gateway.enabled', true);
    try {
      const url = await eventually('the gateway to start from the setting', () => api.gatewayUrl());
      assert.equal((await fetch(`${url}/models`)).status, 401, 'it listens, and wants the token');
      await setUserSetting('llmRouter.gateway.enabled', false);
      await eventually('the gateway to stop with the setting', () => (api.gatewayUrl() === undefined ? true : undefined));
      await assert.rejects(fetch(`${url}/models`));
    } finally {
      await restoreEnabled();
      await restorePort();
    }
  });
});
