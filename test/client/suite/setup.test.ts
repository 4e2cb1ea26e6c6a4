// Setting up without JSON, and answers that fit the question, inside the extension host:
// Add Provider writes the user's settings and the new provider answers; Remove Provider
// takes it out again; an unsure Ask is answered as a question and "Answer as" re-runs it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import type { AddedProvider } from '../../../client/src/setup/addProvider';
import { editorWith, extensionApi, useFakeProvider, type FakeSetup } from './host';

const SOURCE = 'export function area(width: number, height: number): number {\n  return width * height;\n}\n';
const ADDED = 'addedlocal';

const userProviders = () => (vscode.workspace.getConfiguration('llmRouter').inspect<{ id: string }[]>('providers')?.globalValue ?? []);

suite('set-up and answer kinds', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(() => setup?.restore());

  test('Add Provider (any OpenAI-compatible URL) lists the server\'s models, writes them to user settings, and the new provider answers', async () => {
    const added = await vscode.commands.executeCommand<AddedProvider | undefined>('llmRouter.addProvider', {
      preset: 'custom', id: ADDED, baseUrl: setup.fake.openaiUrl, models: ['tiny-coder'],
    });
    assert.equal(added?.verified, true, 'the keyless server should have listed its models');
    const written = userProviders().find((p) => p.id === ADDED);
    // A local server's model the price table does not know is written as free, not unknown.
    assert.deepEqual(written, {
      id: ADDED, type: 'openai-compatible', baseUrl: setup.fake.openaiUrl,
      models: [{ id: 'tiny-coder', inputUsdPerMTok: 0, outputUsdPerMTok: 0 }],
    });
    assert.ok(userProviders().some((p) => p.id !== ADDED), 'the providers already there were kept');

    const result = await eventuallyAnswered(() => vscode.commands.executeCommand<ExecuteResult | undefined>(
      'llmRouter.askWithModel', { question: 'Say hello', model: `${ADDED}/tiny-coder` }));
    assert.equal(result.model, `${ADDED}/tiny-coder`);
  });

  test('Remove Provider takes the provider out of the user settings and keeps the others', async () => {
    const before = userProviders().length;
    const removed = await vscode.commands.executeCommand<boolean>('llmRouter.removeProvider', { providerId: ADDED });
    assert.equal(removed, true);
    assert.equal(userProviders().some((p) => p.id === ADDED), false);
    assert.equal(userProviders().length, before - 1);
  });

  test('an Ask the classifier is unsure of is answered as a question, says so, and "Answer as explain" re-runs it', async () => {
    const api = await extensionApi();
    await editorWith(SOURCE, SOURCE);
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.ask', 'same for this');
    assert.ok(result, 'the question was not answered');
    assert.equal(result.kind, 'ask');
    assert.ok(result.reasons.some((r) => /^not sure which kind \(refactor \d+%\): answered as a question$/.test(r)), result.reasons.join(' | '));
    assert.equal(api.answer().summary?.kind, 'ask');
    assert.equal(api.answer().canRerun, true);

    const again = (await api.answerAs('explain')) as ExecuteResult | undefined;
    assert.equal(again?.kind, 'explain');
    assert.equal(api.answer().summary?.kind, 'explain');
    assert.match(api.answer().title, /\(as explain\)$/);
  });
});

/** The router gets new settings a moment after they are written; ask until it knows the model. */
async function eventuallyAnswered(ask: () => Thenable<ExecuteResult | undefined>): Promise<ExecuteResult> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await ask();
    if (result) return result;
    if (Date.now() > deadline) throw new Error('the new provider never answered');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
