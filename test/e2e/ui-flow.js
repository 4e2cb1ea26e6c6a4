// The user's story, driven through the real UI of code-server: open a file, run every LLM
// Router command from the palette, and compare what the UI shows (answers, edits, the spend
// in the status bar, the dashboard) with what the fakes received and the ledger recorded.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { OpenAI } = require('openai');
const { FakeControlClient } = require('../fakes/control-client');
const { formatCost, formatSpendToday, formatUsd } = require('../../client/src/format/money');
const { expect, expectEqual } = require('./lib/checks');
const { attemptsOf, todaysRequests } = require('./lib/ledger');
const { PROVIDERS, SOURCE_FILE, SOURCE_TEXT, updateUserSettings } = require('./lib/profile');
const { connectionsTo, processGone, routerServerPids } = require('./lib/routerProcess');
const { finishedAnswer, readyDashboard } = require('./lib/routerUi');
const { until, waitingFor } = require('./lib/waiting');
const { Workbench } = require('./lib/workbench');
const S = require('./selectors');

const TEST_KEY = 'test-key-1';
const ANTHROPIC_MODEL = `${PROVIDERS.anthropic.id}/${PROVIDERS.anthropic.models[0].id}`;
const QUESTION = 'Why does perimeter add width and height before doubling';
const MODEL_QUESTION = 'Is this perimeter correct for a square';
const INSTRUCTION = 'Compute the perimeter from each side';
// Scripted replies (through the fakes' control endpoint) make the edited text exact.
const REFACTORED = [
  'export function perimeter(width: number, height: number): number {',
  '  return width + width + height + height;',
  '}',
];
const COMPLETION = 'export const unitSquareArea = area(1, 1);';
// Explained twice: cancelled while the provider hangs, then answered after a server crash
// (fresh, not from the cache: a cancelled request leaves nothing in it).
const PERIMETER_LINES = [6, 8];
const EXPLAIN_PERIMETER = `Explain ${SOURCE_FILE}:${PERIMETER_LINES.join('-')}`;
// Asked through the hosted gateway by the test process, as a coding agent outside VS Code would.
const GATEWAY_QUESTION = 'What does a gateway token protect';
const GATEWAY_STARTED = 'LLM Router gateway running on';
// Asked while the server restarts (Restart Server): its answer is half-way when the server stops.
const RESTART_QUESTION = 'What happens to a lock-free queue under contention';
const SERVER_STOPPED = 'the router server stopped unexpectedly and was started again';
const STRONG_MODEL = `${PROVIDERS.compatible.id}/${PROVIDERS.compatible.models[1].id}`;
const ORIGINAL_LINES = SOURCE_TEXT.replace(/\n$/, '').split('\n');

/** The user settings as VS Code wrote them (settings.json may hold comments: none here). */
const userSettings = (profile) => JSON.parse(fs.readFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), 'utf8'));
const sum = (rows) => rows.reduce((total, row) => total + row.costUsd, 0);
const lastSegment = (ref) => ref.split('/').pop();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runUiFlow({ browser, baseUrl, codeServerGroup, workspace, profile, fakes, checks }) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  checks.page = page;
  const wb = new Workbench(page, baseUrl);
  const control = new FakeControlClient(fakes.control);
  const ledger = () => todaysRequests(profile.globalStorage);
  const fakesPort = Number(new URL(fakes.openai).port); // both fakes share one port
  const providerOf = (recorded) => (recorded.api === 'anthropic' ? PROVIDERS.anthropic.id : PROVIDERS.compatible.id);

  /** The one router server running under code-server's process group. */
  function theRouterServer() {
    const pids = routerServerPids(codeServerGroup);
    expectEqual(pids.length, 1, `router servers (dist/server.js --stdio) under process group ${codeServerGroup}: ${pids.join(', ')}`);
    return pids[0];
  }

  /** Polls the ledger until it holds `count` of today's rows (the server writes them itself). */
  async function ledgerRows(count, timeout = 20_000) {
    const until = Date.now() + timeout;
    let rows = ledger();
    while (rows.length < count && Date.now() < until) {
      await sleep(100);
      rows = ledger();
    }
    expectEqual(rows.length, count, 'rows in the ledger today');
    return rows;
  }

  /** The spend item must come to read the ledger's total for today, formatted as the client does. */
  async function spendMatchesLedger() {
    const want = formatSpendToday(sum(ledger()));
    expectEqual(await wb.waitForStatusText(S.spendItem, want), want, 'status-bar spend (ledger total for today)');
  }

  /**
   * One request made through the UI: `act` does what the user does; then the ledger must hold
   * one new row of `kind`, the answer view (when `titlePrefix` is given) must show the fake's
   * reply, that row's model and cost, and the status bar the new total.
   */
  async function routedRequest({ act, kind, titlePrefix }) {
    const before = ledger().length;
    await act();
    const answer = titlePrefix ? await finishedAnswer(wb, titlePrefix) : undefined;
    if (answer) expectEqual(answer.state, 'done', `answer state (error: ${answer.error || 'none'})`);
    const row = (await ledgerRows(before + 1)).at(-1);
    expectEqual(row.outcome, 'ok', 'ledger outcome');
    if (kind) expectEqual(row.kind, kind, 'ledger kind');
    // Every configured model is priced, so a fresh answer must move the spend.
    expect(row.costUsd > 0 && !row.cached, `the ledger row costs ${row.costUsd} (cached: ${row.cached})`);
    if (answer) {
      expect(answer.text.includes(`Fake ${lastSegment(row.model)} answers:`), `answer text "${answer.text.slice(0, 120)}" is not the fake's reply from ${row.model}`);
      expectEqual(answer.model, row.model, 'model shown with the answer');
      expectEqual(answer.cost, formatUsd(row.costUsd), 'cost shown with the answer');
    }
    await spendMatchesLedger();
    return { answer, row };
  }

  await checks.check('workbench opens the workspace; status bar shows "$0.00 today"', async () => {
    await wb.openFolder(workspace);
    const shown = await wb.waitForStatusText(S.spendItem, formatSpendToday(0), 90_000);
    expectEqual(shown, '$0.00 today', 'status-bar spend on a fresh profile');
    expectEqual(ledger().length, 0, 'ledger rows on a fresh profile');
  });

  await checks.check(`${SOURCE_FILE} opens in an editor`, async () => {
    await wb.openFile(SOURCE_FILE);
    const text = await wb.waitForEditorText((t) => t.includes('export function area'));
    expectEqual(text, ORIGINAL_LINES.join('\n') + '\n', 'editor text');
  });

  await checks.check('Explain Selection: the fake\'s answer, model and cost appear; spend rises by the ledger\'s cost', async () => {
    await routedRequest({
      kind: 'explain',
      titlePrefix: `Explain ${SOURCE_FILE}:2-`,
      act: async () => {
        await wb.selectLines(2, 4);
        await wb.runCommand('LLM Router: Explain Selection');
      },
    });
  });

  await checks.check('Set API Key…: provider quick pick, then a password box; the key is stored and tried at once', async () => {
    await wb.runCommand('LLM Router: Set API Key…');
    await wb.pickItem('Which provider is the key for?', PROVIDERS.anthropic.id);
    await wb.waitForQuickInput(`API key for ${PROVIDERS.anthropic.id}`);
    expectEqual(await page.locator(S.quickInputBox).getAttribute('type'), 'password', 'key input type');
    await wb.answerInput(`API key for ${PROVIDERS.anthropic.id}`, TEST_KEY);
    // Stored, then tried at once (a free model listing): the notification says it works.
    await wb.notification(`1 key stored for ${PROVIDERS.anthropic.id}; it works`);
  });

  await checks.check('Summarize (pinned to the Anthropic provider): answered with the key typed in the UI', async () => {
    const { row } = await routedRequest({
      kind: 'summarize',
      titlePrefix: `Summarize ${SOURCE_FILE}`,
      act: async () => {
        await wb.focusEditor(); // no selection: the whole file
        await wb.runCommand('LLM Router: Summarize');
      },
    });
    expectEqual(row.model, ANTHROPIC_MODEL, 'model of the summary');
    const received = (await control.requests()).filter((r) => r.api === 'anthropic');
    expect(received.length > 0, 'the Anthropic fake received no request');
    expectEqual(received.at(-1).apiKey, TEST_KEY, 'x-api-key the Anthropic fake received');
  });

  await checks.check('Ask…: the question typed in the input box is answered', async () => {
    await routedRequest({
      titlePrefix: QUESTION,
      act: async () => {
        await wb.runCommand('LLM Router: Ask…');
        await wb.answerInput('Ask anything', QUESTION);
      },
    });
    const last = (await control.requests()).at(-1);
    expect(JSON.stringify(last?.body ?? '').includes(QUESTION), 'the question typed in the box did not reach the provider');
  });

  await checks.check('Ask with Model…: every configured model listed with its estimated cost, the router\'s choice first; the one picked answers', async () => {
    const configured = [
      ...PROVIDERS.compatible.models.map((m) => `${PROVIDERS.compatible.id}/${m.id}`),
      ...PROVIDERS.anthropic.models.map((m) => `${PROVIDERS.anthropic.id}/${m.id}`),
    ];
    let picked;
    const { row } = await routedRequest({
      titlePrefix: MODEL_QUESTION,
      act: async () => {
        await wb.runCommand('LLM Router: Ask with Model…');
        // The model list replaces the question box at once, so the box is never seen closing.
        await wb.waitForQuickInput('Ask anything');
        await page.locator(S.quickInputBox).fill(MODEL_QUESTION);
        await page.keyboard.press('Enter');
        await wb.waitForQuickInput('Pick the model');
        const rows = page.locator(S.quickInputRows);
        await until('a quick-pick row per configured model', async () => (await rows.count()) === configured.length);
        const texts = (await rows.allTextContents()).map((text) => text.replace(/\s+/g, ' '));
        for (const model of configured) expect(texts.some((text) => text.includes(model)), `${model} is not offered: ${texts.join(' | ')}`);
        expect(texts[0].includes("router's choice"), `the first row is not the router's choice: ${texts[0]}`);
        expect(texts.every((text) => /~\$\d+\.\d+ · quality \d\.\d\d/.test(text)), `a row shows no cost estimate: ${texts.join(' | ')}`);
        // Not the router's choice: the user overrules it.
        picked = configured.find((model) => !texts[0].includes(model));
        await wb.pickItem('Pick the model', picked);
      },
    });
    expectEqual(row.model, picked, 'model that answered');
  });

  await checks.check('Refactor Selection…: instruction box, diff of the proposal, Apply changes the file', async () => {
    await control.script({ kind: 'reply', text: `Here you go:\n\n\`\`\`ts\n${REFACTORED.join('\n')}\n\`\`\`\n` });
    const want = [...ORIGINAL_LINES.slice(0, 5), ...REFACTORED].join('\n') + '\n';
    await routedRequest({
      kind: 'refactor',
      act: async () => {
        await wb.selectLines(6, 8);
        await wb.runCommand('LLM Router: Refactor Selection…');
        await wb.answerInput('How should the selected code change?', INSTRUCTION);
        await waitingFor('the diff of the proposal', () => page.locator(S.diffEditor).first().waitFor({ state: 'visible', timeout: 60_000 }));
        await wb.notification('apply the refactoring', 60_000);
        expectEqual(await wb.waitForEditorText((t) => t === want), want, 'proposed side of the diff');
        await checks.screenshot('refactor diff before Apply');
        await wb.pressNotificationButton('apply the refactoring', 'Apply');
      },
    });
    await waitingFor('the diff to close', () => page.locator(S.diffEditor).first().waitFor({ state: 'detached', timeout: 20_000 }));
    expectEqual(await wb.waitForEditorText((t) => t === want), want, 'editor text after Apply');
  });

  await checks.check('Undo once restores the file as it was before the refactoring', async () => {
    await wb.focusEditor();
    await page.keyboard.press('Control+Z');
    const want = ORIGINAL_LINES.join('\n') + '\n';
    expectEqual(await wb.waitForEditorText((t) => t === want), want, 'editor text after one Undo');
  });

  await checks.check('Complete at Cursor: the completion is inserted at the cursor', async () => {
    await control.script({ kind: 'reply', text: `\`\`\`ts\n${COMPLETION}\n\`\`\`` });
    await routedRequest({
      kind: 'completion',
      act: async () => {
        await wb.cursorAtEndOf(ORIGINAL_LINES.length + 1); // the empty last line
        await wb.runCommand('LLM Router: Complete at Cursor');
      },
    });
    const want = [...ORIGINAL_LINES, COMPLETION].join('\n');
    expectEqual(await wb.waitForEditorText((t) => t === want), want, 'editor text after the completion');
  });

  const REQUESTS = 6; // explain, summarize, ask, ask with model, refactor, completion
  await checks.check(`status-bar spend rose from $0.00 by exactly the ledger's total for the ${REQUESTS} requests`, async () => {
    const rows = await ledgerRows(REQUESTS);
    expect(rows.every((r) => r.outcome === 'ok' && !r.cached), `not every request was answered fresh: ${JSON.stringify(rows)}`);
    expectEqual(new Set(rows.map((r) => r.workspaceId)).size, 1, 'workspaces in the ledger');
    expect(sum(rows) > 0, 'the ledger recorded no cost');
    await spendMatchesLedger();
  });

  await checks.check('Cancel on the progress notification aborts the hung provider call: answer "cancelled", no fallback, ledger row "cancelled" at $0', async () => {
    const rowsBefore = ledger();
    const server = theRouterServer();
    const sentBefore = (await control.requests()).length;
    // The next provider call hangs: it is the first call of the next request, so the call to
    // the model the router chose, whichever that is.
    await control.script({ kind: 'hang' });
    try {
      await wb.selectLines(...PERIMETER_LINES);
      await wb.runCommand('LLM Router: Explain Selection');
      // The progress notification, with its Cancel button.
      const cancel = await wb.notificationButton(EXPLAIN_PERIMETER, 'Cancel');
      const hung = await until('the request to reach the fake (and hang there)', async () =>
        (await control.requests()).slice(sentBefore).find((r) => r.behaviour === 'hang'));
      const open = await until('the router server\'s connection to the fake', () => {
        const found = connectionsTo(server, fakesPort);
        return found.size > 0 && found;
      }, 5_000);
      await checks.screenshot('progress notification of the hung request, before Cancel');
      const cancelledAt = Date.now();
      await cancel.click();
      await waitingFor('the progress notification to close', () => page.locator(S.notificationToasts, { hasText: EXPLAIN_PERIMETER }).first().waitFor({ state: 'hidden', timeout: 10_000 }));

      const answer = await finishedAnswer(wb, EXPLAIN_PERIMETER, 20_000, ['done', 'error', 'cancelled']);
      expectEqual(answer.state, 'cancelled', `answer state (error: ${answer.error || 'none'})`);
      expectEqual(answer.status, 'Cancelled.', 'progress words in the answer view');

      // The row is written when the server has stopped the request; a server that ignored
      // the cancel would only give up at the attempt timeout (60 s) and then fall back.
      const row = (await ledgerRows(rowsBefore.length + 1, 20_000)).at(-1);
      expectEqual(row.outcome, 'cancelled', 'ledger outcome of the cancelled request');
      expectEqual(row.kind, 'explain', 'ledger kind');
      expectEqual(row.model, `${providerOf(hung)}/${hung.model}`, 'ledger model (the one the fake saw hang)');
      expect(row.costUsd === 0 && !row.unpriced, `the cancelled request costs ${row.unpriced ? 'an unknown amount' : row.costUsd}, expected 0`);
      const attempts = attemptsOf(profile.globalStorage, row.id);
      expectEqual(JSON.stringify(attempts.map((a) => `${a.model} ${a.ok ? 'ok' : 'failed'}`)), JSON.stringify([`${row.model} failed`]), 'provider calls recorded for the cancelled request');

      // The call itself is aborted: the connection that carried it closes. (Idle keep-alive
      // connections that were open as well close on their own within a few seconds.)
      await until('the router server to close the connection that carried the hung call (was the provider call aborted?)',
        () => ![...open].some((c) => connectionsTo(server, fakesPort).has(c)), 10_000);
      const closedAfterMs = Date.now() - cancelledAt;

      const sent = (await control.requests()).slice(sentBefore);
      expectEqual(JSON.stringify(sent.map((r) => `${r.model} ${r.behaviour}`)), JSON.stringify([`${hung.model} hang`]),
        'requests the fakes received (the hung one, and no fallback after Cancel)');
      expectEqual(sum(ledger()), sum(rowsBefore), 'the ledger total for today (a cancelled request costs nothing)');
      await spendMatchesLedger();
      return `hung ${row.model}, recorded as cancelled after ${row.latencyMs} ms, its connection to the fake closed ${closedAfterMs} ms after Cancel`;
    } finally {
      await control.clearScripts();
    }
  });

  await checks.check('router server killed with SIGKILL: restarted, every ledger row kept, same spend; the next Explain is answered', async () => {
    const rowsBefore = ledger();
    expect(rowsBefore.length > 0 && sum(rowsBefore) > 0, 'no answered request in the ledger before the crash');
    const spendBefore = formatSpendToday(sum(rowsBefore));
    expectEqual(await wb.waitForStatusText(S.spendItem, spendBefore), spendBefore, 'status-bar spend before the crash');
    const victim = theRouterServer();
    process.kill(victim, 'SIGKILL');
    await until(`router server ${victim} to exit after SIGKILL`, () => processGone(victim), 10_000);
    const killedAt = Date.now();

    // Every row a client was shown was committed before the answer went out.
    const rowsAfter = ledger();
    expectEqual(rowsAfter.length, rowsBefore.length, 'ledger rows after the crash');
    expectEqual(JSON.stringify(rowsAfter), JSON.stringify(rowsBefore), 'ledger rows after the crash (every earlier row, unchanged)');

    const successor = await until('the extension to start a new router server', () => routerServerPids(codeServerGroup).find((pid) => pid !== victim), 30_000);
    const restartMs = Date.now() - killedAt;
    // The restarted server answers router/usage: the status bar shows the same total again.
    expectEqual(await wb.waitForStatusText(S.spendItem, spendBefore, 30_000), spendBefore, 'status-bar spend after the restart');
    // The client tells the user: a server that died took any request it ran with it.
    const told = await wb.notification(SERVER_STOPPED, 30_000);
    await checks.screenshot('the server stopped unexpectedly and was started again: the notification');
    const toldText = (await told.textContent()) ?? '';
    await wb.runCommand('Notifications: Clear All Notifications');
    // And in its log.
    await wb.runCommand('LLM Router: Show Log');
    await wb.waitForOutput('restarting it');
    await checks.screenshot('server restart in the LLM Router log');
    await wb.runCommand('View: Hide Panel'); // the rest of the story as before: no Output panel
    await waitingFor('the Output panel to close', () => page.locator(S.outputLines).first().waitFor({ state: 'hidden', timeout: 10_000 }));

    const sentBefore = (await control.requests()).length;
    const { row } = await routedRequest({
      kind: 'explain',
      titlePrefix: EXPLAIN_PERIMETER,
      act: async () => {
        await wb.selectLines(...PERIMETER_LINES);
        await wb.runCommand('LLM Router: Explain Selection');
      },
    });
    await waitingFor('the progress notification to close', () => page.locator(S.notificationToasts, { hasText: EXPLAIN_PERIMETER }).first().waitFor({ state: 'hidden', timeout: 10_000 }));
    const sent = (await control.requests()).slice(sentBefore);
    expectEqual(JSON.stringify(sent.map((r) => `${providerOf(r)}/${r.model} ${r.behaviour}`)), JSON.stringify([`${row.model} ok`]), 'requests the fakes received for the Explain after the restart');
    expectEqual(JSON.stringify(routerServerPids(codeServerGroup)), JSON.stringify([successor]), 'router servers after the Explain (the restarted one, alone)');
    return `server pid ${victim} killed, pid ${successor} running ${restartMs} ms later; told: "${toldText.slice(0, 100)}"`;
  });

  await checks.check('Start Gateway: a request from outside with the openai SDK needs the token, is answered, and raises the status-bar spend by its cost', async () => {
    // "Copy Token" writes the browser's clipboard, which the test then reads like a user pasting it.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    const before = ledger();
    const spendBefore = formatSpendToday(sum(before));
    expectEqual(await wb.waitForStatusText(S.spendItem, spendBefore), spendBefore, 'status-bar spend before the gateway request');
    await wb.runCommand('LLM Router: Start Gateway');
    const toast = await wb.notification(GATEWAY_STARTED);
    const url = /running on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(await toast.textContent())?.[1];
    expect(url, `no gateway URL in "${await toast.textContent()}"`);
    const copyToken = await wb.notificationButton(GATEWAY_STARTED, 'Copy Token'); // waits for the toast to settle
    await checks.screenshot('gateway started, with Copy URL and Copy Token');
    await copyToken.click();
    const token = await until('the gateway token on the clipboard', async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return text.length >= 32 && !text.includes(' ') ? text : undefined;
    });

    const sentBefore = (await control.requests()).length;
    const refused = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: GATEWAY_QUESTION }] }),
    });
    expectEqual(refused.status, 401, 'status of a request with a wrong token');
    expectEqual((await control.requests()).length, sentBefore, 'provider calls made for the refused request');

    const agent = new OpenAI({ baseURL: url, apiKey: token, maxRetries: 0 });
    const { data, response } = await agent.chat.completions
      // The dearest model, so that its cost shows in the status bar's two decimals.
      .create({ model: STRONG_MODEL, messages: [{ role: 'user', content: GATEWAY_QUESTION }] })
      .withResponse();
    const row = (await ledgerRows(before.length + 1)).at(-1);
    expectEqual(row.outcome, 'ok', 'ledger outcome of the gateway request');
    expectEqual(row.model, STRONG_MODEL, 'model the ledger recorded for the gateway request');
    expectEqual(data.model, row.model, 'model the gateway answered with');
    expect(data.choices[0]?.message?.content?.includes(`Fake ${lastSegment(row.model)} answers:`), `gateway answer "${data.choices[0]?.message?.content}"`);
    expectEqual(Number(response.headers.get('x-llm-router-cost-usd')), row.costUsd, 'x-llm-router-cost-usd (the ledger row\'s cost)');
    expect(row.costUsd > 0, `the gateway request cost ${row.costUsd}`);
    // Counted in the editor's workspace, under the caller's name.
    expectEqual(row.workspaceId, before[0]?.workspaceId, 'workspace of the gateway request (the editor\'s)');
    expect(/^OpenAI\/JS /.test(row.client ?? ''), `client of the gateway request: ${row.client}`);
    const spendAfter = formatSpendToday(sum(before) + row.costUsd);
    expect(spendAfter !== spendBefore, `the cost ${row.costUsd} is too small to show in the status bar`);
    expectEqual(await wb.waitForStatusText(S.spendItem, spendAfter), spendAfter, 'status-bar spend after the gateway request (before + its cost)');

    await wb.runCommand('LLM Router: Stop Gateway');
    await wb.notification('LLM Router gateway stopped');
    const stopped = await fetch(`${url}/models`, { headers: { authorization: `Bearer ${token}` } }).then(() => 'answered', () => 'refused');
    expectEqual(stopped, 'refused', 'a connection to the stopped gateway');
    return `${url}, ${row.model} for ${formatUsd(row.costUsd)}: ${spendBefore} -> ${spendAfter}`;
  });

  await checks.check('Copy Gateway Configuration… (Claude Code): the copied exports, pasted into a shell, point the Anthropic SDK at the gateway it starts; answered and counted under the SDK\'s name', async () => {
    const before = ledger();
    await wb.runCommand('LLM Router: Copy Gateway Configuration…');
    await wb.pickItem('Which agent should use the LLM Router gateway?', 'Claude Code / Anthropic clients (environment)');
    await wb.notification('Copied the Claude Code');
    // The gateway was started by the command: the message offers to start it with VS Code, so a configured agent keeps working.
    await wb.notificationButton('Copied the Claude Code', 'Start with VS Code'); // waits for the toast to settle
    await checks.screenshot('configuration copied, with Start with VS Code');
    await wb.pressNotificationButton('Copied the Claude Code', 'Start with VS Code');
    await until('llmRouter.gateway.enabled in the user settings', () => userSettings(profile)['llmRouter.gateway.enabled'] === true || undefined);
    updateUserSettings(profile, { 'llmRouter.gateway.enabled': undefined }); // the later phases start no gateway
    const snippet = await until('the configuration on the clipboard', async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return text.includes('ANTHROPIC_BASE_URL') ? text : undefined;
    });
    // Pasted into a terminal, then a program on the Anthropic SDK, which reads both variables itself.
    const program = `const Anthropic = require(${JSON.stringify(require.resolve('@anthropic-ai/sdk'))}).default;
      new Anthropic({ maxRetries: 0 }).messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, messages: [{ role: 'user', content: ${JSON.stringify(GATEWAY_QUESTION)} }] })
        .then((m) => console.log(JSON.stringify(m)), (e) => { console.error(String(e)); process.exit(1); });`;
    const output = execFileSync('bash', ['-c', `${snippet}\nexec "$0" -e "$1"`, process.execPath, program], {
      env: { PATH: process.env.PATH, HOME: os.tmpdir() }, encoding: 'utf8', timeout: 60_000,
    });
    const message = JSON.parse(output);
    const row = (await ledgerRows(before.length + 1)).at(-1);
    expectEqual(message.model, row.model, 'model the gateway answered with (the ledger row\'s)');
    expect(message.content?.[0]?.text?.includes(`Fake ${lastSegment(row.model)} answers:`), `answer "${JSON.stringify(message.content)}"`);
    expectEqual(row.workspaceId, before[0]?.workspaceId, 'workspace of the request (the editor\'s)');
    expect(/^Anthropic\/JS /.test(row.client ?? ''), `client of the request: ${row.client}`);
    const want = formatSpendToday(sum(before) + row.costUsd);
    expectEqual(await wb.waitForStatusText(S.spendItem, want), want, 'status-bar spend after the request');
    await wb.runCommand('LLM Router: Stop Gateway');
    await wb.notification('LLM Router gateway stopped');
    return `${row.model} for ${formatUsd(row.costUsd)}, client ${row.client}`;
  });

  await checks.check('Restart Server while an answer streams and the gateway runs: the status bar says it restarted, the answer is recorded once (cancelled, at what streamed), the gateway answers again on its port with its token', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    // The last check's Stop Gateway toast stays open in a window without focus: it would show in this check's screenshots.
    await wb.runCommand('Notifications: Clear All Notifications');
    await wb.runCommand('LLM Router: Start Gateway');
    const toast = await wb.notification(GATEWAY_STARTED);
    const url = /running on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(await toast.textContent())?.[1];
    expect(url, `no gateway URL in "${await toast.textContent()}"`);
    await (await wb.notificationButton(GATEWAY_STARTED, 'Copy Token')).click();
    const token = await until('the gateway token on the clipboard', async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return text.length >= 32 && !text.includes(' ') ? text : undefined;
    });
    const before = ledger();
    const victim = theRouterServer();
    const sentBefore = (await control.requests()).length;
    // The next answer streams slowly: it is half-way when the server restarts.
    await control.script({ kind: 'slow', chunkDelayMs: 600 });
    try {
      await wb.runCommand('LLM Router: Ask…');
      await wb.answerInput('Ask anything', RESTART_QUESTION);
      await finishedAnswer(wb, RESTART_QUESTION, 30_000, ['streaming']);
      await sleep(1_300); // a few more pieces of the answer, which the provider bills
      await wb.runCommand('LLM Router: Restart Server');
      const said = await until('the status bar to say the server restarted', async () => {
        const text = await page.locator(S.statusBarItems, { hasText: 'server restarted' }).first().textContent({ timeout: 500 }).catch(() => undefined);
        return text?.trim() || undefined;
      }, 30_000);
      await checks.screenshot('Restart Server: the status bar says the server restarted');
      // A gateway that comes back is not announced as stopped (that is Stop Gateway's message).
      const stoppedToasts = await page.locator(S.notificationToasts, { hasText: 'gateway stopped' }).count();
      expectEqual(stoppedToasts, 0, '"gateway stopped" notifications during Restart Server');
      const successor = await until('a new router server', () => routerServerPids(codeServerGroup).find((pid) => pid !== victim), 30_000);
      expect(processGone(victim), `the old router server ${victim} still runs`);

      const rows = (await ledgerRows(before.length + 1)).slice(before.length);
      expectEqual(rows.length, 1, 'rows the restart added (the streaming answer, once)');
      const [row] = rows;
      expectEqual(row.outcome, 'cancelled', 'ledger outcome of the answer streaming at the restart');
      expect(row.costUsd > 0, `what streamed before the restart costs ${row.costUsd}, not 0`);
      const sent = (await control.requests()).slice(sentBefore);
      expectEqual(sent.length, 1, 'provider calls for the streaming answer (none after the restart)');
      const answer = await finishedAnswer(wb, RESTART_QUESTION, 30_000, ['error', 'cancelled', 'done']);

      // The gateway comes back with the new server: the same address, the same token.
      const models = await until(`the gateway on ${url} again`, async () => {
        const status = await fetch(`${url}/models`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status, () => 0);
        return status === 200 ? status : undefined;
      }, 30_000);
      expectEqual(models, 200, 'GET /v1/models with the same token after the restart');
      await spendMatchesLedger();
      await wb.runCommand('LLM Router: Stop Gateway');
      await wb.notification('LLM Router gateway stopped');
      return `"${said}"; pid ${victim} -> ${successor}; ${row.model} cancelled at ${formatUsd(row.costUsd)}; answer view: ${answer.state}; ${url} answers with the same token`;
    } finally {
      await control.clearScripts();
    }
  });

  await checks.check('Show Dashboard: the routing log lists every request with its model and outcome; totals match the ledger', async () => {
    await wb.runCommand('LLM Router: Show Dashboard');
    const rows = ledger();
    const shown = await readyDashboard(wb, rows.length);
    expectEqual(shown.state, 'ready', 'dashboard state');
    expectEqual(shown.today, formatUsd(sum(rows)), 'dashboard "Today"');
    expectEqual(shown.history.length, rows.length, 'routing log rows');
    // Routing-log columns: Time, Kind, Model, Cost, Outcome (why: in the detail row under each).
    const logged = shown.history.map((cells) => `${cells[1]} ${cells[2]} ${cells[4]} ${cells[3]}`).sort();
    // A request cut off mid-stream (Restart Server) is billed on the router's estimate, and marked so.
    const recorded = rows.map((r) => `${r.kind} ${r.model} ${r.outcome}${r.cached ? ' (cached)' : ''} ${formatCost(r.costUsd, { estimated: r.tokensEstimated === 1 })}`).sort();
    expectEqual(JSON.stringify(logged), JSON.stringify(recorded), 'routing log (kind, model, outcome, cost)');
    const models = shown.byModel.map((cells) => cells[0]).sort();
    expectEqual(JSON.stringify(models), JSON.stringify([...new Set(rows.map((r) => r.model))].sort()), 'models in "By model"');
    // "By client": the editor's own requests and the gateway's caller, with their request counts.
    const clients = shown.byClient.map((cells) => `${cells[0]} ${cells[1]}`).sort();
    const recordedClients = new Map();
    for (const r of rows) recordedClients.set(r.client ?? 'editor', (recordedClients.get(r.client ?? 'editor') ?? 0) + 1);
    expectEqual(JSON.stringify(clients), JSON.stringify([...recordedClients].map(([c, n]) => `${c} ${n}`).sort()), 'clients in "By client"');
  });

  await checks.check('Export Usage…: the save dialog writes a CSV with one line per request', async () => {
    await wb.runCommand('LLM Router: Export Usage…');
    await wb.waitForQuickInput('llm-router-usage-'); // the save dialog, with the default file name
    await page.keyboard.press('Enter');
    await wb.notification(`exported ${ledger().length} requests`);
    const file = fs.readdirSync(workspace).find((name) => /^llm-router-usage-.*\.csv$/.test(name));
    expect(file, `no llm-router-usage-*.csv in the workspace: ${fs.readdirSync(workspace).join(', ')}`);
    // The routing history comes first, up to an empty line; then the totals table.
    const [history] = fs.readFileSync(path.join(workspace, file), 'utf8').split('\r\n\r\n');
    const [header, ...lines] = history.split('\r\n');
    expect(header.startsWith('at,kind,model,'), `unexpected CSV header "${header}"`);
    const exported = lines.map((line) => line.split(',').slice(1, 3).join(' ')).sort();
    const recorded = ledger().map((r) => `${r.kind} ${r.model}`).sort();
    expectEqual(JSON.stringify(exported), JSON.stringify(recorded), 'CSV rows (kind, model)');
  });

  await checks.check('Check Providers: a rendered report (Markdown preview) opens beside, every provider works, and it shows no key', async () => {
    await wb.runCommand('LLM Router: Check Providers');
    await wb.notification('providers work');
    // The report opens rendered beside the dashboard, in the Markdown preview's webview.
    const report = await wb.webviewTextContaining('LLM Router: provider check');
    expect(!report.includes('# LLM Router'), `the report shows as raw Markdown: ${report.slice(0, 200)}`);
    expect(/\d+ of \d+ providers work/.test(report) && !/not working|no API key/.test(report), `not every provider works: ${report.slice(0, 600)}`);
    expect(!report.includes('not in this provider'), `a configured model is reported as not listed: ${report.slice(0, 600)}`);
    expect(!report.includes(TEST_KEY), 'the report shows the API key');
  });

  await checks.check('Show Log: the LLM Router output channel shows the server start, and no key', async () => {
    await wb.runCommand('LLM Router: Show Log');
    const text = await wb.waitForOutput('router server ready');
    expect(!text.includes(TEST_KEY), 'the log shows the API key');
  });

  await checks.check('the API key typed in the UI is in no file of the profile (settings, logs, ledger)', async () => {
    const leaks = filesContaining(profile.userDataDir, TEST_KEY);
    expect(leaks.length === 0, `found in ${leaks.join(', ')}`);
  });

  // Last of the UI checks: the walkthrough page keeps the focus, and F1 does not always reach
  // the command palette from there.
  await checks.check('Getting Started walkthrough: listed under Welcome, with its five steps', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pickItem('walkthrough', 'Get started with LLM Router');
    for (const step of ['Add your providers', 'Store your API keys', 'Check your providers', 'Route your first request', 'Watch what it costs']) {
      await waitingFor(`the walkthrough step "${step}"`, () => page.getByText(step, { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 }));
    }
  });

  await checks.check('a window reload brings the dashboard back, with the ledger\'s figures', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitingFor('the workbench after the reload', () => page.waitForSelector(S.statusBarItems, { timeout: 60_000 }));
    const tab = page.locator('.tabs-container .tab', { hasText: 'LLM Router Dashboard' }).first();
    await waitingFor('the dashboard\'s tab after the reload', () => tab.waitFor({ state: 'visible', timeout: 30_000 }));
    await tab.click();
    const frame = await wb.webviewWith('#dashboard[data-state="ready"]', 30_000);
    expectEqual((await frame.locator(S.dashboard.today).innerText()).trim(), formatUsd(sum(ledger())), 'dashboard "Today" after the reload');
    // The provider check's preview, when VS Code brings it back too (it does not always), shows its report, not a blank page.
    const report = page.locator('.tabs-container .tab', { hasText: 'Provider check.md' }).first();
    if (await report.isVisible()) {
      await report.click();
      const text = await wb.webviewTextContaining('LLM Router: provider check');
      expect(/\d+ of \d+ providers work/.test(text), `the restored report lacks its summary: ${text.slice(0, 300)}`);
    }
  });

  await page.close().catch(() => {});
  checks.page = undefined;
}

/** Files under `dir` whose bytes contain `needle`. */
function filesContaining(dir, needle) {
  const hits = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (fs.readFileSync(file).includes(needle)) hits.push(path.relative(dir, file));
  }
  return hits;
}

module.exports = { runUiFlow };
