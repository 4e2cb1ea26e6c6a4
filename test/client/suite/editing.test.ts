// Refactor Selection and Complete at Cursor change the document, as one undoable edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RefactorOutcome } from '../../../client/src/commands/refactor';
import type { ExecuteResult } from '../../../shared/protocol';
import { editorWith, extensionApi, useFakeProvider, type FakeSetup } from './host';

const SOURCE = 'const a = 1;\nconst b = 2;\nconsole.log(a + b);\n';

suite('editing', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(() => setup?.restore());

  test('Refactor Selection replaces the selection with the fenced code of the answer, undone in one step', async () => {
    const editor = await editorWith(SOURCE, 'const a = 1;\nconst b = 2;\n');
    setup.fake.script({ kind: 'reply', text: 'Here you go:\n```ts\nconst [a, b] = [1, 2];\n```\nDone.' }, { times: 1 });
    const outcome = await vscode.commands.executeCommand<RefactorOutcome | undefined>(
      'llmRouter.refactorSelection', { instruction: 'use one destructuring declaration', apply: true });
    assert.equal(outcome?.applied, true);
    assert.equal(editor.document.getText(), 'const [a, b] = [1, 2];\nconsole.log(a + b);\n');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE);
  });

  test('Refactor Selection leaves the file alone when the proposal is discarded', async () => {
    const editor = await editorWith(SOURCE, 'console.log(a + b);');
    setup.fake.script({ kind: 'reply', text: '```ts\nconsole.info(a + b);\n```' }, { times: 1 });
    const outcome = await vscode.commands.executeCommand<RefactorOutcome | undefined>(
      'llmRouter.refactorSelection', { instruction: 'use console.info', apply: false });
    assert.equal(outcome?.replacement, 'console.info(a + b);');
    assert.equal(outcome?.applied, false);
    assert.equal(editor.document.getText(), SOURCE);
  });

  test('Complete at Cursor inserts the completion at the cursor', async () => {
    const editor = await editorWith('function double(x: number) {\n  return \n}\n', '  return ');
    const cursor = editor.selection.end;
    editor.selection = new vscode.Selection(cursor, cursor);
    setup.fake.script({ kind: 'reply', text: 'x * 2;' }, { times: 1 });
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.completeAtCursor');
    assert.equal(result?.kind, 'completion');
    assert.equal(editor.document.getText(), 'function double(x: number) {\n  return x * 2;\n}\n');
  });
});
