// "LLM Router: Ask…": a free-form question; the server's classifier picks the kind.
// The active file (and selection) goes along as context when there is one.
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import type { CommandDeps } from './deps';
import { documentInput } from './editorContext';
import { streamAnswer } from './streamAnswer';

/** `question` lets tests and other extensions skip the input box. */
export async function ask(deps: CommandDeps, question?: unknown): Promise<ExecuteResult | undefined> {
  const prompt = typeof question === 'string' && question.trim() !== '' ? question : await vscode.window.showInputBox({
    title: 'LLM Router: Ask',
    prompt: 'Ask anything; the open file and selection are sent along as context.',
    placeHolder: 'e.g. Why might this function return undefined?',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Type a question.' : undefined),
  });
  if (!prompt) return undefined;
  const editor = vscode.window.activeTextEditor;
  const document = editor ? documentInput(editor, !editor.selection.isEmpty) : undefined;
  const title = prompt.length > 60 ? `${prompt.slice(0, 57)}…` : prompt;
  return streamAnswer(deps, { title, kind: undefined, prompt, document });
}
