// Real open-source coding agents, installed from npm (test/agents/setup.sh), run headless
// through the gateway with model `auto` against a scripted fake provider that asks them to
// call their own file-writing tool: the file must appear in the agent's workspace, and the
// ledger must hold every turn the agent sent, at its cost; and when every model refuses a
// request, the agent must stop at once with the reason instead of retrying. Qwen Code,
// opencode and Continue's CLI speak OpenAI's chat completions; Claude Code speaks
// Anthropic's Messages API; Codex speaks OpenAI's Responses API.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
import { ServerProcess } from '../integration/server-process';

const AGENTS_ROOT = process.env.AGENTS_ROOT ?? join(homedir(), '.cache', 'llm-router-agents');
const bin = (name: string) => join(AGENTS_ROOT, 'node_modules', '.bin', name);
/** The gateway requires it, as one started from VS Code does: each agent sends it as its API key. */
const TOKEN = 'agents-test-gateway-token';

interface Agent {
  name: string;
  bin: string;
  writeTool: string;
  /** The write tool's arguments in the agent's own schema (`file_path` unless said). */
  writeArgs?: (path: string, content: string) => Record<string, unknown>;
  /** `home` is the agent's own home folder for the run (where `files` were written). */
  args: (prompt: string, home: string) => string[];
  env: (gatewayUrl: string) => NodeJS.ProcessEnv;
  /** Configuration files to write into the agent's home folder before it starts, by relative path. */
  files?: (gatewayUrl: string) => Record<string, string>;
  /** How the ledger names the agent (its user-agent, or the x-llm-router-client header its configuration sends). */
  client: RegExp;
  /** The provider API every turn must reach, when the agent forces a model. */
  api?: 'openai' | 'anthropic';
}

const CLAUDE_CODE: Agent = {
  name: 'Claude Code (Anthropic messages)',
  bin: 'claude',
  client: /^claude-cli\//,
  writeTool: 'Write',
  // IS_SANDBOX: the test runs as root in a throwaway folder, where Claude Code otherwise refuses to skip permission prompts.
  args: (prompt) => ['-p', prompt, '--dangerously-skip-permissions'],
  env: (url) => ({
    ANTHROPIC_BASE_URL: url.replace(/\/v1$/, ''),
    ANTHROPIC_API_KEY: TOKEN,
    IS_SANDBOX: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  }),
};

/**
 * opencode with a custom provider at the gateway, asking for `model`: `@ai-sdk/openai-compatible`
 * (chat completions) or `@ai-sdk/anthropic` (Messages API); both are bundled in its binary.
 */
const opencode = (model: string, name = 'opencode (OpenAI-compatible provider)', npm = '@ai-sdk/openai-compatible'): Agent => ({
  name,
  bin: 'opencode',
  client: /^opencode\/1\./,
  writeTool: 'write',
  writeArgs: (path, content) => ({ filePath: path, content }),
  args: (prompt) => ['run', prompt],
  env: (url) => ({
    OPENCODE_CONFIG_CONTENT: JSON.stringify({
      provider: {
        'llm-router': {
          npm,
          name: 'LLM Router',
          options: { baseURL: url, apiKey: TOKEN },
          models: { [model]: { name: model } },
        },
      },
      model: `llm-router/${model}`,
      permission: { edit: 'allow', bash: 'allow' },
    }),
    // Offline: no models.dev catalogue, update check, LSP download or plugin install (it
    // would npm-install @opencode-ai/plugin into its config folder; the dead registry proves
    // it runs without). @ai-sdk/openai-compatible is bundled in the binary.
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
    OPENCODE_PURE: '1',
    npm_config_registry: 'http://127.0.0.1:9/',
  }),
});

/** Continue's CLI with one config.yaml model of provider `openai` (or `anthropic`) at the gateway. */
const continueCli = (model: string, name = "Continue's CLI (config.yaml model of provider openai)", provider = 'openai'): Agent => ({
  name,
  bin: 'cn',
  // Its user-agent is its bundled SDK's under a minified name (`ls/JS 5.23.2`): the config names it with the gateway's client header, as the editor's snippet does.
  client: /^continue$/,
  writeTool: 'Write',
  writeArgs: (path, content) => ({ filepath: path, content }),
  args: (prompt, home) => ['-p', prompt, '--config', join(home, '.continue', 'config.yaml'), '--auto'],
  env: () => ({ CONTINUE_CLI_ENABLE_TELEMETRY: '0', CONTINUE_METRICS_ENABLED: '0' }),
  files: (url) => ({
    '.continue/config.yaml': [
      'name: LLM Router',
      'version: 1.0.0',
      'schema: v1',
      'models:',
      `  - name: LLM Router (${model})`,
      `    provider: ${provider}`,
      `    model: ${model}`,
      // Its Anthropic provider appends `messages` to the base, so that one ends in a slash.
      `    apiBase: ${provider === 'anthropic' ? `${url}/` : url}`,
      `    apiKey: ${TOKEN}`,
      '    roles: [chat, edit, apply]',
      '    requestOptions:',
      '      headers:',
      '        x-llm-router-client: continue',
      '',
    ].join('\n'),
  }),
});

/**
 * OpenAI's Codex CLI (`codex exec`) with the gateway as a custom model provider speaking the
 * Responses API; its tool is a shell command (`exec_command`), which writes the file. The
 * config turns off what a gateway cannot serve or what would go online: the built-in web
 * search (the gateway refuses built-in tools with a 400; `subAgents` false also turns off the
 * sub-agent tools, a namespace the gateway offers as functions), the update
 * check, analytics and plugins (whose sync reaches github.com and chatgpt.com at every start);
 * the key comes from `env_key`, so no login. Its sandbox is bypassed (the test runs in a
 * throwaway folder, where Linux sandboxing may be unavailable).
 */
const codex = (model: string, name = 'Codex (OpenAI Responses API)', subAgents = false): Agent => ({
  name,
  bin: 'codex',
  client: /^codex$/,
  writeTool: 'exec_command',
  writeArgs: (path, content) => ({ cmd: `printf '%s' '${content}' > '${path}'` }),
  args: (prompt) => ['exec', '--strict-config', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', prompt],
  env: () => ({ LLM_ROUTER_TOKEN: TOKEN }),
  files: (url) => ({
    '.codex/config.toml': [
      `model = "${model}"`,
      'model_provider = "llm-router"',
      'web_search = "disabled"',
      'check_for_update_on_startup = false',
      '',
      '[model_providers.llm-router]',
      'name = "LLM Router"',
      `base_url = "${url}"`,
      'env_key = "LLM_ROUTER_TOKEN"',
      'wire_api = "responses"',
      'http_headers = { "x-llm-router-client" = "codex" }',
      '',
      ...(subAgents ? [] : ['[agents]', 'enabled = false', '']),
      '[analytics]',
      'enabled = false',
      '',
      '[features]',
      'plugins = false',
      '',
    ].join('\n'),
  }),
});

const AGENTS: Agent[] = [
  {
    name: 'Qwen Code (OpenAI chat completions)',
    bin: 'qwen',
    client: /^QwenCode\//,
    writeTool: 'write_file',
    args: (prompt) => ['-p', prompt, '--yolo'],
    env: (url) => ({ OPENAI_BASE_URL: url, OPENAI_API_KEY: TOKEN, OPENAI_MODEL: 'auto', QWEN_CODE_SUPPRESS_YOLO_WARNING: '1' }),
  },
  CLAUDE_CODE,
  {
    ...CLAUDE_CODE,
    name: 'Claude Code (Anthropic messages) on a forced Anthropic model',
    api: 'anthropic',
    // A providerId/modelId forces the model: the whole tool loop then runs on Anthropic's wire, with its thinking request left out.
    env: (url) => ({ ...CLAUDE_CODE.env(url), ANTHROPIC_MODEL: 'claude/claude-fake' }),
  },
  opencode('auto'),
  // A providerId/modelId forces the model: its OpenAI-shaped tool loop runs on Anthropic's wire.
  { ...opencode('claude/claude-fake', 'opencode on a forced Anthropic model'), api: 'anthropic' },
  opencode('auto', 'opencode (Anthropic provider)', '@ai-sdk/anthropic'),
  continueCli('auto'),
  continueCli('auto', "Continue's CLI (config.yaml model of provider anthropic)", 'anthropic'),
  { ...continueCli('claude/claude-fake', "Continue's CLI on a forced Anthropic model"), api: 'anthropic' },
  codex('auto'),
  // Its sub-agent tools (a namespace) on, as Codex has them by default.
  codex('auto', 'Codex (OpenAI Responses API) with its sub-agent tools', true),
  // A providerId/modelId forces the model: its Responses-API tool loop runs on Anthropic's wire.
  { ...codex('claude/claude-fake', 'Codex on a forced Anthropic model'), api: 'anthropic' },
];

/**
 * Claude Code sends a refused turn in up to 6 shapes at once (with and without parts of its
 * thinking setting, before and after loading more tools); opencode sends its title request
 * beside the turn. When the gateway answered such a request with a 502, the agents retried it:
 * opencode 9 times, Qwen Code 28, Continue's CLI 33; Claude Code was still retrying after 2 minutes.
 */
const MAX_SENDS_OF_A_REFUSED_REQUEST = 6;

describe('coding agents through the gateway (real CLIs from npm)', function () {
  this.timeout(240_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;
  const roots: string[] = [];

  before(async () => {
    execFileSync('bash', [join(__dirname, 'setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: TOKEN } });
  });
  after(async () => {
    await gateway?.stop();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  /** What the ledger holds for the gateway's default workspace, read by the editor's server on the same storage. */
  async function ledgerTotal() {
    const server = await ServerProcess.start({ storageDir: gateway.storageDir, settings: gatewaySettings(fake()) });
    try {
      return await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'gateway' });
    } finally {
      await server.stop();
    }
  }

  for (const agent of AGENTS) {
    it(`${agent.name}: calls its file-writing tool through the gateway, and the ledger holds every turn`, async () => {
      const before = (await ledgerTotal()).total;
      const root = mkdtempSync(join(tmpdir(), 'llm-router-agent-'));
      roots.push(root);
      // The scripted call names a path inside the folder the agent will run in.
      const target = join(root, 'workspace', 'hello.txt');
      const content = 'hello from the router\n';
      const writeArgs = agent.writeArgs?.(target, content) ?? { file_path: target, content };
      // Only the turn that offers the tool gets the call: some agents also ask for a conversation title, without tools.
      fake().script({ kind: 'tool-calls', calls: [{ name: agent.writeTool, arguments: writeArgs }] }, { offersTool: agent.writeTool });

      const run = await runAgentIn(root, bin(agent.bin), agent, 'Create hello.txt saying hello', gateway.url);

      const seen = fake().requests.map((r) => `${r.api} ${r.model}: ${r.behaviour}`).join('\n');
      assert.ok(existsSync(target), `the agent wrote the file; its output:\n${run}\nthe provider saw:\n${seen}`);
      assert.equal(readFileSync(target, 'utf8'), content, `the file holds what the model asked for; the agent's output:\n${run}`);
      const turns = fake().requests.filter((r) => r.model !== '(models)');
      assert.ok(turns.length >= 2, `a tool call and the answer after its result (${turns.length} provider requests)`);
      if (agent.api) assert.deepEqual(new Set(turns.map((r) => r.api)), new Set([agent.api]), 'every turn reached the forced model');
      const last = JSON.stringify(turns.at(-1)!.body);
      // In the wire format of whichever provider the router picked: OpenAI's tool message or Anthropic's tool_result block.
      assert.match(last, /"role":"tool"|"type":"tool_result"/, 'the last turn carries the tool result back to the model');
      const usage = await ledgerTotal();
      const after = usage.total;
      assert.equal(after.requests - before.requests, turns.length, 'every turn the provider answered is in the ledger');
      assert.ok(after.costUsd > before.costUsd, 'and costs what the provider reported');
      assert.ok(Object.keys(usage.byClient).some((client) => agent.client.test(client)), `spend attributed to the agent: ${Object.keys(usage.byClient)}`);
    });

    it(`${agent.name}: stops at once with the gateway's reason when every model refuses the request`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'llm-router-agent-'));
      roots.push(root);
      // A request no model takes gets a 400: a 502 would be retried, by Continue's CLI 30 times over two minutes.
      fake().script({ kind: 'status', status: 400, message: 'this request is not for this model' }, { times: 'always' });

      const failure = await runAgentIn(root, bin(agent.bin), agent, 'Create hello.txt saying hello', gateway.url).then(
        (output) => assert.fail(`the agent reported success:\n${output}`),
        (error: Error) => error.message,
      );

      assert.match(failure, /this request is not for this model/, `the agent shows why; it said:\n${failure}`);
      // Each request through the gateway tries each candidate once (a refusal is not retried on the same model).
      const gatewayRequests = fake().requests.filter((r) => r.model === 'tiny-coder').length;
      assert.ok(gatewayRequests >= 1 && gatewayRequests <= MAX_SENDS_OF_A_REFUSED_REQUEST, `the agent did not retry the refused request (${gatewayRequests} requests through the gateway)`);
    });
  }

  it('Codex (OpenAI Responses API) left with its built-in web search stops at once, told which setting turns it off', async () => {
    const root = mkdtempSync(join(tmpdir(), 'llm-router-agent-'));
    roots.push(root);
    const configured = codex('auto');
    const withDefaults: Agent = {
      ...configured,
      files: (url) => ({
        '.codex/config.toml': configured.files!(url)['.codex/config.toml'].replace('web_search = "disabled"\n', '').replace('[agents]\nenabled = false\n', ''),
      }),
    };

    const failure = await runAgentIn(root, bin('codex'), withDefaults, 'Say hello', gateway.url).then(
      (output) => assert.fail(`Codex reported success:\n${output}`),
      (error: Error) => error.message,
    );

    assert.match(failure, /web_search = \\?"disabled\\?"/, `Codex shows the setting for web search; it said:\n${failure}`);
    assert.doesNotMatch(failure, /\[agents\]|"namespace"/, `its sub-agent tools are served; it said:\n${failure}`);
    assert.equal(fake().requests.length, 0, 'no provider was called');
  });

  it('Codex (OpenAI Responses API) with its sub-agent tools: runs a call of one (a tool of a namespace) and sends its output back under the same call', async () => {
    const root = mkdtempSync(join(tmpdir(), 'llm-router-agent-'));
    roots.push(root);
    // The model closes a sub-agent (a tool of the multi_agent_v1 namespace, offered to it as multi_agent_v1__close_agent).
    fake().script({ kind: 'tool-calls', calls: [{ name: 'multi_agent_v1__close_agent', arguments: { target: 'agent-7' }, id: 'call_close_1' }] }, { offersTool: 'multi_agent_v1__close_agent' });

    const run = await runAgentIn(root, bin('codex'), codex('local/tiny-coder', 'Codex', true), 'Close sub-agent agent-7', gateway.url);

    const turns = fake().requests.filter((r) => r.model !== '(models)');
    assert.ok(turns.length >= 2, `the call, then the turn with its output; Codex said:\n${run}`);
    const last = turns.at(-1)!.body as { messages: { role: string; tool_call_id?: string; tool_calls?: { function: { name: string } }[] }[] };
    const call = last.messages.find((m) => m.tool_calls?.length);
    assert.equal(call?.tool_calls?.[0].function.name, 'multi_agent_v1__close_agent', 'the call goes back under the name the model was offered');
    const output = last.messages.find((m) => m.role === 'tool' && m.tool_call_id === 'call_close_1') as { content?: unknown } | undefined;
    // Its sub-agent tool ran (there is no agent-7, so it says so), rather than a call of a tool Codex does not know.
    assert.match(String(output?.content), /agent id agent-7/, `Codex ran close_agent and sent its output; it said:\n${run}`);
  });

  it('Codex (OpenAI Responses API): retries a turn whose stream broke off mid-way, and the ledger holds both requests', async () => {
    const before = (await ledgerTotal()).total;
    const root = mkdtempSync(join(tmpdir(), 'llm-router-agent-'));
    roots.push(root);
    fake().script({ kind: 'stream-error', status: 500 }, { model: 'tiny-coder' });

    const run = await runAgentIn(root, bin('codex'), codex('local/tiny-coder'), 'one two three four five six seven', gateway.url);

    assert.match(run, /Fake tiny-coder answers/, `Codex shows the answer of its retry; it said:\n${run}`);
    assert.equal(fake().requests.length, 2, 'the broken stream, then the retry');
    const after = (await ledgerTotal()).total;
    assert.equal(after.requests - before.requests, 2, 'both are in the ledger, the broken one at the cost of what it sent');
  });

  it('Codex (OpenAI Responses API): prints the streamed answer of a plain question, counted once under its name, reaching nothing but the gateway', async () => {
    const before = (await ledgerTotal()).total;
    const root = mkdtempSync(join(tmpdir(), 'llm-router-agent-'));
    roots.push(root);
    const answer = 'The router answered this through the Responses API.';
    fake().script({ kind: 'reply', text: answer });
    // Every connection Codex makes beyond the gateway goes through this proxy, which records it and refuses it.
    const outbound: string[] = [];
    const proxy = createServer((socket) => socket.once('data', (d: Buffer) => (outbound.push(d.toString().split('\r\n')[0]), socket.destroy())));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const base = codex('auto');
    const offline: Agent = { ...base, env: (url) => ({ ...base.env(url), HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' }) };

    const run = await runAgentIn(root, bin('codex'), offline, 'Say hello', gateway.url).finally(() => proxy.close());

    assert.ok(run.includes(answer), `Codex shows the answer; it said:\n${run}`);
    assert.deepEqual(outbound, [], 'Codex reached nothing but the gateway (no login, update check, telemetry or plugin sync)');
    assert.equal(fake().requests.length, 1, 'one turn, no retry');
    const usage = await ledgerTotal();
    assert.equal(usage.total.requests - before.requests, 1, 'the request is in the ledger once');
    assert.ok(usage.total.costUsd > before.costUsd);
    assert.ok(Object.keys(usage.byClient).includes('codex'), `spend attributed to Codex: ${Object.keys(usage.byClient)}`);
  });
});

/** Runs one agent headless in `root`/workspace with its own home folder; resolves to its output when it exits. */
function runAgentIn(root: string, command: string, agent: Agent, prompt: string, gatewayUrl: string): Promise<string> {
  const workspace = join(root, 'workspace');
  const home = join(root, 'home');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(home, { recursive: true });
  for (const [path, text] of Object.entries(agent.files?.(gatewayUrl) ?? {})) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), text);
  }
  const args = agent.args(prompt, home);
  const env = agent.env(gatewayUrl);
  return new Promise((resolve, reject) => {
    // A clean environment: no real provider keys or base URLs leak in from the machine; no
    // stdin, so an agent that would read a piped prompt from it starts at once.
    const child = spawn(command, args, { cwd: workspace, env: { PATH: process.env.PATH, HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} exited with ${signal ?? code}:\n${output}`));
    });
  });
}
