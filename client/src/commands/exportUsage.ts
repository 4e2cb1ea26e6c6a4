// "LLM Router: Export Usage…": the routing history and totals as CSV or JSON.
import * as vscode from 'vscode';
import { showError } from '../errors/showError';
import { EXPORT_ROWS, exportedMessage, formatFromFileName, usageToCsv, usageToJson, type ExportFormat } from '../export/usageExport';
import type { CommandDeps } from './deps';

// The most router/dashboard accepts (shared/params.ts): a year of days, EXPORT_ROWS history rows.
const EXPORT_DAYS = 366;

export interface ExportOptions {
  /** Skips the save dialog. */
  uri?: vscode.Uri | string;
  /** Defaults to the file name's extension (.json, else CSV). */
  format?: ExportFormat;
}

/** Resolves with the file written, or undefined when cancelled or failed. */
export async function exportUsage(deps: CommandDeps, options: ExportOptions = {}): Promise<vscode.Uri | undefined> {
  const target = options.uri !== undefined ? toUri(options.uri) : await vscode.window.showSaveDialog({
    title: 'LLM Router: Export Usage',
    saveLabel: 'Export',
    defaultUri: defaultTarget(),
    filters: { CSV: ['csv'], JSON: ['json'] },
  });
  if (!target) return undefined;
  const format = options.format ?? formatFromFileName(target.path);
  try {
    const data = await deps.router.dashboard(EXPORT_DAYS, EXPORT_ROWS);
    const text = format === 'json' ? usageToJson(data, new Date()) : usageToCsv(data);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const name = vscode.workspace.asRelativePath(target, false);
    void vscode.window.showInformationMessage(exportedMessage(data.history.length, data.usage.total.requests, name), 'Open')
      .then(async (choice) => {
        if (choice === 'Open') await vscode.window.showTextDocument(target);
      });
    return target;
  } catch (error) {
    showError(error, 'Export Usage');
    return undefined;
  }
}

function toUri(value: vscode.Uri | string): vscode.Uri {
  if (typeof value !== 'string') return value;
  return /^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
}

function defaultTarget(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `llm-router-usage-${new Date().toISOString().slice(0, 10)}.csv`;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}
