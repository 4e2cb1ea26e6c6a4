// Read-only virtual documents holding a proposed change, so `vscode.diff` can show it
// next to the original file before anything is written.
import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'llm-router-proposal';

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private next = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  /** Keeps the original's path so the diff editor picks the same language. */
  add(original: vscode.Uri, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: original.path, query: `proposal=${++this.next}` });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Closes diff editors that show the proposal (after Apply or Discard). */
  async closeDiffs(uri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) =>
      tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
