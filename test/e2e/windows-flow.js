// A developer's day with two windows and one gateway: `llmRouter.gateway.enabled` starts the
// gateway with VS Code, two windows on two workspaces are open (two browser tabs of one
// profile: one SecretStorage, one ledger file, one router server each), an agent is set up from
// the second window's "Copy Gateway Configuration…", and the first window then reloads.
'use strict';
const { OpenAI } = require('openai');
const { formatSpendToday, formatUsd } = require('../../client/src/format/money');
const { expect, expectEqual } = require('./lib/checks');
const { todaysRequests } = require('./lib/ledger');
const { PROVIDERS } = require('./lib/profile');
const { routerServerPids } = require('./lib/routerProcess');
const { until } = require('./lib/waiting');
const { Workbench } = require('./lib/workbench');
const S = require('./selectors');

// A new question each time: the same one again would be answered from the shared cache, at $0.
const QUESTIONS = ['Which window counts this request', 'And which one counts it after the reload', 'And with both windows on one workspace'];
const MODEL = `${PROVIDERS.compatible.id}/${PROVIDERS.compatible.models[1].id}`; // dear: its cost shows in two decimals
const TAKEN_OVER = 'This window now serves the LLM Router gateway';

/**
 * `gatewayPort`: what `llmRouter.gateway.port` is set to for this phase (a free port, so that
 * another program on 8787 cannot make the run pass or fail).
 */
async function runWindowsFlow({ browser, baseUrl, codeServerGroup, workspaces, profile, checks, gatewayPort }) {
  // One browser context: the windows of one VS Code share SecretStorage, so also the gateway token.
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  const first = new Workbench(await context.newPage(), baseUrl);
  const second = new Workbench(await context.newPage(), baseUrl);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/v1`;
  // What VS Code calls each window's workspace (the folder's name), as the messages name them.
  const [firstName, secondName] = workspaces.map((folder) => require('node:path').basename(folder));
  const ledger = () => todaysRequests(profile.globalStorage);
  const spentIn = (workspaceId) => ledger().filter((r) => r.workspaceId === workspaceId).reduce((sum, r) => sum + r.costUsd, 0);
  let agent;
  /** Where the first and the second window count (read from the agent's requests). */
  let firstWorkspace;
  let secondWorkspace;

  /** The agent's request, as the copied exports set it up; returns the ledger row it added. */
  async function agentAsks(question) {
    const before = ledger().length;
    // An SDK retries a refused connection: the gap while a window takes the port over.
    const answer = await agent.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: question }] });
    const row = await until('the agent request in the ledger', () => ledger().slice(before).find((r) => r.model === answer.model));
    expectEqual(row.outcome, 'ok', 'ledger outcome of the agent request');
    expect(row.costUsd > 0, `the agent request cost ${row.costUsd}`);
    return row;
  }

  await checks.check('two windows: the first window starts the gateway with VS Code on the port set', async () => {
    checks.page = first.page;
    await first.openFolder(workspaces[0]);
    expectEqual(await first.waitForStatusText(S.spendItem, '$0.00 today', 90_000), '$0.00 today', 'first window\'s status bar');
    const status = await until(`a gateway on ${gatewayPort}`, async () => {
      const code = await fetch(`${gatewayUrl}/models`).then((r) => r.status, () => 0);
      return code === 401 ? code : undefined; // listening, and wants the token
    }, 60_000);
    return `${gatewayUrl} answers ${status} without the token`;
  });

  await checks.check('two windows: the second window\'s Copy Gateway Configuration… hands out the same address and a working token; the agent\'s request counts in the first window, whose status bar rises (the second\'s does not)', async () => {
    checks.page = second.page;
    await second.openFolder(workspaces[1]);
    expectEqual(await second.waitForStatusText(S.spendItem, '$0.00 today', 90_000), '$0.00 today', 'second window\'s status bar');
    await until('two router servers (one per window)', () => (routerServerPids(codeServerGroup).length === 2 ? true : undefined), 60_000);
    await second.runCommand('LLM Router: Copy Gateway Configuration…');
    await second.pickItem('Which agent should use the LLM Router gateway?', 'OpenAI-compatible clients (environment)');
    const toast = await second.notification('Copied the OpenAI-compatible clients');
    const message = (await toast.textContent()) ?? '';
    const snippet = await until('the configuration on the clipboard', async () => {
      const text = await second.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return text.includes('OPENAI_BASE_URL') ? text : undefined;
    });
    const exported = Object.fromEntries([...snippet.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expectEqual(exported.OPENAI_BASE_URL, gatewayUrl, 'the address the second window hands out (the port set, where the first window\'s gateway is)');
    expect(message.includes('Another VS Code window serves this address'), `the message does not say another window serves it: "${message}"`);
    // It names the workspace the agent's requests will be counted in: the serving (first) window's.
    expect(message.includes(`counted in the workspace “${firstName}” of that window`), `the message does not name the first window's workspace "${firstName}": "${message}"`);
    agent = new OpenAI({ baseURL: exported.OPENAI_BASE_URL, apiKey: exported.OPENAI_API_KEY, maxRetries: 4 });
    const row = await agentAsks(QUESTIONS[0]);
    firstWorkspace = row.workspaceId;
    const firstShows = formatSpendToday(spentIn(firstWorkspace));
    expectEqual(await first.waitForStatusText(S.spendItem, firstShows), firstShows, 'first window\'s status bar after the agent request');
    expectEqual(await second.waitForStatusText(S.spendItem, '$0.00 today', 3_000), '$0.00 today', 'second window\'s status bar after the agent request');
    // The serving window's tooltip adds up every workspace of the profile (llmRouter.budget.allWorkspaces).
    const allToday = `All workspaces: ${formatUsd(ledger().reduce((sum, r) => sum + (r.costUsd ?? 0), 0))} today`;
    await first.page.locator(S.spendItem).hover();
    await first.page.locator('.workbench-hover, .monaco-hover', { hasText: allToday }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await first.page.mouse.move(700, 400);
    // The second window's tooltip says where the agent's requests went.
    await second.page.locator(S.spendItem).hover();
    const hover = second.page.locator('.workbench-hover, .monaco-hover', { hasText: 'served by another VS Code window' }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const tooltip = (await hover.textContent()) ?? '';
    expect(tooltip.includes(`counted in the workspace “${firstName}” of that window`), `the second window's tooltip does not name "${firstName}": "${tooltip}"`);
    await checks.screenshot('second window: the spend tooltip says another window serves the gateway');
    await second.page.mouse.move(700, 400);
    return `${exported.OPENAI_BASE_URL}, ${row.model} for ${firstShows.replace(' today', '')} in the first window's workspace; its tooltip: "${allToday}"`;
  });

  await checks.check('two windows: when the first window reloads, the second takes the gateway\'s port over and says so; the agent\'s next request, unchanged, is answered and counts in the second window', async () => {
    await first.page.reload({ waitUntil: 'domcontentloaded' });
    const toast = await second.notification(TAKEN_OVER, 60_000);
    checks.page = second.page;
    const said = (await toast.textContent()) ?? '';
    expect(said.includes(gatewayUrl), `the take-over message does not name ${gatewayUrl}: "${said}"`);
    expect(said.includes(`counted in this workspace (“${secondName}”) from now on`), `the take-over message does not say agents' requests now count in "${secondName}": "${said}"`);
    const row = await agentAsks(QUESTIONS[1]);
    expect(row.workspaceId !== firstWorkspace, 'the request after the take-over was counted in the first window\'s workspace');
    secondWorkspace = row.workspaceId;
    const secondShows = formatSpendToday(spentIn(row.workspaceId));
    expectEqual(await second.waitForStatusText(S.spendItem, secondShows), secondShows, 'second window\'s status bar after the take-over request');
    // Its tooltip now says the gateway runs here, and names this workspace as where agents' requests count.
    await second.page.locator(S.spendItem).hover();
    const serving = second.page.locator('.workbench-hover, .monaco-hover', { hasText: `counted in this workspace (“${secondName}”)` }).first();
    await serving.waitFor({ state: 'visible', timeout: 10_000 });
    await checks.screenshot('second window after the take-over: the tooltip names its workspace as where agents\' requests count');
    await second.page.mouse.move(700, 400);
    // The reloaded first window stands by behind the second's gateway: one port, both windows up.
    await first.page.waitForSelector(S.statusBarItems, { timeout: 60_000 });
    const firstShows = formatSpendToday(spentIn(firstWorkspace));
    expectEqual(await first.waitForStatusText(S.spendItem, firstShows, 60_000), firstShows, 'first window\'s status bar after its reload');
    return `taken over: "${said.slice(0, 120)}…"`;
  });

  await checks.check('two windows on one workspace: a window\'s status bar catches up, within a minute, with spend the other window recorded in it', async () => {
    // The first window opens the second's folder: two windows, one workspace, one ledger.
    checks.page = first.page;
    await first.openFolder(workspaces[1]);
    const before = formatSpendToday(spentIn(secondWorkspace));
    expectEqual(await first.waitForStatusText(S.spendItem, before, 90_000), before, 'first window\'s status bar on the second\'s folder');
    const row = await agentAsks(QUESTIONS[2]);
    expectEqual(row.workspaceId, secondWorkspace, 'workspace of the request (the serving window\'s, now both windows\')');
    const after = formatSpendToday(spentIn(secondWorkspace));
    expect(after !== before, `the cost ${row.costUsd} is too small to show in the status bar`);
    expectEqual(await second.waitForStatusText(S.spendItem, after), after, 'the serving window\'s status bar');
    const started = Date.now();
    expectEqual(await first.waitForStatusText(S.spendItem, after, 75_000), after, 'the other window\'s status bar');
    return `${before} -> ${after} in the other window after ${((Date.now() - started) / 1000).toFixed(0)} s`;
  });

  await context.close();
}

module.exports = { runWindowsFlow };
