// LLM Router in VS Code's Chat view, driven through code-server's UI with its AI features on:
// the router's models in the model picker, a two-turn conversation with @router whose second
// provider request carries the first turn, the follow-ups (why this model, a stronger model),
// a /refactor reviewed as a diff and applied, and a second, test-only extension (lm-client/)
// that finds the router's `auto` model with vscode.lm.selectChatModels and gets streamed text.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { FakeControlClient } = require('../fakes/control-client');
const { formatSpendToday, formatUsd } = require('../../client/src/format/money');
const { AUTO_NAME } = require('../../client/src/lm/modelInformation');
const { ChatView } = require('./lib/chatView');
const { expect, expectEqual } = require('./lib/checks');
const { todaysRequests } = require('./lib/ledger');
const { PROVIDERS, SOURCE_FILE, SOURCE_TEXT } = require('./lib/profile');
const { until, waitingFor } = require('./lib/waiting');
const { Workbench } = require('./lib/workbench');
const S = require('./selectors');

const FIRST_QUESTION = 'What does the area function compute';
const SECOND_QUESTION = 'And what is it for a square of side three';
const HUNG_QUESTION = 'Will this question ever be answered';
const PICKED_QUESTION = 'Which model answers when one is picked';
const SLOW_QUESTION = 'Tell me slowly about the perimeter of a rectangle';
const BROKEN_QUESTION = 'This answer breaks off half-way';
const CODE_LINE = 'const side: number = 3;';
const FAILING_QUESTION = 'Every model breaks off on this one';
const LM_QUESTION = 'Hello from another extension through vscode.lm';
const INSTRUCTION = 'Add the sides one by one';
const REFACTORED = [
  'export function perimeter(width: number, height: number): number {',
  '  return width + height + width + height;',
  '}',
];
const ORIGINAL_LINES = SOURCE_TEXT.replace(/\n$/, '').split('\n');
/** The test-only extension's id and where it writes what it received (test/e2e/lm-client/extension.js). */
const LM_CLIENT_ID = 'llm-router-tests.lm-client';

const sum = (rows) => rows.reduce((total, row) => total + row.costUsd, 0);
const contentOf = (message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content));

async function runChatFlow({ browser, baseUrl, workspace, profile, fakes, checks }) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  checks.page = page;
  const wb = new Workbench(page, baseUrl);
  const chat = new ChatView(page);
  const control = new FakeControlClient(fakes.control);
  const ledger = () => todaysRequests(profile.globalStorage);
  const configured = [
    ...PROVIDERS.compatible.models.map((m) => `${PROVIDERS.compatible.id}/${m.id}`),
    ...PROVIDERS.anthropic.models.map((m) => `${PROVIDERS.anthropic.id}/${m.id}`),
  ];

  /** Waits for `count` more ledger rows than `before` and returns the new ones. */
  async function newRows(before, count) {
    const rows = await until(`${count} new ledger row(s)`, () => {
      const all = ledger();
      return all.length >= before + count ? all : undefined;
    });
    expectEqual(rows.length, before + count, 'rows in the ledger today');
    return rows.slice(before);
  }

  /** The answer shows the ledger row's model and cost on its compact line. */
  function expectAnswerLine(text, row) {
    expect(text.includes(`${row.model} · ${formatUsd(row.costUsd)} · `), `the answer's line does not show "${row.model} · ${formatUsd(row.costUsd)}": ${text}`);
  }

  // Spend is per workspace, and this phase has a workspace of its own: its rows are the ones after these.
  const earlierRows = ledger().length;
  const spendHere = () => sum(ledger().slice(earlierRows));

  await checks.check('Chat view (AI features on): LLM Router is active; a new workspace shows "$0.00 today"', async () => {
    await wb.openFolder(workspace);
    const want = formatSpendToday(0);
    expectEqual(await wb.waitForStatusText(S.spendItem, want, 90_000), want, 'status-bar spend');
  });

  await checks.check('a new chat starts on "LLM Router" (auto), not on a configured model; the picker offers every configured model', async () => {
    await chat.open();
    // VS Code preselects the first model by name: a forced model named "fakeclaude/…" would
    // be picked instead of routing. This workspace is new, so nothing was chosen here yet.
    const preselected = await until('a model in the picker', async () => {
      const label = await chat.model().catch(() => '');
      return label.startsWith('LLM Router') ? label : undefined;
    }, 30_000, 500).catch(() => chat.model());
    expectEqual(preselected, AUTO_NAME, 'the model a new chat starts on');
    const rows = await until('the router\'s models in the picker', async () => {
      const texts = await chat.pickModel(AUTO_NAME);
      return texts.some((t) => t.startsWith(`${AUTO_NAME} routes`)) ? texts : undefined;
    }, 30_000, 1_000);
    const offered = rows.join(' | ');
    // The picker shows a few models at first and the rest under "Other Models".
    expect(configured.some((model) => offered.includes(model)) || offered.includes('Other Models'), `no configured model is offered: ${offered}`);
    expectEqual(await chat.model(), AUTO_NAME, 'model picker label');
  });

  let firstAnswer;
  await checks.check('@router, two turns: streamed answers with model and cost; the second provider request carries the first turn', async () => {
    const before = ledger().length;
    await control.reset();
    const first = await chat.send(`@router ${FIRST_QUESTION}`);
    const [firstRow] = await newRows(before, 1);
    firstAnswer = `Fake ${firstRow.model.split('/').pop()} answers: ${FIRST_QUESTION}`;
    expect(first.includes(firstAnswer), `first answer: ${first}`);
    expectAnswerLine(first, firstRow);
    expectEqual(firstRow.kind, 'ask', 'kind of a plain @router message');

    const second = await chat.send(`@router ${SECOND_QUESTION}`);
    const [secondRow] = await newRows(before + 1, 1);
    expectAnswerLine(second, secondRow);
    const sent = (await control.requests()).at(-1)?.body?.messages ?? [];
    expectEqual(sent.map((m) => m.role).join(','), 'system,user,assistant,user', 'roles of the second provider request');
    expect(contentOf(sent[1]).includes(FIRST_QUESTION), `first question missing from the second request: ${contentOf(sent[1])}`);
    expectEqual(contentOf(sent[2]), firstAnswer, 'first answer in the second request');
    expect(contentOf(sent[3]).includes(SECOND_QUESTION), `second question: ${contentOf(sent[3])}`);
  });

  await checks.check('"Why this model?" lists the router\'s reasons, and calls no model', async () => {
    const before = ledger().length;
    const requests = (await control.requests()).length;
    const why = await chat.followUp('Why this model?');
    expect(/Why .* answered/.test(why) && why.includes('strategy'), `no reasons shown: ${why}`);
    expectEqual(ledger().length, before, 'ledger rows after "Why this model?"');
    expectEqual((await control.requests()).length, requests, 'provider requests after "Why this model?"');
  });

  await checks.check('"Retry with a stronger model" answers the same question with a stronger model, keeping the conversation', async () => {
    const before = ledger().length;
    const previous = ledger().at(-1).model;
    const retried = await chat.followUp('Retry with a stronger model');
    const [row] = await newRows(before, 1);
    expect(row.model !== previous, `retried on the same model ${row.model}`);
    expectAnswerLine(retried, row);
    const sent = (await control.requests()).at(-1)?.body?.messages ?? [];
    expectEqual(sent.map((m) => m.role).join(','), 'system,user,assistant,user', 'roles of the retried request');
    expect(contentOf(sent[3]).includes(SECOND_QUESTION), `the retry did not ask the second question again: ${contentOf(sent[3])}`);
  });

  await checks.check('Stop while @router waits on the provider: the call is aborted and recorded as cancelled at $0, no fallback', async () => {
    await control.script({ kind: 'hang' });
    try {
      const before = ledger().length;
      const last = await chat.lastResponseIndex();
      const calls = (await control.requests()).length;
      await chat.submit(`@router ${HUNG_QUESTION}`);
      await until('the fake to hold the hung request', async () => (await control.requests()).some((r) => r.behaviour === 'hang'));
      await chat.stop();
      await chat.finishedResponse(last, 30_000);
      const [row] = await newRows(before, 1);
      expectEqual(row.outcome, 'cancelled', 'ledger outcome after Stop');
      expectEqual(row.costUsd, 0, 'cost of a call stopped before any text');
      expectEqual((await control.requests()).length, calls + 1, 'provider calls (no retry, no fallback)');
    } finally {
      await control.clearScripts();
    }
  });

  await checks.check('a configured model picked in the model picker is the one @router asks, and its answer says so', async () => {
    const strong = `${PROVIDERS.compatible.id}/${PROVIDERS.compatible.models[1].id}`;
    const before = ledger().length;
    await chat.pickModel(`${AUTO_NAME}: ${strong}`).catch(async (error) => {
      // The picker lists a few models at once, the rest under "Other Models".
      await page.keyboard.press('Escape');
      throw error;
    });
    try {
      const answer = await chat.send(`@router ${PICKED_QUESTION}`);
      const [row] = await newRows(before, 1);
      expectEqual(row.model, strong, 'model of the ledger row');
      expectAnswerLine(answer, row);
      expect(answer.includes('the model you asked for'), `the answer does not say the model was the one asked for: ${answer}`);
    } finally {
      await chat.pickModel(AUTO_NAME);
    }
  });

  await checks.check('Stop half-way through a streamed @router answer: the part shown is recorded as cancelled at its cost, and the status bar counts it', async () => {
    await control.script({ kind: 'slow', chunkDelayMs: 2_500 });
    try {
      const before = ledger().length;
      const last = await chat.lastResponseIndex();
      await chat.submit(`@router ${SLOW_QUESTION}`);
      // The answer's first words are on screen: the provider has billed them.
      // The new answer's own row: reading "the last one" first could still catch the previous
      // answer's words just before the new row appeared, and Stop then came before any was billed.
      await until('the first words of the answer in the Chat view', async () => {
        const index = await chat.lastResponseIndex();
        return index > last && /Fake \S+ answers/.test(await chat.responseText(index).catch(() => ''));
      }, 30_000, 200);
      await chat.stop();
      const text = await chat.finishedResponse(last, 30_000);
      const [row] = await newRows(before, 1);
      expectEqual(row.outcome, 'cancelled', 'ledger outcome after Stop');
      expect(row.costUsd > 0, `the streamed part is recorded at a cost, not $0: ${row.costUsd}`);
      expect(!text.includes('the perimeter of a'), `the whole answer arrived before Stop, so nothing was cut: ${text}`);
      const want = formatSpendToday(spendHere());
      expectEqual(await wb.waitForStatusText(S.spendItem, want), want, 'status-bar spend after the cancelled answer');
    } finally {
      await control.clearScripts();
    }
  });

  await checks.check('a long Markdown answer renders its heading, list and code block, whole, with its line under it', async () => {
    const long = 'A long line of text that keeps going. '.repeat(200).trim();
    await control.script({ kind: 'reply', text: `# Heading\n\nSome **bold** and a list:\n\n- one\n- two\n\n\`\`\`ts\n${CODE_LINE}\n\`\`\`\n\n${long} THE END` });
    const before = ledger().length;
    const answer = await chat.send('@router Give me a long answer in Markdown');
    const [row] = await newRows(before, 1);
    expectAnswerLine(answer, row);
    expect(answer.includes('THE END'), 'the end of the long answer is not shown');
    const index = await chat.lastResponseIndex();
    const rendered = page.locator(`${S.chat.rows}[data-index="${index}"]`);
    expectEqual((await rendered.locator('h1').first().innerText()).trim(), 'Heading', 'heading of the answer');
    // The answer's own list (its references are listed in the row too).
    expectEqual(await rendered.locator('.rendered-markdown li', { hasText: /^\s*(one|two)\s*$/ }).count(), 2, 'list items of the answer');
    expect((await rendered.locator(S.chat.codeBlock).count()) === 1, 'the code is not shown as a code block');
    expect(answer.includes(CODE_LINE), `the code block's text is not shown: ${answer.slice(0, 300)}`);
  });

  await checks.check('an answer that breaks off mid-stream starts again, says so once, and its line shows the estimated cost of both', async () => {
    await control.script({ kind: 'stream-error', status: 529 });
    try {
      const before = ledger().length;
      const answer = await chat.send(`@router ${BROKEN_QUESTION}`);
      const [row] = await newRows(before, 1);
      expectEqual(row.outcome, 'ok', 'ledger outcome of the answer that started again');
      expectEqual(answer.split('That answer broke off').length - 1, 1, 'notices of the restart');
      expect(answer.includes('it starts again from the beginning'), `no restart notice: ${answer}`);
      expect(answer.includes(`${row.model} · ≈${formatUsd(row.costUsd)} (estimated)`), `the line does not show the estimated cost ${formatUsd(row.costUsd)}: ${answer}`);
    } finally {
      await control.clearScripts();
    }
  });

  await checks.check('@router /refactor on a selection: the proposal, Review and Apply opens the diff, Apply edits the file, one Undo restores it', async () => {
    await control.script({ kind: 'reply', text: `\`\`\`ts\n${REFACTORED.join('\n')}\n\`\`\`\n` });
    const before = ledger().length;
    await wb.openFile(SOURCE_FILE);
    await wb.selectLines(6, 8);
    const answer = await chat.send(`@router /refactor ${INSTRUCTION}`);
    const [row] = await newRows(before, 1);
    expectEqual(row.kind, 'refactor', 'kind of /refactor');
    expect(answer.includes(REFACTORED[1].trim()), `the proposal is not shown: ${answer}`);
    await chat.press('Review and Apply');
    await waitingFor('the diff of the proposal', () => page.locator(S.diffEditor).first().waitFor({ state: 'visible', timeout: 30_000 }));
    await wb.notification('apply the refactoring', 30_000);
    const want = [...ORIGINAL_LINES.slice(0, 5), ...REFACTORED].join('\n') + '\n';
    expectEqual(await wb.waitForEditorText((t) => t === want), want, 'proposed side of the diff');
    await checks.screenshot('chat refactor diff before Apply');
    await wb.pressNotificationButton('apply the refactoring', 'Apply');
    await waitingFor('the diff to close', () => page.locator(S.diffEditor).first().waitFor({ state: 'detached', timeout: 20_000 }));
    expectEqual(await wb.waitForEditorText((t) => t === want), want, 'file after Apply');
    await wb.focusEditor();
    await page.keyboard.press('Control+Z');
    const original = ORIGINAL_LINES.join('\n') + '\n';
    expectEqual(await wb.waitForEditorText((t) => t === original), original, 'file after one Undo');
  });

  await checks.check('when every model breaks off mid-stream, the error shows under what streamed, and what streamed is counted (a failed row at its cost, the status bar)', async () => {
    await control.script({ kind: 'stream-error', status: 529 }, { times: 'always' });
    try {
      const before = ledger().length;
      const answer = await chat.send(`@router ${FAILING_QUESTION}`);
      const [row] = await newRows(before, 1);
      expectEqual(row.outcome, 'failed', 'ledger outcome when every attempt broke off');
      expect(row.costUsd > 0, `what streamed before each break is counted, not $0: ${row.costUsd}`);
      expect(/Fake \S+ answers/.test(answer), `the streamed part is not shown: ${answer}`);
      expect(/529|overloaded|failed/i.test(answer), `no error under the answer: ${answer}`);
      const want = formatSpendToday(spendHere());
      expectEqual(await wb.waitForStatusText(S.spendItem, want), want, 'status-bar spend after the failed answer');
      return answer.replace(/\s+/g, ' ').slice(-300);
    } finally {
      await control.clearScripts();
    }
  });

  await checks.check('a file attached with # (completion list, as a user picks it) goes to the provider whole', async () => {
    const before = ledger().length;
    const last = await chat.lastResponseIndex();
    await chat.typeWithFile('@router What is in', path.basename(SOURCE_FILE));
    await page.keyboard.press('Enter');
    const answer = await chat.finishedResponse(last, 60_000);
    const [row] = await newRows(before, 1);
    expectAnswerLine(answer, row);
    const sent = (await control.requests()).at(-1)?.body?.messages ?? [];
    const asked = contentOf(sent.at(-1) ?? {});
    // Every line of the file, not only a selection of it.
    for (const line of ORIGINAL_LINES.filter((l) => l.trim() !== '')) expect(asked.includes(line), `the provider did not get "${line}": ${asked.slice(0, 400)}`);
  });

  await checks.check('with llmRouter.answerIn "chat", Explain Selection from the palette answers through @router in the Chat view', async () => {
    const before = ledger().length;
    const last = await chat.lastResponseIndex();
    await wb.selectLines(2, 4);
    await wb.runCommand('LLM Router: Explain Selection');
    const text = await chat.finishedResponse(last, 60_000);
    const [row] = await newRows(before, 1);
    expectEqual(row.kind, 'explain', 'kind of the palette\'s Explain in the Chat view');
    expect(text.includes(`Fake ${row.model.split('/').pop()} answers:`), `the Chat view shows no answer: ${text}`);
    expectAnswerLine(text, row);
  });

  await checks.check('another extension finds the router\'s auto model with vscode.lm.selectChatModels and receives streamed text', async () => {
    const before = ledger().length;
    const resultFile = path.join(profile.userDataDir, 'User', 'globalStorage', LM_CLIENT_ID, 'result.json');
    fs.rmSync(resultFile, { force: true });
    await wb.runCommand('LM Client: Ask LLM Router through vscode.lm');
    await wb.answerInput('Question for LLM Router', LM_QUESTION);
    // VS Code may ask whether the extension may use another extension's model: allow it, as a user would.
    const received = page.locator(S.notificationToasts, { hasText: 'LM Client' }).first();
    const consent = page.locator(S.dialogButton, { hasText: /^\s*Allow\s*$/ }).first();
    await until('the LM Client\'s answer (or a consent prompt)', async () => {
      if (await consent.isVisible().catch(() => false)) await consent.click();
      return received.isVisible().catch(() => false);
    }, 60_000, 250);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    expectEqual(result.error ?? null, null, 'error the LM Client saw');
    expect(result.models.some((m) => m.id === 'auto'), `selectChatModels found no auto model: ${JSON.stringify(result.models)}`);
    const [row] = await newRows(before, 1);
    expectEqual(row.client, LM_CLIENT_ID, 'client the request is recorded under (the calling extension)');
    expectEqual(result.text, `Fake ${row.model.split('/').pop()} answers: ${LM_QUESTION.split(' ').slice(0, 8).join(' ')}`, 'text the LM Client received');
    expect(result.chunks > 1, `the text arrived in ${result.chunks} piece(s), not streamed`);
    const sent = (await control.requests()).at(-1)?.body?.messages ?? [];
    expectEqual(sent.map((m) => m.role).join(','), 'user', 'roles the provider received (the conversation as sent, no system prompt added)');
    return `${result.chunks} chunks`;
  });

  await checks.check('status-bar spend matches the ledger after the chat requests (the language model\'s included)', async () => {
    const rows = ledger().slice(earlierRows);
    expectEqual(new Set(rows.map((row) => row.workspaceId)).size, 1, 'workspaces the chat requests were recorded under');
    const want = formatSpendToday(spendHere());
    expectEqual(await wb.waitForStatusText(S.spendItem, want), want, 'status-bar spend');
  });
  await page.close();
}

module.exports = { runChatFlow };
