// Ghost-text completions: registered only while the setting is on, routed as `completion`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { editorWith, eventually, extensionApi, setUserSetting, useFakeProvider, type FakeSetup } from './host';

suite('inline completions', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(() => setup?.restore());

  test('the provider follows llmRouter.inlineCompletions.enabled live', async () => {
    const api = await extensionApi();
    assert.equal(api.inlineCompletionsActive(), false, 'off by default');
    const restore = await setUserSetting('llmRouter.inlineCompletions.enabled', true);
    try {
      await eventually('the provider to register', () => (api.inlineCompletionsActive() ? true : undefined), 5_000);
    } finally {
      await restore();
    }
    await eventually('the provider to unregister', () => (api.inlineCompletionsActive() ? undefined : true), 5_000);
  });

  test('a triggered suggestion comes from the router and can be accepted into the document', async () => {
    const restores = [
      await setUserSetting('llmRouter.inlineCompletions.debounceMs', 0),
      await setUserSetting('llmRouter.inlineCompletions.enabled', true),
    ];
    try {
      const editor = await editorWith('function double(x: number) {\n  return \n}\n', '  return ');
      editor.selection = new vscode.Selection(editor.selection.end, editor.selection.end);
      setup.fake.reset();
      setup.fake.script({ kind: 'reply', text: 'x * 2;' }, { times: 'always' });
      await eventually('a completion request at the fake provider', async () => {
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        return setup.fake.requests.length > 0 ? true : undefined;
      }, 10_000);
      await eventually('the suggestion to be accepted', async () => {
        await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
        return editor.document.getText().includes('return x * 2;') ? true : undefined;
      }, 10_000);
    } finally {
      setup.fake.clearScripts();
      for (const restore of restores.reverse()) await restore();
    }
  });
});
