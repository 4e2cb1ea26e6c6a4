// Ghost-text completions routed as kind `completion`. VS Code cancels the token as soon
// as the user types on, which both ends the wait and cancels the request on the server.
import * as vscode from 'vscode';
import { insertableCode } from '../commands/refactorProposal';
import { toProtocolRange } from '../commands/editorContext';
import { describeError } from '../errors/describeError';
import type { RouterConnection } from '../server/routerConnection';

/** Run by VS Code when the user accepts a ghost-text completion (InlineCompletionItem.command). */
export const INLINE_ACCEPTED_COMMAND = 'llmRouter.inline.accepted';

/** Registers INLINE_ACCEPTED_COMMAND: tells the router the model's completion was taken. */
export function registerInlineAccepted(router: RouterConnection): vscode.Disposable {
  return vscode.commands.registerCommand(INLINE_ACCEPTED_COMMAND, (model: unknown) => {
    if (typeof model === 'string') router.feedback('completion', model, 'accepted');
  });
}

export class RoutedInlineCompletions implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly router: RouterConnection,
    private readonly debounceMs: () => number,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument, position: vscode.Position, _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // Waiting first means a burst of keystrokes costs one request, not one per key.
    if (!(await pause(this.debounceMs(), token)) || !this.router.isRunning()) return undefined;
    try {
      const result = await this.router.execute({
        kind: 'completion',
        document: { uri: document.uri.toString(), languageId: document.languageId, text: document.getText(),
          selection: toProtocolRange(new vscode.Range(position, position)) },
      }, undefined, token);
      // A model that declined offers no ghost text.
      const text = insertableCode(result);
      if (token.isCancellationRequested || text === undefined || text.trim() === '') return undefined;
      const item = new vscode.InlineCompletionItem(text, new vscode.Range(position, position));
      item.command = { title: 'Completion accepted', command: INLINE_ACCEPTED_COMMAND, arguments: [result.model] };
      return [item];
    } catch (error) {
      const report = describeError(error);
      // Ghost text fails quietly: a toast on every keystroke would be worse than none.
      if (!report.silent) this.log.warn(`Inline completion failed: ${report.message}`);
      return undefined;
    }
  }
}

/** Resolves true after `ms`, or false as soon as the token is cancelled. */
export function pause(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cancelled.dispose();
      resolve(true);
    }, ms);
    const cancelled = token.onCancellationRequested(() => {
      clearTimeout(timer);
      cancelled.dispose();
      resolve(false);
    });
  });
}
