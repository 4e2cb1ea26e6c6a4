// Turns the active editor into the `document` of a router request.
import * as vscode from 'vscode';
import type { DocumentInput, Range } from '../../../shared/protocol';

export function documentInput(editor: vscode.TextEditor, includeSelection = true): DocumentInput {
  const { document, selection } = editor;
  return {
    uri: document.uri.toString(),
    languageId: document.languageId,
    text: document.getText(),
    selection: includeSelection ? toProtocolRange(selection) : undefined,
  };
}

export function toProtocolRange(range: vscode.Range): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** The active text editor, or undefined after telling the user what the command needs. */
export function requireEditor(what: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) void vscode.window.showInformationMessage(`LLM Router: open a file first to ${what}.`);
  return editor;
}

/**
 * False, after saying so, when what the command would send is only whitespace: the selection,
 * or the whole file when nothing is selected (an empty file, a selection of blank lines). A
 * model asked about nothing still bills the prompt around it.
 */
export function hasText(editor: vscode.TextEditor, what: string): boolean {
  const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
  if (text.trim() !== '') return true;
  const target = editor.selection.isEmpty ? `${describeTarget(editor)} is empty` : 'the selection is blank';
  void vscode.window.showInformationMessage(`LLM Router: ${target}: nothing to ${what}.`);
  return false;
}

/** `path/file.ts:12-20` for titles: the user sees what the answer is about. */
export function describeTarget(editor: vscode.TextEditor): string {
  const name = vscode.workspace.asRelativePath(editor.document.uri, false);
  const { start, end } = editor.selection;
  if (editor.selection.isEmpty) return name;
  // A selection of whole lines ends at column 0 of the next line, which it does not cover.
  const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  return start.line === lastLine ? `${name}:${start.line + 1}` : `${name}:${start.line + 1}-${lastLine + 1}`;
}
