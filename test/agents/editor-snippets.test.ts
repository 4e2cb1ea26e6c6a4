// The text "LLM Router: Copy Gateway Configuration…" gives the user, used exactly as a user
// would: shell snippets pasted into bash before the agent starts, config files written where
// the quick pick says they go. The gateway is the one the editor hosts (router/gateway on the
// stdio server, with the editor's own token generator and workspace), and each real agent CLI
// (test/agents/setup.sh) must get an answer through it, counted under the editor's workspace
// and the agent's name.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { agentConfigurations, type AgentConfig } from '../../client/src/gateway/agentConfigs';
import { newToken } from '../../client/src/gateway/gatewayToken';
import { GatewayRequest, UsageRequest, type GatewayStatus } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from '../integration/fixtures';
import { ServerProcess } from '../integration/server-process';

const AGENTS_ROOT = process.env.AGENTS_ROOT ?? join(homedir(), '.cache', 'llm-router-agents');
const bin = (name: string) => join(AGENTS_ROOT, 'node_modules', '.bin', name);
const EDITOR_WS = 'ws-editor-snippets';
const PROMPT = 'Say hello in one short sentence';

interface Paste {
  /** The configuration's id in agentConfigurations(). */
  config: string;
  agent: string;
  /** Where the user puts the text: the files to write (relative to the home folder), or a shell to paste it into. */
  apply: (text: string) => { shell?: string; homeFiles?: Record<string, string> };
  /** The agent's command line, headless. */
  command: () => string[];
  /** What the agent needs besides the pasted text that is about this test machine, not the router (offline switches). */
  env?: NodeJS.ProcessEnv;
  client: RegExp;
  /** Exits at once on a 401 and shows its message (Claude Code retries a 401 for minutes, silently: 6 tries in 18 s, then on). */
  showsRefusal?: boolean;
}

const PASTES: Paste[] = [
  {
    config: 'openai-env',
    agent: 'Qwen Code',
    apply: (text) => ({ shell: text }),
    command: () => [bin('qwen'), '-p', PROMPT, '--yolo'],
    env: { QWEN_CODE_SUPPRESS_YOLO_WARNING: '1' },
    client: /^QwenCode\//,
    showsRefusal: true,
  },
  {
    config: 'anthropic-env',
    agent: 'Claude Code',
    apply: (text) => ({ shell: text }),
    command: () => [bin('claude'), '-p', PROMPT],
    env: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1' },
    client: /^claude-cli\//,
  },
  {
    config: 'continue',
    agent: "Continue's CLI",
    apply: (text) => ({ homeFiles: { '.continue/config.yaml': text } }),
    // No --config: cn reads ~/.continue/config.yaml, where the quick pick says the text goes.
    command: () => [bin('cn'), '-p', PROMPT],
    env: { CONTINUE_CLI_ENABLE_TELEMETRY: '0', CONTINUE_METRICS_ENABLED: '0' },
    client: /^continue$/,
    showsRefusal: true,
  },
  {
    config: 'opencode',
    agent: 'opencode',
    apply: (text) => ({ homeFiles: { '.config/opencode/opencode.json': text } }),
    command: () => [bin('opencode'), 'run', PROMPT],
    // Offline: no models.dev catalogue, update check, LSP download or plugin install (see agents.test.ts).
    env: {
      OPENCODE_DISABLE_MODELS_FETCH: '1',
      OPENCODE_DISABLE_AUTOUPDATE: '1',
      OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
      OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
      npm_config_registry: 'http://127.0.0.1:9/',
    },
    client: /^opencode\/1\./,
    showsRefusal: true,
  },
  {
    config: 'codex',
    agent: 'Codex CLI',
    apply: (text) => ({ homeFiles: { '.codex/config.toml': text } }),
    // --strict-config: a key this Codex does not know fails the run instead of being ignored. Offline: no update
    // check, analytics or plugin sync (about this machine, not the gateway, so on the command line, not in the text).
    command: () => [
      bin('codex'), 'exec', '--strict-config', '--skip-git-repo-check',
      '-c', 'check_for_update_on_startup=false', '-c', 'analytics.enabled=false', '--disable', 'plugins', PROMPT,
    ],
    client: /^codex$/,
    showsRefusal: true,
  },
];

describe('Copy Gateway Configuration: each agent works with the text as pasted (real CLIs from npm)', function () {
  this.timeout(240_000);
  const fake = useFakeProviders();
  let server: ServerProcess;
  let status: GatewayStatus;
  const roots: string[] = [];

  before(async () => {
    execFileSync('bash', [join(__dirname, 'setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  });
  beforeEach(async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: API_KEYS });
    // As GatewayController starts it: the editor's token and workspace.
    status = await server.connection.sendRequest(GatewayRequest.type, { action: 'start', port: 0, token: newToken(), workspaceId: EDITOR_WS });
  });
  afterEach(async () => {
    await server.stop();
  });
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  const configFor = (id: string): AgentConfig => {
    const config = agentConfigurations({ url: status.url!, token: status.token! }).find((c) => c.id === id);
    assert.ok(config, `the quick pick offers ${id}`);
    return config;
  };

  for (const paste of PASTES) {
    it(`${paste.agent} answers through the editor's gateway with the "${paste.config}" text as pasted, counted under its name`, async () => {
      const output = await runPasted(paste, configFor(paste.config).text, roots);
      assert.match(output, /Fake [\w.-]+ answers/, `the agent printed the model's answer; it said:\n${output}`);
      const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: EDITOR_WS });
      assert.ok(usage.today.requests >= 1, 'the request counts in the editor’s workspace');
      const clients = Object.keys(usage.byClient);
      assert.ok(clients.some((c) => paste.client.test(c)), `counted under the agent's name: ${clients.join(', ')}`);
    });
  }

  for (const paste of PASTES.filter((p) => p.showsRefusal)) {
    it(`${paste.agent} with another token stops at once and says where the editor's token is, and no provider is called`, async () => {
      const stale = agentConfigurations({ url: status.url!, token: newToken() }).find((c) => c.id === paste.config)!.text;
      const failure = await runPasted(paste, stale, roots).then(
        (output) => assert.fail(`the agent reported success:\n${output}`),
        (error: Error) => error.message,
      );
      assert.match(failure, /wrong token/, `the agent shows the gateway's refusal; it said:\n${failure}`);
      assert.match(failure, /Copy Gateway Configuration/, `the refusal names the command that copies the token; it said:\n${failure}`);
      assert.equal(fake().requests.length, 0, 'no provider was called');
    });
  }
});

/** Writes the files or pastes the shell text, then runs the agent in a fresh home and workspace; resolves to its output. */
function runPasted(paste: Paste, text: string, roots: string[]): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'llm-router-paste-'));
  roots.push(root);
  const home = join(root, 'home');
  const workspace = join(root, 'workspace');
  const applied = paste.apply(text);
  mkdirSync(home, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  for (const [path, content] of Object.entries(applied.homeFiles ?? {})) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), content);
  }
  const [command, ...args] = paste.command();
  // The pasted shell text runs first in the same shell, then the agent: exactly what a terminal does.
  const script = `${applied.shell ?? ''}\nexec "$0" "$@"`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, command, ...args], {
      cwd: workspace,
      env: { PATH: process.env.PATH, HOME: home, ...paste.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${paste.agent} exited with ${signal ?? code}:\n${output}`));
    });
  });
}
