// What an @router request is about: the first file or selection the user attached
// (#file, #selection, a dragged file), else the active editor's selection or file; any
// further attachments go along in the prompt. Each is shown as a reference of the answer.
import * as vscode from 'vscode';
import type { DocumentInput, Kind } from '../../../shared/protocol';
import { toProtocolRange } from '../commands/editorContext';
import { fenced } from './fence';

export interface ChatSubject {
  /** The document the request is about, with the selection the answer is about (if any). */
  document?: DocumentInput;
  /** For /refactor: where the replacement goes. */
  target?: { document: vscode.TextDocument; range: vscode.Range };
  /** `path/file.ts:3-9`, for the history and titles. */
  label?: string;
  /** Further attachments, as text for the prompt. */
  extras: string[];
}

type Located = { document: vscode.TextDocument; range?: vscode.Range };

export async function chatSubject(request: vscode.ChatRequest, kind: Kind, stream: vscode.ChatResponseStream): Promise<ChatSubject> {
  const located: Located[] = [];
  const extras: string[] = [];
  // VS Code lists references last-first (by their place in the prompt); read them in order.
  for (const reference of [...request.references].reverse()) {
    const value = reference.value;
    if (value instanceof vscode.Location) {
      located.push({ document: await vscode.workspace.openTextDocument(value.uri), range: value.range });
      stream.reference(value);
    } else if (value instanceof vscode.Uri) {
      const document = await openText(value);
      if (!document) continue;
      located.push({ document });
      stream.reference(value);
    } else if (typeof value === 'string' && value.trim() !== '') {
      extras.push(`${reference.modelDescription ?? reference.id}:\n${value}`);
    }
  }
  const [first, ...rest] = located.length > 0 ? located : fromActiveEditor(kind, stream);
  for (const more of rest) extras.push(attachment(more));
  if (!first) return { extras };
  const range = first.range && !first.range.isEmpty ? first.range : undefined;
  const whole = new vscode.Range(first.document.positionAt(0), first.document.positionAt(first.document.getText().length));
  return {
    document: {
      uri: first.document.uri.toString(),
      languageId: first.document.languageId,
      text: first.document.getText(),
      ...(first.range ? { selection: toProtocolRange(first.range) } : {}),
    },
    target: { document: first.document, range: range ?? whole },
    label: label(first.document, range),
    extras,
  };
}

/** The active editor, as the palette commands use it: its selection, or for an empty one the cursor (explain) or the file. */
function fromActiveEditor(kind: Kind, stream: vscode.ChatResponseStream): Located[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme === 'vscode-chat-code-block') return [];
  const { document, selection } = editor;
  const useSelection = !selection.isEmpty || kind === 'explain';
  const range = useSelection ? new vscode.Range(selection.start, selection.end) : undefined;
  stream.reference(range && !range.isEmpty ? new vscode.Location(document.uri, range) : document.uri);
  return [{ document, range }];
}

async function openText(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined; // a folder or a binary file: nothing to read as text
  }
}

function attachment({ document, range }: Located): string {
  const text = range && !range.isEmpty ? document.getText(range) : document.getText();
  return `${label(document, range)}:\n${fenced(text, document.languageId)}`;
}

function label(document: vscode.TextDocument, range: vscode.Range | undefined): string {
  const name = vscode.workspace.asRelativePath(document.uri, false);
  if (!range || range.isEmpty) return name;
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return last === range.start.line ? `${name}:${range.start.line + 1}` : `${name}:${range.start.line + 1}-${last + 1}`;
}
