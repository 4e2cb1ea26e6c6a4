// Read-only virtual documents for reports the extension writes (the provider check).
// An untitled document would do, but VS Code then asks to save it on close; a report
// is regenerated on demand, so there is nothing to save. Each report has one fixed
// address: running the command again refreshes the open editor instead of adding a tab.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'llm-router-report';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);
  }

  /**
   * Shows the report with this text: in the tab that already shows it, else beside the
   * active editor. The file name's extension picks the language.
   */
  async open(fileName: string, content: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${fileName}` });
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const showing = vscode.window.tabGroups.all.find((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()));
    await vscode.window.showTextDocument(document, { viewColumn: showing?.viewColumn ?? vscode.ViewColumn.Beside, preview: false });
    return document;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}
