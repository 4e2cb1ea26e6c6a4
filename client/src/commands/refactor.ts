// "LLM Router: Refactor Selection…": asks for an instruction, shows the model's version as
// a diff, and applies it as one undoable edit only when the user presses Apply.
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { formatUsd } from '../format/money';
import type { CommandDeps } from './deps';
import { describeTarget, hasText, requireEditor, toProtocolRange } from './editorContext';
import { insertableCode, proposedDocument, replacementFor } from './refactorProposal';
import { runWithProgress } from './runWithProgress';

export interface RefactorOptions {
  /** Skips the input box. */
  instruction?: string;
  /** Skips the Apply/Discard question: true applies, false discards. */
  apply?: boolean;
}

export interface RefactorOutcome {
  result: ExecuteResult;
  replacement: string;
  applied: boolean;
}

export async function refactorSelection(deps: CommandDeps, options: RefactorOptions = {}): Promise<RefactorOutcome | undefined> {
  const editor = requireEditor('refactor code');
  if (!editor || !hasText(editor, 'refactor')) return undefined;
  const instruction = options.instruction ?? await vscode.window.showInputBox({
    title: 'LLM Router: Refactor Selection',
    prompt: 'How should the selected code change? (Nothing selected: the whole file.)',
    placeHolder: 'e.g. extract the loop body into a function',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Describe the change.' : undefined),
  });
  if (!instruction) return undefined;

  const { document } = editor;
  const range = editor.selection.isEmpty ? fullRange(document) : new vscode.Range(editor.selection.start, editor.selection.end);
  const version = document.version;
  const target = describeTarget(editor);
  const result = await runWithProgress(deps, `Refactor ${target}`, (token) => deps.router.execute({
    kind: 'refactor',
    prompt: instruction,
    document: { uri: document.uri.toString(), languageId: document.languageId, text: document.getText(), selection: toProtocolRange(range) },
  }, undefined, token));
  // A model that declined proposes nothing to review (runWithProgress showed its warning).
  if (!result || insertableCode(result) === undefined) return undefined;

  const replacement = replacementFor(document.getText(range), result.text);
  const applied = await reviewRefactoring(deps, { document, version, range, replacement, result, target, apply: options.apply });
  return { result, replacement, applied };
}

/** A refactoring the model proposed for `range` of `document` (at `version`), to review before applying. */
export interface RefactoringProposal {
  document: vscode.TextDocument;
  version: number;
  range: vscode.Range;
  replacement: string;
  result: ExecuteResult;
  /** `path/file.ts:12-20`, for messages and the diff's title. */
  target: string;
  /** Skips the Apply/Discard question: true applies, false discards. */
  apply?: boolean;
}

/**
 * Shows the proposal as a diff and applies it as one undoable edit only when the user
 * presses Apply (the palette command and @router's /refactor both use this). Resolves
 * whether it was applied.
 */
export async function reviewRefactoring(deps: Pick<CommandDeps, 'proposals' | 'router'>, p: RefactoringProposal): Promise<boolean> {
  const { document, range, replacement, result, target } = p;
  if (replacement === document.getText(range)) {
    void vscode.window.showInformationMessage(`LLM Router: ${result.model} proposed no change to ${target}.`);
    return false;
  }
  const proposal = deps.proposals.add(document.uri, proposedDocument(
    document.getText(), document.offsetAt(range.start), document.offsetAt(range.end), replacement));
  try {
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposal, `${target} ↔ proposed refactoring`);
    const choice = p.apply === undefined ? await askToApply(result, target) : p.apply ? 'apply' : 'discard';
    // Only the user's own choice teaches the router: a scripted apply/discard (p.apply) or a
    // closed prompt says nothing about the answer.
    if (p.apply === undefined && choice === 'discard') deps.router.feedback('refactor', result.model, 'rejected');
    if (choice !== 'apply') return false;
    const before = document.getText();
    const applied = await applyReplacement(document, p.version, range, replacement);
    if (applied && p.apply === undefined) {
      deps.router.feedback('refactor', result.model, 'accepted');
      reportUndo(document, before, () => deps.router.feedback('refactor', result.model, 'undone'));
    }
    return applied;
  } finally {
    await deps.proposals.closeDiffs(proposal);
    deps.proposals.remove(proposal);
  }
}

/** How long after Apply an undo back to the text before it counts as the refactoring undone. */
const UNDO_WATCH_MS = 5 * 60_000;

/**
 * Calls `onUndone` once if, within UNDO_WATCH_MS, an undo brings `document` back to exactly
 * `before` (its text before Apply): an undo of some later edit leaves other text and does not count.
 */
function reportUndo(document: vscode.TextDocument, before: string, onUndone: () => void): void {
  const stop = () => {
    clearTimeout(timer);
    watch.dispose();
  };
  const watch = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document !== document || e.reason !== vscode.TextDocumentChangeReason.Undo) return;
    if (document.getText() !== before) return;
    stop();
    onUndone();
  });
  const timer = setTimeout(stop, UNDO_WATCH_MS);
}

/** Apply or Discard (undefined when the prompt was closed); an answer cut at its length limit is said to be incomplete, and Apply asks to be sure. */
async function askToApply(result: ExecuteResult, target: string): Promise<'apply' | 'discard' | undefined> {
  const cost = formatUsd(result.usage.costUsd);
  const verdict = (choice: string | undefined, apply: string) => (choice === apply ? 'apply' : choice === 'Discard' ? 'discard' : undefined);
  if (result.truncated) {
    const choice = await vscode.window.showWarningMessage(
      `LLM Router: the refactoring of ${target} proposed by ${result.model} (${cost}) stopped at its length limit and is ` +
        'incomplete: applying it would cut the code short.',
      'Apply Anyway', 'Discard');
    return verdict(choice, 'Apply Anyway');
  }
  const choice = await vscode.window.showInformationMessage(
    `LLM Router: apply the refactoring of ${target} proposed by ${result.model} (${cost})?`, 'Apply', 'Discard');
  return verdict(choice, 'Apply');
}

async function applyReplacement(document: vscode.TextDocument, version: number, range: vscode.Range, text: string): Promise<boolean> {
  // The proposal was computed against the old text; replacing a range of a changed file could mangle it.
  if (document.version !== version) {
    void vscode.window.showWarningMessage(
      `LLM Router: ${vscode.workspace.asRelativePath(document.uri)} changed while the refactoring was prepared; nothing was applied.`);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, text);
  return vscode.workspace.applyEdit(edit);
}

function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
}
