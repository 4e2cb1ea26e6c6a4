// "LLM Router: Complete at Cursor": routes a `completion` request and inserts the result.
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { insertableCode } from './refactorProposal';
import type { CommandDeps } from './deps';
import { requireEditor, toProtocolRange } from './editorContext';
import { runWithProgress } from './runWithProgress';

export async function completeAtCursor(deps: CommandDeps): Promise<ExecuteResult | undefined> {
  const editor = requireEditor('complete code');
  if (!editor) return undefined;
  const { document } = editor;
  const cursor = editor.selection.active;
  const version = document.version;
  const result = await runWithProgress(deps, 'Complete at Cursor', (token) => deps.router.execute({
    kind: 'completion',
    document: { uri: document.uri.toString(), languageId: document.languageId, text: document.getText(),
      selection: toProtocolRange(new vscode.Range(cursor, cursor)) },
  }, undefined, token));
  if (!result) return undefined;
  const code = insertableCode(result);
  // A model that declined inserts nothing (runWithProgress showed its warning).
  if (code === undefined) return result;
  // Typing while the model worked moves the text the completion was written for.
  if (document.version !== version) {
    void vscode.window.showWarningMessage('LLM Router: the file changed while the completion was prepared; nothing was inserted.');
    return result;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, cursor, code);
  await vscode.workspace.applyEdit(edit);
  return result;
}
