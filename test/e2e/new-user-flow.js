// A new user's story, from a profile with no provider at all: the status bar says "set up",
// the first request offers Add Provider… before asking for anything, Add Provider… points the "any
// OpenAI-compatible URL" preset at the fake provider through quick picks and input boxes
// only (settings.json is never opened), the next question is answered, and a vague request
// over a selection is answered as a question, which "Answer as" turns into an explanation.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { expect, expectEqual } = require('./lib/checks');
const { todaysRequests } = require('./lib/ledger');
const { SOURCE_FILE } = require('./lib/profile');
const { finishedAnswer } = require('./lib/routerUi');
const { until, waitingFor } = require('./lib/waiting');
const { Workbench } = require('./lib/workbench');
const S = require('./selectors');

const PROVIDER_ID = 'local';
const NO_MODELS = 'No models configured to compare with.';
const QUESTION = 'What does the area function return';
// Over a selection, the classifier leans to refactor but is far from sure (about 30%).
const VAGUE = 'same for this';

async function runNewUserFlow({ browser, baseUrl, workspace, profile, fakes, checks }) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  checks.page = page;
  const wb = new Workbench(page, baseUrl);
  const ledger = () => todaysRequests(profile.globalStorage);
  const settingsFile = path.join(profile.userDataDir, 'User', 'settings.json');

  await checks.check('new user: with no provider the status bar says "LLM Router: set up"; the walkthrough is open', async () => {
    await wb.openFolder(workspace);
    const shown = await wb.waitForStatusText(S.spendItem, 'LLM Router: set up', 90_000);
    expectEqual(shown, 'LLM Router: set up', 'status bar on an empty profile');
    // VS Code opens an extension's walkthrough when it is installed; a new user starts there.
    await openWalkthrough();
  });

  await checks.check('new user: the dashboard, opened before any provider, says there is nothing to compare with', async () => {
    await wb.runCommand('LLM Router: Show Dashboard');
    const frame = await wb.webviewWith('#dashboard[data-state="ready"]');
    expectEqual((await frame.locator('#savings-detail').innerText()).trim(), NO_MODELS, 'the savings card');
  });

  await checks.check('new user: the first Ask… offers Add Provider… at once, before a question is typed in vain', async () => {
    await wb.runCommand('LLM Router: Ask…');
    const buttons = await wb.notificationButtons('no provider is set up yet');
    expectEqual(buttons[0], 'Add Provider…', `first button (all: ${buttons.join(', ')})`);
    // The palette may still be closing: what must not show is the question's own box.
    await page.waitForTimeout(1000);
    const asked = await wb.quickInputShowing('Ask anything');
    expect(!asked, 'an input box asked for the question although nothing can answer it');
    await wb.pressNotificationButton('no provider is set up yet', 'Add Provider…');
  });

  await checks.check('new user: Add Provider… (any OpenAI-compatible URL) lists the server\'s models with prices, and saves without settings.json', async () => {
    // The error's button opened it; the palette command is the same one.
    await wb.pickItem('Which provider?', 'Any OpenAI-compatible URL');
    const prefilled = await wb.quickInputValue('endpoint of the OpenAI-compatible API');
    expectEqual(prefilled, 'http://127.0.0.1:8000/v1', 'the base URL box starts with the usual local address');
    await wb.typeAndEnter('endpoint of the OpenAI-compatible API', fakes.openai);
    // The server answered without a key, so the next step is the name, suggested from the URL.
    expectEqual(await wb.quickInputValue('A short name for this provider'), PROVIDER_ID, 'suggested provider id');
    await wb.typeAndEnter('A short name for this provider', PROVIDER_ID);
    await wb.waitForQuickInput('models');
    await waitingFor('the listed models', () => wb.rowNamed('gpt-4o-mini').waitFor({ timeout: 20_000 }));
    const rows = await page.locator(S.quickInputRows).evaluateAll((r) => r.map((row) => row.textContent.trim()));
    expect(rows.some((row) => row.includes('gpt-4o-mini') && row.includes('per million tokens')), `no price shown: ${rows.join(' | ')}`);
    const ticked = await wb.checkedRows();
    expect(ticked.length > 0, 'no model is preselected');
    await checks.screenshot('Add Provider: the provider\'s models with prices, preselected');
    await page.locator(S.quickInputButton, { hasText: /^\s*OK\s*$/ }).first().click();
    await wb.notification(`added ${PROVIDER_ID} with`);
    const settings = fs.readFileSync(settingsFile, 'utf8');
    expect(settings.includes('"llmRouter.providers"') && settings.includes(`"id": "${PROVIDER_ID}"`), `user settings lack the provider: ${settings.slice(0, 400)}`);
    const tabs = await wb.tabTitles();
    expect(!tabs.some((t) => /settings\.json|Settings/.test(t)), `a settings editor was opened: ${tabs.join(', ')}`);
    const shown = await wb.waitForStatusText(S.spendItem, '$0.00 today', 20_000);
    expectEqual(shown, '$0.00 today', 'status bar once a provider works');
    // The dashboard stayed open behind: the new provider's models reach it without a refresh.
    const frame = await wb.webviewWith('#dashboard');
    const savings = await until('the dashboard to show the new provider', async () => {
      const text = (await frame.locator('#savings-detail').innerText()).trim();
      return text !== NO_MODELS ? text : undefined;
    }, 20_000).catch(() => NO_MODELS);
    expect(savings.includes(`${PROVIDER_ID}/`), `the dashboard's savings card after Add Provider: "${savings}"`);
  });

  await checks.check('new user: the next Ask… is answered by the provider just added', async () => {
    await wb.runCommand('LLM Router: Ask…');
    await wb.answerInput('Ask anything', QUESTION);
    const answer = await finishedAnswer(wb, QUESTION);
    expectEqual(answer.state, 'done', `answer state (error: ${answer.error || 'none'})`);
    expect(answer.model.startsWith(`${PROVIDER_ID}/`), `answered by ${answer.model}`);
    expectEqual(ledger().filter((r) => r.outcome === 'ok').length, 1, 'answered rows in the ledger');
  });

  await checks.check('new user: a vague Ask… over a selection is answered as a question, says why, and "Answer as explain" re-runs it', async () => {
    await wb.openFile(SOURCE_FILE);
    await wb.selectLines(2, 4);
    await wb.runCommand('LLM Router: Ask…');
    await wb.answerInput('Ask anything', VAGUE);
    const answer = await finishedAnswer(wb, VAGUE);
    expectEqual(answer.state, 'done', `answer state (error: ${answer.error || 'none'})`);
    const frame = await wb.webviewWith(S.answer.root);
    const kind = await frame.locator('#answer-kind').innerText();
    expect(/^ask: not sure which kind \(refactor \d+%\): answered as a question$/.test(kind.trim()), `"Answered as" says: ${kind}`);
    expectEqual(ledger().at(-1)?.kind, 'ask', 'kind recorded in the ledger');
    await checks.screenshot('vague question answered as a question, with Answer as');
    await frame.locator('#answer-as button[data-kind="explain"]').click();
    const again = await finishedAnswer(wb, `${VAGUE} (as explain)`);
    expectEqual(again.state, 'done', `re-run state (error: ${again.error || 'none'})`);
    expectEqual((await frame.locator('#answer-kind').innerText()).trim(), 'explain', '"Answered as" after the re-run');
    expectEqual(ledger().at(-1)?.kind, 'explain', 'kind of the re-run in the ledger');
  });

  await checks.check('new user: the walkthrough ticks the steps that succeeded (provider, key, first request) and not Check Providers', async () => {
    await openWalkthrough();
    const done = await page.locator('.getting-started-step').evaluateAll((steps) => steps.map((step) => ({
      title: step.querySelector('.step-title')?.textContent?.trim() ?? step.textContent.trim().slice(0, 40),
      // VS Code marks a done step's check icon (as of 1.139: `.codicon.complete`, `codicon-getting-started-step-checked`).
      complete: !!step.querySelector('.codicon.complete, .codicon-getting-started-step-checked'),
    })));
    const state = Object.fromEntries(done.map((s) => [s.title, s.complete]));
    expectEqual(JSON.stringify([state['Add your providers'], state['Store your API keys'], state['Route your first request'], state['Check your providers']]),
      JSON.stringify([true, true, true, false]), `walkthrough steps done (${JSON.stringify(state)})`);
  });

  await page.close().catch(() => {});
  checks.page = undefined;

  async function openWalkthrough() {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pickItem('walkthrough', 'Get started with LLM Router');
    await waitingFor('the walkthrough', () => page.getByText('Add your providers', { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 }));
  }
}

module.exports = { runNewUserFlow };
