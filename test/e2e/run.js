// The end-to-end run: install the toolchain (setup.sh), package the extension, install it into
// a fresh code-server profile, start the fake providers and code-server, drive the UI as a
// person would (ui-flow.js), run the extension's own mocha suite in the extension host, and
// stop everything, also on failure, a signal or the overall deadline.
// Run through run.sh (it picks the project's Node 22, needed for node:sqlite and tsx).
// The last line printed is `N passed, N failed`; the exit code is 0 only when nothing failed.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Checks } = require('./lib/checks');
const { runExtensionTests } = require('./lib/extensionTests');
const { runChatFlow } = require('./chat-flow');
const { CHAT_SETTINGS, createProfile, createWorkspace, PROVIDERS, updateUserSettings } = require('./lib/profile');
const { killAllNow, runStep, stopAll, stopGroup } = require('./lib/processes');
const { freePort, startCodeServer, startFakes } = require('./lib/stack');
const { runNewUserFlow } = require('./new-user-flow');
const { BUDGET_SETTINGS, runBudgetFlow } = require('./budget-flow');
const { runUiFlow } = require('./ui-flow');
const { runWindowsFlow } = require('./windows-flow');

const HERE = __dirname;
const REPO = path.resolve(HERE, '../..');
const ROOT = process.env.E2E_ROOT || path.join(os.homedir(), '.cache', 'llm-router-e2e');
const RESULTS = path.join(REPO, 'test-results', 'e2e');
// E2E_VSIX: test an already packaged extension (e.g. a CI artifact) instead of packaging.
const PREBUILT_VSIX = process.env.E2E_VSIX;
const VSIX = PREBUILT_VSIX ? path.resolve(PREBUILT_VSIX) : path.join(REPO, 'llm-router.vsix');
const SUITE = path.join(REPO, 'out', 'test', 'client', 'index.js');
// A second, test-only extension that uses the router's language model (never shipped).
const LM_CLIENT_DIR = path.join(HERE, 'lm-client');
const LM_CLIENT_VSIX = path.join(RESULTS, 'lm-client.vsix');
const DEADLINE_MS = Number(process.env.E2E_TIMEOUT_MS || 30 * 60_000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// E2E_ONLY=chat,suite: run only these phases (ui, windows, chat, new-user, budget, suite), e.g. while working on one.
const ONLY = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(',').map((p) => p.trim())) : undefined;
const runs = (phaseName) => !ONLY || ONLY.has(phaseName);
// The recipe's flags: headless without a sandbox (containers), and no background traffic.
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const checks = new Checks(RESULTS);
const started = Date.now();
const temporary = [];
let browser;

function elapsed() {
  return `${((Date.now() - started) / 1000).toFixed(0)} s`;
}

function phase(title) {
  console.log(`\n[e2e +${elapsed()}] ${title}`);
}

/** The environment code-server and its extension hosts get: no real provider key can leak in. */
function codeServerEnv(profile) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/API_KEY|_TOKEN|SECRET/i.test(name)));
  return { ...env, E2E_ROOT: ROOT, CS_USER_DATA_DIR: profile.userDataDir, CS_EXTENSIONS_DIR: profile.extensionsDir };
}

async function main() {
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });

  phase('setup: code-server, Node 24, Chromium, playwright-core');
  const setupCode = await runStep('setup', 'bash', [path.join(HERE, 'setup.sh')], { env: { ...process.env, E2E_ROOT: ROOT }, timeoutMs: 30 * 60_000 });
  if (setupCode !== 0) return checks.fail('toolchain installs (setup.sh)', `exit code ${setupCode}`);
  checks.pass('toolchain installs (setup.sh)', elapsed());

  if (PREBUILT_VSIX) {
    console.log(`\n  using E2E_VSIX=${VSIX}, not packaging`);
  } else {
    phase('package: npm run package');
    const packageStart = Date.now();
    const packageCode = await runStep('package', 'npm', ['run', 'package'], { cwd: REPO, timeoutMs: 10 * 60_000 });
    const fresh = fs.existsSync(VSIX) && fs.statSync(VSIX).mtimeMs >= packageStart - 1000;
    if (packageCode !== 0 || !fresh) return checks.fail('extension packages into llm-router.vsix', `npm run package exited with ${packageCode}${fresh ? '' : ', no fresh llm-router.vsix'}`);
    checks.pass('extension packages into llm-router.vsix', `${((Date.now() - packageStart) / 1000).toFixed(0)} s`);
  }

  phase('fake providers and a fresh profile');
  // The fakes list exactly the models the profile configures, as a real provider would.
  const listed = { openai: PROVIDERS.compatible.models.map((m) => m.id), anthropic: PROVIDERS.anthropic.models.map((m) => m.id) };
  const fakes = await startFakes({ repo: REPO, node: process.execPath, logFile: path.join(RESULTS, 'fakes.log'), listed });
  console.log(`  fake providers: ${fakes.openai} (OpenAI wire), ${fakes.anthropic} (Anthropic wire)`);
  const profile = createProfile(path.join(RESULTS, 'profile'), fakes);
  const env = codeServerEnv(profile);

  const installCode = await runStep('install', path.join(ROOT, 'code-server.sh'), ['--install-extension', VSIX, '--force'], { env, timeoutMs: 120_000 });
  const installed = fs.existsSync(profile.extensionsDir) && fs.readdirSync(profile.extensionsDir).some((d) => d.startsWith('llm-router.llm-router-'));
  if (installCode !== 0 || !installed) return checks.fail('llm-router.vsix installs into code-server', `exit code ${installCode}`);
  checks.pass('llm-router.vsix installs into code-server');

  const vsce = path.join(REPO, 'node_modules', '.bin', 'vsce');
  const lmClientCode = await runStep('package lm-client', vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', LM_CLIENT_VSIX], { cwd: LM_CLIENT_DIR, timeoutMs: 120_000 });
  const lmClientInstall = lmClientCode === 0
    ? await runStep('install lm-client', path.join(ROOT, 'code-server.sh'), ['--install-extension', LM_CLIENT_VSIX, '--force'], { env, timeoutMs: 120_000 })
    : lmClientCode;
  if (lmClientInstall !== 0) checks.fail('the test-only lm-client extension packages and installs', `exit code ${lmClientInstall}`);
  else checks.pass('the test-only lm-client extension packages and installs');

  const { chromium } = require(path.join(ROOT, 'pw', 'node_modules', 'playwright-core'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });

  if (runs('ui')) {
    phase('UI flow, as a user');
    const uiServer = await startCodeServer({ here: HERE, env, logFile: path.join(RESULTS, 'code-server.log') });
    console.log(`  code-server ${uiServer.url} (process group ${uiServer.pgid})`);
    const workspace = createWorkspace();
    temporary.push(workspace);
    await runUiFlow({ browser, baseUrl: uiServer.url, codeServerGroup: uiServer.pgid, workspace, profile, fakes, checks });
    await stopGroup(uiServer.pgid);
  }

  if (runs('windows')) {
    phase('two windows and one gateway, as a user');
    const gatewayPort = await freePort();
    updateUserSettings(profile, { 'llmRouter.gateway.enabled': true, 'llmRouter.gateway.port': gatewayPort });
    const windowsServer = await startCodeServer({ here: HERE, env, logFile: path.join(RESULTS, 'code-server-windows.log') });
    console.log(`  code-server ${windowsServer.url} (process group ${windowsServer.pgid}), gateway port ${gatewayPort}`);
    const workspaces = [createWorkspace(), createWorkspace()];
    temporary.push(...workspaces);
    await runWindowsFlow({ browser, baseUrl: windowsServer.url, codeServerGroup: windowsServer.pgid, workspaces, profile, checks, gatewayPort });
    await stopGroup(windowsServer.pgid);
    // The later phases start no gateway.
    updateUserSettings(profile, { 'llmRouter.gateway.enabled': undefined, 'llmRouter.gateway.port': undefined });
  }

  if (runs('chat')) {
    phase('Chat view, as a user (VS Code\'s AI features on)');
    updateUserSettings(profile, CHAT_SETTINGS);
    const chatServer = await startCodeServer({ here: HERE, env, logFile: path.join(RESULTS, 'code-server-chat.log') });
    console.log(`  code-server ${chatServer.url} (process group ${chatServer.pgid})`);
    const chatWorkspace = createWorkspace();
    temporary.push(chatWorkspace);
    await runChatFlow({ browser, baseUrl: chatServer.url, workspace: chatWorkspace, profile, fakes, checks });
    await stopGroup(chatServer.pgid);
    // The suite checks the answer panel: palette answers go back there.
    updateUserSettings(profile, { 'llmRouter.answerIn': undefined });
  }

  if (runs('new-user')) {
    phase('a new user: no provider configured, set up through the UI');
    // Same installed extension, a profile of its own with nothing of LLM Router's in its settings.
    const newProfile = createProfile(path.join(RESULTS, 'profile-new-user'), fakes, { empty: true, extensionsDir: profile.extensionsDir });
    const newServer = await startCodeServer({ here: HERE, env: codeServerEnv(newProfile), logFile: path.join(RESULTS, 'code-server-new-user.log') });
    console.log(`  code-server ${newServer.url} (process group ${newServer.pgid})`);
    const newWorkspace = createWorkspace();
    temporary.push(newWorkspace);
    await runNewUserFlow({ browser, baseUrl: newServer.url, workspace: newWorkspace, profile: newProfile, fakes, checks });
    await stopGroup(newServer.pgid);
  }

  if (runs('budget')) {
    phase('a daily budget set low, then exceeded, as a user (VS Code\'s AI features on)');
    // A profile of its own (the same installed extensions): a fresh ledger, so the spend starts below the limit.
    const budgetProfile = createProfile(path.join(RESULTS, 'profile-budget'), fakes, { extensionsDir: profile.extensionsDir });
    updateUserSettings(budgetProfile, BUDGET_SETTINGS);
    const budgetServer = await startCodeServer({ here: HERE, env: codeServerEnv(budgetProfile), logFile: path.join(RESULTS, 'code-server-budget.log') });
    console.log(`  code-server ${budgetServer.url} (process group ${budgetServer.pgid})`);
    const budgetWorkspace = createWorkspace();
    temporary.push(budgetWorkspace);
    await runBudgetFlow({ browser, baseUrl: budgetServer.url, workspace: budgetWorkspace, profile: budgetProfile, fakes, checks });
    await stopGroup(budgetServer.pgid);
  }

  phase('extension-host mocha suite');
  if (!runs('suite')) {
    console.log('  SKIP  not in E2E_ONLY');
  } else if (!fs.existsSync(SUITE)) {
    console.log(`  SKIP  ${path.relative(REPO, SUITE)} does not exist (the client's suite is not built yet), so it was not run`);
  } else {
    const suiteServer = await startCodeServer({ here: HERE, env, logFile: path.join(RESULTS, 'code-server-suite.log'), extensionTests: true });
    console.log(`  code-server ${suiteServer.url} (process group ${suiteServer.pgid}), smoke-test driver on`);
    const suiteWorkspace = createWorkspace();
    temporary.push(suiteWorkspace);
    const suite = await runExtensionTests(browser, {
      baseUrl: suiteServer.url,
      extensionPath: REPO,
      testsEntry: SUITE,
      folder: suiteWorkspace,
      logFile: path.join(RESULTS, 'extension-host-suite.log'),
      timeoutMs: 5 * 60_000,
    });
    const name = 'extension-host mocha suite passes (out/test/client)';
    if (suite.code === 0 && suite.failing === 0) checks.pass(name, `${suite.passing} passing`);
    else checks.fail(name, `exit code ${suite.code}, ${suite.passing} passing, ${suite.failing} failing`);
    await stopGroup(suiteServer.pgid);
  }

  await stopGroup(fakes.pgid);
}

async function cleanUp() {
  if (browser) await browser.close().catch(() => {});
  await stopAll();
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
}

function finish(code) {
  if (checks.failed.length > 0) {
    console.log('\nFailed:');
    for (const { name, message } of checks.failed) console.log(`  - ${name}: ${message}`);
  }
  console.log(`\nscreenshots and logs: ${path.relative(process.cwd(), RESULTS) || '.'}  (total ${elapsed()})`);
  console.log(checks.summary());
  process.exit(code);
}

// Whatever happens, the process groups go: a hung step must not keep CI waiting.
function abort(reason) {
  checks.fail('run finishes in time and is not interrupted', reason);
  killAllNow();
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  finish(1);
}
setTimeout(() => abort(`the overall deadline of ${Math.round(DEADLINE_MS / 1000)} s (E2E_TIMEOUT_MS) passed`), DEADLINE_MS);
process.once('SIGINT', () => abort('interrupted (SIGINT)'));
process.once('SIGTERM', () => abort('terminated (SIGTERM)'));
process.once('exit', killAllNow);

main()
  .catch((error) => checks.fail('harness runs', error))
  .then(cleanUp)
  .then(() => finish(checks.ok ? 0 : 1));
