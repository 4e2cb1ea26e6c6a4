// The extension activates in a real extension host, registers every command of its
// manifest, and starts the router server (the spend shows in the status bar).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { REVIEW_REFACTORING_COMMAND } from '../../../client/src/chat/participant';
import { INLINE_ACCEPTED_COMMAND } from '../../../client/src/inline/inlineProvider';
import { COMMAND_IDS } from '../../../client/src/commands/registerCommands';
import { EXTENSION_ID, eventually, extensionApi } from './host';

suite('activation', () => {
  test('activating returns the API with a workspace id that reveals no path', async () => {
    const api = await extensionApi();
    assert.match(api.workspaceId, /^([0-9a-f]{16}|no-workspace)$/);
  });

  test('every command in package.json is registered, and no other llmRouter command but @router\'s review link and the inline-accepted hook', async () => {
    await extensionApi();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('llmRouter.')).sort();
    // Not in the palette: only a /refactor answer's "Review and Apply…" link runs the first,
    // and VS Code runs the second when an inline completion is accepted.
    assert.deepEqual(registered, [...declared, REVIEW_REFACTORING_COMMAND, INLINE_ACCEPTED_COMMAND].sort());
    assert.deepEqual([...COMMAND_IDS].sort(), declared);
  });

  test('the status bar shows today\'s spend once the router server answers, or "set up" while no provider is configured', async () => {
    const api = await extensionApi();
    const configured = (vscode.workspace.getConfiguration('llmRouter').get<unknown[]>('providers') ?? []).length > 0;
    const want = configured ? /^\$\d+\.(\d{2}|\d{4}) today$/ : /^LLM Router: set up$/;
    const text = await eventually(`status bar text like ${want}`, () => {
      const shown = api.spendStatusText();
      return want.test(shown) ? shown : undefined;
    }, 30_000);
    assert.match(text, want);
  });
});
