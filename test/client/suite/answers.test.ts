// Explain, Summarize and Ask against a fake provider: the answer streams into the answer
// panel, the command returns the result, and failures end in the panel's error state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { HOST_KEY, MODEL, PROVIDER_ID, editorWith, extensionApi, setUserSetting, useFakeProvider, type FakeSetup } from './host';

const SOURCE = 'export function area(width: number, height: number): number {\n  return width * height;\n}\n';

suite('answers', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(() => setup?.restore());

  test('Explain Selection returns the routed answer and shows it in the panel as done', async () => {
    const api = await extensionApi();
    await editorWith(SOURCE, 'return width * height;');
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.explainSelection');
    assert.ok(result, 'the command returned no result (see the error notification)');
    assert.equal(result.kind, 'explain');
    assert.equal(result.model, `${PROVIDER_ID}/${MODEL}`);
    assert.match(result.text, /\S/);
    assert.ok(result.usage.costUsd > 0, 'a priced model should cost something');
    assert.equal(api.answer().state, 'done');
    assert.equal(api.answer().text, result.text);
    assert.equal(api.answer().summary?.model, result.model);
  });

  test('the request reached the provider with the key stored by Set API Key, streamed', async () => {
    await editorWith(SOURCE, 'width * height');
    setup.fake.reset();
    await vscode.commands.executeCommand('llmRouter.explainSelection');
    const request = setup.fake.requests.at(-1);
    assert.ok(request, 'the fake provider saw no request');
    assert.equal(request.apiKey, HOST_KEY);
    assert.equal(request.stream, true);
  });

  test('text streamed by a model that then failed is discarded when the fallback answers, and what it sent is billed', async () => {
    const api = await extensionApi();
    await editorWith(SOURCE, 'export function area');
    setup.fake.script({ kind: 'stream-error', status: 500 }, { times: 1 });
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.summarize');
    assert.ok(result, 'the retry or fallback should have answered');
    assert.equal(api.answer().text, result.text);
    const summary = api.answer().summary;
    const broken = summary?.attempts[0];
    assert.ok(broken && !broken.ok && broken.billed && broken.billed.outputTokens > 0, JSON.stringify(summary?.attempts));
    assert.equal(summary?.costEstimated, true, 'the panel marks the cost as partly estimated');
  });

  test('Summarize, Explain and Refactor of an empty file send nothing to the provider (a model asked about nothing still bills)', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '\n  \n' });
    await vscode.window.showTextDocument(document);
    setup.fake.reset();
    assert.equal(await vscode.commands.executeCommand('llmRouter.summarize'), undefined);
    assert.equal(await vscode.commands.executeCommand('llmRouter.explainSelection'), undefined);
    assert.equal(await vscode.commands.executeCommand('llmRouter.refactorSelection', { instruction: 'rename it', apply: false }), undefined);
    assert.equal(setup.fake.requests.length, 0, 'requests reached the provider');
  });

  test('Ask passes the question and returns the answer of the classified request', async () => {
    await editorWith(SOURCE, 'height');
    setup.fake.script({ kind: 'reply', text: 'It multiplies the two sides.' }, { times: 1 });
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.ask', 'What does area do?');
    assert.equal(result?.text, 'It multiplies the two sides.');
  });

  test('a request blocked by the budget ends in the panel\'s error state, not an answer', async () => {
    const api = await extensionApi();
    const restores = [
      await setUserSetting('llmRouter.budget.dailyUsd', 0.000001),
      await setUserSetting('llmRouter.budget.onExceed', 'block'),
    ];
    try {
      await editorWith(SOURCE, 'width');
      const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.explainSelection');
      assert.equal(result, undefined);
      assert.equal(api.answer().state, 'error');
      assert.match(api.answer().error ?? '', /budget/i);
    } finally {
      for (const restore of restores.reverse()) await restore();
    }
  });
});
