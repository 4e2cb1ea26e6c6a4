// Keeps the inline completion provider registered exactly while
// `llmRouter.inlineCompletions.enabled` is true and the workspace is trusted: ghost text
// sends file contents without an explicit action, which Restricted Mode should not do.
import * as vscode from 'vscode';
import type { RouterConnection } from '../server/routerConnection';
import { registerInlineAccepted, RoutedInlineCompletions } from './inlineProvider';

export class InlineCompletionToggle implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly router: RouterConnection, private readonly log: vscode.LogOutputChannel) {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('llmRouter.inlineCompletions') && this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
      registerInlineAccepted(router),
    ];
    this.update();
  }

  get active(): boolean {
    return this.registration !== undefined;
  }

  private update(): void {
    const wanted = vscode.workspace.isTrusted &&
      vscode.workspace.getConfiguration('llmRouter.inlineCompletions').get<boolean>('enabled', false);
    if (wanted && !this.registration) {
      const debounceMs = () => vscode.workspace.getConfiguration('llmRouter.inlineCompletions').get<number>('debounceMs', 300);
      this.registration = vscode.languages.registerInlineCompletionItemProvider(
        [{ scheme: 'file' }, { scheme: 'untitled' }], new RoutedInlineCompletions(this.router, debounceMs, this.log));
      this.log.info('Inline completions on.');
    } else if (!wanted && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
      this.log.info('Inline completions off.');
    }
  }

  dispose(): void {
    this.registration?.dispose();
    this.listeners.forEach((l) => l.dispose());
  }
}
