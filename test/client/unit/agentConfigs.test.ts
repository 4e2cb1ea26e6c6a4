import * as assert from 'node:assert/strict';
import { agentConfigurations, gatewayOrigin } from '../../../client/src/gateway/agentConfigs';
import { configurationCopiedMessage, gatewayMovedMessage, gatewayStartedMessage, gatewayStoppedMessage, gatewayTakenOverMessage, gatewayTooltipLine, START_WITH_VSCODE } from '../../../client/src/gateway/gatewayDescription';
import { disconnectedMessage } from '../../../client/src/team/disconnectMessage';

const endpoint = { url: 'http://127.0.0.1:8787/v1', token: 'llmr-TOKEN_0123456789abcdefghijklmnopqrstuvwxyz' };
const byId = Object.fromEntries(agentConfigurations(endpoint).map((c) => [c.id, c.text]));

describe('agentConfigurations', () => {
  it('offers each agent of the issue once, each snippet carrying the token', () => {
    assert.deepEqual(Object.keys(byId), ['openai-env', 'anthropic-env', 'continue', 'opencode', 'codex', 'aider', 'cline']);
    for (const [id, text] of Object.entries(byId)) assert.ok(text.includes(endpoint.token), id);
  });

  it('points OpenAI-compatible clients at the /v1 base URL with the token as their key, and names the model (Qwen Code needs it)', () => {
    assert.equal(byId['openai-env'], `export OPENAI_BASE_URL=http://127.0.0.1:8787/v1\nexport OPENAI_API_KEY=${endpoint.token}\nexport OPENAI_MODEL=auto`);
  });

  it('points Anthropic clients at the origin (they add /v1/messages) with the token as a Bearer auth token', () => {
    assert.match(byId['anthropic-env'], /^export ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:8787\n/);
    assert.match(byId['anthropic-env'], new RegExp(`^export ANTHROPIC_AUTH_TOKEN=${endpoint.token}$`, 'm'));
  });

  it('gives Continue a whole config.yaml (its CLI refuses one without name and version) whose model has provider openai, model auto and apiBase', () => {
    const lines = byId.continue.split('\n').filter((line) => !line.startsWith('#'));
    assert.deepEqual(lines.slice(0, 5), ['name: LLM Router', 'version: 1.0.0', 'schema: v1', 'models:', '  - name: LLM Router (auto)']);
    assert.ok(lines.includes('    provider: openai'));
    assert.ok(lines.includes('    model: auto'));
    assert.ok(lines.includes(`    apiBase: ${endpoint.url}`));
    assert.deepEqual(lines.slice(-3), ['    requestOptions:', '      headers:', '        x-llm-router-client: continue'], 'named in spend by client');
  });

  it('gives opencode a valid JSON provider on @ai-sdk/openai-compatible with the base URL, and selects its auto model', () => {
    const config = JSON.parse(byId.opencode) as {
      provider: Record<string, { npm: string; options: { baseURL: string; apiKey: string }; models: Record<string, unknown> }>;
      model: string;
    };
    const provider = config.provider['llm-router'];
    assert.equal(provider.npm, '@ai-sdk/openai-compatible');
    assert.deepEqual(provider.options, { baseURL: endpoint.url, apiKey: endpoint.token });
    assert.ok('auto' in provider.models);
    assert.equal(config.model, 'llm-router/auto');
  });

  it('gives Codex a config.toml whose provider speaks the Responses API at the /v1 base URL, without the built-in tools the gateway refuses', () => {
    const lines = byId.codex.split('\n');
    for (const line of [
      'model = "auto"',
      'model_provider = "llm-router"',
      'web_search = "disabled"',
      '[model_providers.llm-router]',
      `base_url = "${endpoint.url}"`,
      `experimental_bearer_token = "${endpoint.token}"`,
      'wire_api = "responses"',
      'http_headers = { "x-llm-router-client" = "codex" }',
    ]) {
      assert.ok(lines.includes(line), line);
    }
    // TOML: top-level keys must come before the first table, or they land in it.
    assert.ok(lines.indexOf('web_search = "disabled"') < lines.indexOf('[model_providers.llm-router]'));
  });

  it('gives Aider its OpenAI base flag and Cline the OpenAI Compatible fields with model id auto', () => {
    assert.equal(byId.aider, `aider --openai-api-base ${endpoint.url} --openai-api-key ${endpoint.token} --model openai/auto`);
    assert.match(byId.cline, /^API Provider: OpenAI Compatible\nBase URL: http:\/\/127\.0\.0\.1:8787\/v1\nAPI Key: \S+\nModel ID: auto$/);
  });

  it('takes /v1 off the URL for the origin, whatever the port', () => {
    assert.equal(gatewayOrigin('http://127.0.0.1:41234/v1'), 'http://127.0.0.1:41234');
    assert.equal(gatewayOrigin('http://127.0.0.1:41234/v1/'), 'http://127.0.0.1:41234');
  });
});

describe('gateway descriptions', () => {
  it('says "stopped" only when the gateway ran, and what to do when it did not', () => {
    const running = { running: true, url: 'http://127.0.0.1:8787/v1', port: 8787, token: endpoint.token };
    assert.equal(gatewayStoppedMessage(running, false), 'LLM Router gateway stopped.');
    assert.match(gatewayStoppedMessage({ running: false }, false), /was not running/);
  });

  it('after a stop while every window starts the gateway, say another window takes the port over and how to stop it everywhere', () => {
    const running = { running: true, url: 'http://127.0.0.1:8787/v1', port: 8787, token: endpoint.token };
    assert.match(gatewayStoppedMessage(running, true), /any other open window takes the port over: turn that setting off to stop it everywhere/);
  });

  it('after a stop while another window serves the gateway, say that one keeps running', () => {
    const standby = { running: true, url: 'http://127.0.0.1:8787/v1', port: 8787, token: endpoint.token, workspaceId: 'ws-a', standby: true };
    assert.match(gatewayStoppedMessage(standby, true), /no longer stands by .* serves http:\/\/127\.0\.0\.1:8787\/v1 keeps it running/);
  });

  it('say when another window serves the gateway, that agents keep its address, and that their requests count in that window’s workspace', () => {
    const standby = { running: true, url: 'http://127.0.0.1:8787/v1', port: 8787, token: endpoint.token, workspaceId: 'ws-a', standby: true };
    const fromB = { thisWorkspaceId: 'ws-b' };
    const line = gatewayTooltipLine(standby, fromB) ?? '';
    assert.match(line, /^Gateway: `http:\/\/127\.0\.0\.1:8787\/v1` is served by another VS Code window; agents' requests are counted in that window's workspace, not this one\./);
    assert.match(line, /takes it over if that one closes/);
    const message = gatewayStartedMessage(standby, fromB);
    assert.match(message, /another VS Code window already serves http:\/\/127\.0\.0\.1:8787\/v1, so agents keep that address; their requests are counted in that window's workspace/);
    assert.match(gatewayStartedMessage(standby, { thisWorkspaceId: 'ws-a' }), /counted in this workspace, which that window has open too/);
    assert.match(configurationCopiedMessage('Claude Code', standby, true, fromB), /Another VS Code window serves this address: the agent's requests are counted in that window's workspace, not this one \(in this one's if that window closes\)/);
    assert.match(gatewayTakenOverMessage({ ...standby, standby: undefined, workspaceId: 'ws-b' }, fromB), /^This window now serves the LLM Router gateway \(http:\/\/127\.0\.0\.1:8787\/v1\): the window that served it closed or reloaded\. Agents' requests are counted in this workspace from now on/);
    for (const text of [line, message]) assert.ok(!text.includes(endpoint.token));
  });

  it('name the workspace agents\' requests are counted in, wherever the user looks: the tooltip, the start and copy messages, a take-over', () => {
    const names: Record<string, string> = { 'ws-a': 'shapes', 'ws-b': 'billing-api' };
    const fromB = { thisWorkspaceId: 'ws-b', nameOf: (id: string) => names[id] };
    const standby = { running: true, url: 'http://127.0.0.1:8787/v1', port: 8787, token: endpoint.token, workspaceId: 'ws-a', standby: true };
    const serving = { running: true, url: 'http://127.0.0.1:8787/v1', port: 8787, token: endpoint.token, workspaceId: 'ws-b' };
    assert.match(gatewayTooltipLine(standby, fromB) ?? '', /agents' requests are counted in the workspace “shapes” of that window, not this one/);
    assert.match(configurationCopiedMessage('Claude Code', standby, true, fromB), /the agent's requests are counted in the workspace “shapes” of that window/);
    assert.match(gatewayTooltipLine(serving, fromB) ?? '', /agents' requests are counted in this workspace \(“billing-api”\) unless they name another/);
    assert.match(gatewayStartedMessage(serving, fromB), /their requests are counted in this workspace \(“billing-api”\)\.$/);
    assert.match(configurationCopiedMessage('Claude Code', serving, true, fromB), /The agent's requests are counted in this workspace \(“billing-api”\)\./);
    // The serving window closed: this one took the port over, and says its own workspace counts them now.
    assert.match(gatewayTakenOverMessage(serving, fromB), /Agents' requests are counted in this workspace \(“billing-api”\) from now on/);
  });

  it('when another program took the port a window stood by for, say where the gateway moved and that agents need the new address', () => {
    const moved = { running: true, url: 'http://127.0.0.1:40001/v1', port: 40001, token: endpoint.token, workspaceId: 'ws-b', requestedPort: 8787 };
    assert.match(gatewayMovedMessage(moved), /another program has port 8787 now, so the gateway moved to http:\/\/127\.0\.0\.1:40001\/v1\. Agents set up for the old address need the new one/);
    assert.ok(!gatewayMovedMessage(moved).includes(endpoint.token));
  });

  it('answers Disconnect from Team Gateway also when there was no team gateway', () => {
    assert.match(disconnectedMessage('https://llm.example.com/v1'), /disconnected from https:\/\/llm\.example\.com\/v1/);
    assert.match(disconnectedMessage(undefined), /not connected to a team gateway/);
  });

  it('say nothing in the tooltip while the gateway is off', () => {
    assert.equal(gatewayTooltipLine(undefined), undefined);
    assert.equal(gatewayTooltipLine({ running: false }), undefined);
  });

  it('say where the gateway runs, and when its port was taken, never the token', () => {
    const status = { running: true, url: 'http://127.0.0.1:40001/v1', port: 40001, token: endpoint.token, requestedPort: 8787 };
    const line = gatewayTooltipLine(status) ?? '';
    assert.match(line, /^Gateway: running on `http:\/\/127\.0\.0\.1:40001\/v1` \(port 8787 was taken\)/);
    const message = gatewayStartedMessage(status);
    assert.match(message, /running on http:\/\/127\.0\.0\.1:40001\/v1 \(port 8787 was taken\)/);
    for (const text of [line, message]) assert.ok(!text.includes(endpoint.token));
  });

  it('after a copy, say that the gateway stops with VS Code and offer to start it every time, while it does not', () => {
    const status = { running: true, url: 'http://127.0.0.1:8787/v1', port: 8787, token: endpoint.token };
    const once = configurationCopiedMessage('Claude Code', status, false);
    assert.match(once, /^Copied the Claude Code configuration for http:\/\/127\.0\.0\.1:8787\/v1;/);
    assert.ok(once.includes(`stops with VS Code; "${START_WITH_VSCODE}" starts it every time`), once);
    assert.ok(!once.includes(endpoint.token));
    assert.ok(!configurationCopiedMessage('Claude Code', status, true).includes('stops with VS Code'));
  });

  it('after a copy from a gateway whose port was taken, say the address can change and how to pin it', () => {
    const moved = { running: true, url: 'http://127.0.0.1:40001/v1', port: 40001, token: endpoint.token, requestedPort: 8787 };
    assert.match(configurationCopiedMessage('Continue', moved, true), /Port 8787 was taken, so this address can change when VS Code restarts: set llmRouter\.gateway\.port/);
  });
});
