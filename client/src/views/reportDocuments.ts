// Read-only virtual documents for reports the extension writes (the provider check).
// An untitled document would do, but VS Code then asks to save it on close; a report
// is regenerated on demand, so there is nothing to save. Each report has one fixed
// address: running the command again refreshes the open editor instead of adding a tab.
// The last text of each report is kept in the workspace's state: VS Code brings a report's
// preview back after a window reload, often before this extension starts, and it was blank.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'llm-router-report';
const STATE_KEY = 'llmRouter.reports';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents: Map<string, string>;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    this.contents = new Map(Object.entries(state.get<Record<string, string>>(STATE_KEY) ?? {}));
    this.registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);
    // A preview brought back before the extension started asked for its text in vain: told
    // that its document changed, it asks again.
    for (const uri of this.contents.keys()) this.changed.fire(vscode.Uri.parse(uri));
    void this.reopenRestoredPreviews();
  }

  /**
   * A preview VS Code restored before this extension started, and that found no document
   * then, shows "An unexpected error occurred while restoring the Markdown preview" for good
   * (change events do not reach it). Each report preview open at start is opened afresh.
   */
  private async reopenRestoredPreviews(): Promise<void> {
    for (const uri of this.contents.keys()) {
      const fileName = vscode.Uri.parse(uri).path.replace(/^\//, '');
      const stale = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => isPreviewOf(tab, fileName));
      if (stale.length === 0) continue;
      try {
        await vscode.window.tabGroups.close(stale, true);
        await vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.parse(uri));
      } catch {
        // The Markdown preview is not available (or the tab went away): the report opens again from Check Providers.
      }
    }
  }

  /**
   * Shows the report with this text, rendered (Markdown preview) beside the active editor,
   * or refreshed in the preview or tab that already shows it. Falls back to the text
   * editor where the Markdown preview is not available.
   */
  async open(fileName: string, content: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${fileName}` });
    this.contents.set(uri.toString(), content);
    await this.state.update(STATE_KEY, Object.fromEntries(this.contents));
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const showingText = tabs.find((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
    if (showingText) {
      await vscode.window.showTextDocument(document, { viewColumn: showingText.group.viewColumn, preview: false });
      return document;
    }
    // An open preview follows the document's change event by itself.
    if (tabs.some((tab) => isPreviewOf(tab, fileName))) return document;
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      // The command returns before the preview's tab exists: wait for it, so that a check
      // run again at once finds the preview and refreshes it instead of opening a second.
      await previewTabShown(fileName);
    } catch {
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }
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

/** The Markdown preview's tab is a webview titled "Preview <file name>". */
function isPreviewOf(tab: vscode.Tab, fileName: string): boolean {
  return tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label.includes(fileName);
}

// Long enough for a slow extension host to add the preview's tab; the report shows either way.
const PREVIEW_TAB_WAIT_MS = 3000;

/** Resolves once a tab shows the Markdown preview of `fileName`, or after PREVIEW_TAB_WAIT_MS. */
function previewTabShown(fileName: string): Promise<void> {
  const shown = () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => isPreviewOf(tab, fileName)));
  if (shown()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, PREVIEW_TAB_WAIT_MS);
    const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (shown()) done();
    });
  });
}
