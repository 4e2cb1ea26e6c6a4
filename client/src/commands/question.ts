// What Ask and Ask with Model share: the question's input box, the open file (and selection)
// sent along as context, and the answer's title.
import * as vscode from 'vscode';
import type { DocumentInput, Kind } from '../../../shared/protocol';
import { documentInput } from './editorContext';

/** `given` (from tests or other extensions) skips the input box when it is a non-blank string. */
export async function readQuestion(title: string, given?: unknown): Promise<string | undefined> {
  if (typeof given === 'string' && given.trim() !== '') return given;
  const question = await vscode.window.showInputBox({
    title,
    prompt: 'Ask anything; the open file and selection are sent along as context.',
    placeHolder: 'e.g. Why might this function return undefined?',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Type a question.' : undefined),
  });
  return question || undefined;
}

/** The active file as context, with the selection when there is one. */
export function questionContext(): DocumentInput | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor ? documentInput(editor, !editor.selection.isEmpty) : undefined;
}

/** The answer panel's title: the question, shortened. */
export function questionTitle(question: string): string {
  return question.length > 60 ? `${question.slice(0, 57)}…` : question;
}

/** What a failed question is called: "LLM Router: Ask “what is a monad” failed.", not "what is a monad failed." */
export function questionAction(title: string): string {
  return `Ask \u201c${title}\u201d`;
}

/** The title of an answer asked again as another kind ("Answer as"). */
export function answeredAs(title: string, kind: Kind): string {
  return `${title.replace(/ \(as \w+\)$/, '')} (as ${kind})`;
}
