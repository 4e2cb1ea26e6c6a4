// A daily budget set low and then exceeded, as a user meets it: two answers spend past it, the
// next request is refused without reaching a provider, and each face says so and shows the way
// out: the palette's notification and @router in the Chat view both offer Budget Settings, the
// status-bar tooltip and the dashboard say the last requests were refused (no blank model), and
// raising the limit in the Settings UI lets the next request through, without a reload.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { FakeControlClient } = require('../fakes/control-client');
const { formatSpendToday } = require('../../client/src/format/money');
const { ChatView } = require('./lib/chatView');
const { expect, expectEqual } = require('./lib/checks');
const { todaysRequests } = require('./lib/ledger');
const { finishedAnswer, readyDashboard } = require('./lib/routerUi');
const { until, waitingFor } = require('./lib/waiting');
const { Workbench } = require('./lib/workbench');
const S = require('./selectors');

/** The profile's daily budget: one answer of the fakes (about $0.0009) stays under it, two pass it. */
const DAILY_USD = 0.0015;
const BUDGET_SETTINGS = { 'llmRouter.budget.dailyUsd': DAILY_USD, 'llmRouter.budget.onExceed': 'block', 'chat.disableAIFeatures': false };
const QUESTIONS = ['What is a monad in one line', 'What is a functor in one line'];
const REFUSED = 'What is an applicative in one line';
const CHAT_REFUSED = 'What is a semigroup in one line';
const AFTER_RAISE = 'What is a lens in one line';
const REFUSED_WORDS = 'Budget exceeded: Daily budget:';
const NO_MODEL = 'none (no model called)';

/** The user settings as VS Code wrote them (no comments in this profile's). */
const userSettings = (profile) => JSON.parse(fs.readFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), 'utf8'));
const sum = (rows) => rows.reduce((total, row) => total + row.costUsd, 0);

async function runBudgetFlow({ browser, baseUrl, workspace, profile, fakes, checks }) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  checks.page = page;
  const wb = new Workbench(page, baseUrl);
  const chat = new ChatView(page);
  const control = new FakeControlClient(fakes.control);
  const ledger = () => todaysRequests(profile.globalStorage);
  const dailyInput = page.locator('.settings-editor .setting-item', { hasText: 'Budget: Daily Usd' }).locator('input').first();

  /** Polls the ledger until it holds `count` of today's rows; returns them. */
  async function ledgerRows(count) {
    return until(`${count} rows in the ledger today`, () => {
      const rows = ledger();
      return rows.length >= count ? rows : undefined;
    });
  }

  /** The tooltip of the spend item once it says `containing`, hovered again until it does (a hover shows what it had when it opened). */
  async function spendTooltip(containing) {
    return until(`the spend tooltip saying "${containing}"`, async () => {
      await page.mouse.move(0, 0);
      await page.locator(S.spendItem).hover();
      const hover = page.locator('.workbench-hover, .monaco-hover', { hasText: containing }).first();
      const shown = await hover.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
      return shown ? (await hover.innerText()).replace(/\u00a0/g, ' ') : undefined;
    }, 20_000, 200);
  }

  /** Closes the Settings editor (VS Code 1.139 opens it over the workbench) and returns to the editor. */
  async function closeSettings() {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await waitingFor('the Settings editor to close', () => page.locator('.settings-editor').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(async () => {
      await page.keyboard.press('Control+W');
      await page.locator('.settings-editor').first().waitFor({ state: 'hidden', timeout: 10_000 });
    }));
  }

  await checks.check(`budget: two answers spend past a daily budget of $${DAILY_USD}; the tooltip says the limit is reached`, async () => {
    await wb.openFolder(workspace);
    expectEqual(await wb.waitForStatusText(S.spendItem, formatSpendToday(0), 90_000), '$0.00 today', 'status-bar spend on a fresh profile');
    for (const [i, question] of QUESTIONS.entries()) {
      await wb.runCommand('LLM Router: Ask…');
      await wb.answerInput('Ask anything', question);
      const answer = await finishedAnswer(wb, question);
      expectEqual(answer.state, 'done', `answer ${i + 1} (error: ${answer.error || 'none'})`);
      await ledgerRows(i + 1);
    }
    const spent = sum(ledger());
    expect(spent > DAILY_USD, `two answers cost $${spent}, not past the $${DAILY_USD} limit: the fakes' prices changed?`);
    expectEqual(await wb.waitForStatusText(S.spendItem, formatSpendToday(spent)), formatSpendToday(spent), 'status-bar spend');
    const tooltip = await spendTooltip('limit reached');
    expect(tooltip.includes('when exceeded: block'), `the tooltip does not say what happens now: ${tooltip}`);
  });

  await checks.check('budget: the next Ask… is refused without calling a provider; its first button opens the budget settings', async () => {
    const called = (await control.requests()).length;
    const before = ledger().length;
    await wb.runCommand('LLM Router: Ask…');
    await wb.answerInput('Ask anything', REFUSED);
    const answer = await finishedAnswer(wb, REFUSED);
    expectEqual(answer.state, 'error', 'answer state');
    expect(answer.error.startsWith(REFUSED_WORDS), `the answer view says: ${answer.error}`);
    const [row] = (await ledgerRows(before + 1)).slice(before);
    expectEqual(row.outcome, 'blocked', 'ledger outcome');
    expectEqual((await control.requests()).length, called, 'provider calls after the refusal');
    const buttons = await wb.notificationButtons(REFUSED);
    expectEqual(buttons[0], 'Budget Settings', `first button (all: ${buttons.join(', ')})`);
    await wb.pressNotificationButton(REFUSED, 'Budget Settings');
    await waitingFor('the daily budget in the Settings editor', () => dailyInput.waitFor({ state: 'visible', timeout: 20_000 }));
    expectEqual(await dailyInput.inputValue(), String(DAILY_USD), 'the daily budget shown');
    await checks.screenshot('budget: Budget Settings opens the Settings editor on the budget');
    await closeSettings();
  });

  await checks.check('budget: the spend tooltip says the last request was refused by the budget, not "Model: ``"', async () => {
    const tooltip = await spendTooltip('Last request');
    expect(tooltip.includes('refused by the budget'), `the tooltip does not say the last request was refused: ${tooltip}`);
    expect(tooltip.includes('Model: none was called'), `the tooltip names no model in words: ${tooltip}`);
    expect(!tooltip.includes('``'), `the tooltip shows an empty model: ${tooltip}`);
  });

  await checks.check('budget: @router in the Chat view says the budget refused it, with a Budget Settings button that opens them', async () => {
    const before = ledger().length;
    await chat.open();
    const text = await chat.send(`@router ${CHAT_REFUSED}`);
    expect(text.includes(REFUSED_WORDS), `the chat answer says: ${text}`);
    const [row] = (await ledgerRows(before + 1)).slice(before);
    expectEqual(row.outcome, 'blocked', 'ledger outcome of the chat request');
    await chat.press('Budget Settings');
    await waitingFor('the daily budget in the Settings editor', () => dailyInput.waitFor({ state: 'visible', timeout: 20_000 }));
    await checks.screenshot('budget: the chat button opened the budget settings');
  });

  await checks.check('budget: the dashboard names the refused requests\' model as none and says the budget refused them', async () => {
    await closeSettings();
    const refused = ledger().filter((r) => r.outcome === 'blocked').length;
    await wb.runCommand('LLM Router: Show Dashboard');
    const dashboard = await readyDashboard(wb, ledger().length);
    const noModel = dashboard.byModel.find((cells) => cells[0] === NO_MODEL);
    expect(noModel && noModel[1] === String(refused), `By model has no "${NO_MODEL}" row of ${refused} requests: ${JSON.stringify(dashboard.byModel)}`);
    expect(dashboard.byModel.every((cells) => cells[0] !== ''), `By model has a row without a name: ${JSON.stringify(dashboard.byModel)}`);
    const blockedRows = dashboard.history.filter((cells) => cells[4] === 'blocked');
    expectEqual(blockedRows.length, refused, 'blocked rows in the routing log');
    expect(blockedRows.every((cells) => cells[2] === NO_MODEL), `the routing log's refused rows name a model: ${JSON.stringify(blockedRows)}`);
    const frame = await wb.webviewWith(S.dashboard.root);
    const whys = await frame.locator(`${S.dashboard.history} tr.detail summary`).allInnerTexts();
    const refusedWhy = whys.filter((why) => why.includes('refused by the budget: no model was called')).length;
    expectEqual(refusedWhy, refused, `routing-log rows saying the budget refused them (all: ${JSON.stringify(whys)})`);
  });

  await checks.check('budget: raising the daily limit in the Settings UI lets the next Ask… through, without a reload', async () => {
    await wb.runCommand('Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .suggest-input-container textarea, .settings-editor .settings-header input').first();
    await waitingFor('the Settings editor\'s search box', () => search.waitFor({ state: 'visible', timeout: 20_000 }));
    await page.keyboard.type('llmRouter.budget.dailyUsd');
    await waitingFor('the daily budget in the Settings editor', () => dailyInput.waitFor({ state: 'visible', timeout: 20_000 }));
    await dailyInput.fill('100');
    await page.keyboard.press('Tab');
    // The Settings editor writes settings.json a moment after the edit; then the server gets it.
    await until('settings.json to hold the raised limit', () => userSettings(profile)['llmRouter.budget.dailyUsd'] === 100 || undefined);
    await checks.screenshot('budget: the daily limit raised to 100 in the Settings UI');
    await closeSettings();
    // The tooltip's budget is the server's report: once it says $100.00, the server has the new limit.
    const tooltip = await spendTooltip('$100.00 a day');
    expect(tooltip.includes('within budget'), `the tooltip after raising the limit: ${tooltip}`);
    const before = ledger().length;
    await wb.runCommand('LLM Router: Ask…');
    await wb.answerInput('Ask anything', AFTER_RAISE);
    const answer = await finishedAnswer(wb, AFTER_RAISE);
    expectEqual(answer.state, 'done', `answer state (error: ${answer.error || 'none'})`);
    const [row] = (await ledgerRows(before + 1)).slice(before);
    expectEqual(row.outcome, 'ok', 'ledger outcome after the limit was raised');
    const want = formatSpendToday(sum(ledger()));
    expectEqual(await wb.waitForStatusText(S.spendItem, want), want, 'status-bar spend');
  });
}

module.exports = { BUDGET_SETTINGS, runBudgetFlow };
