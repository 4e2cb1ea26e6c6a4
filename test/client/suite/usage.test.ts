// The spend shown in the status bar and exported by Export Usage is what the ledger recorded.
import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatSpendToday } from '../../../client/src/format/money';
import type { DashboardResult, ExecuteResult } from '../../../shared/protocol';
import { editorWith, eventually, extensionApi, useFakeProvider, type FakeSetup } from './host';

suite('usage', () => {
  let setup: FakeSetup;
  let folder: string;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
    folder = await mkdtemp(join(tmpdir(), 'llm-router-usage-'));
  });
  suiteTeardown(async () => {
    await setup?.restore();
    await rm(folder, { recursive: true, force: true });
  });

  test('after a request the status bar shows exactly the spend the dashboard reports for today', async () => {
    const api = await extensionApi();
    await editorWith('let total = 0;\n', 'let total = 0;');
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.explainSelection');
    assert.ok(result && result.usage.costUsd > 0);
    const dashboard = await vscode.commands.executeCommand<DashboardResult | undefined>('llmRouter.showDashboard');
    assert.ok(dashboard, 'the dashboard could not load');
    assert.ok(dashboard.history.some((entry) => entry.kind === 'explain'));
    const expected = formatSpendToday(dashboard.usage.today.costUsd);
    await eventually(`status bar text "${expected}"`, () => (api.spendStatusText() === expected ? true : undefined));
  });

  test('Export Usage writes the routing history and totals as CSV', async () => {
    const target = vscode.Uri.file(join(folder, 'usage.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('llmRouter.exportUsage', { uri: target });
    assert.equal(written?.fsPath, target.fsPath);
    const [history, totals] = (await readFile(target.fsPath, 'utf8')).split('\r\n\r\n');
    assert.match(history ?? '', /^at,kind,model,outcome,/);
    assert.match(history ?? '', /,explain,/);
    assert.match(totals ?? '', /^period,requests,/);
  });

  test('Export Usage writes JSON when the file name ends in .json', async () => {
    const target = vscode.Uri.file(join(folder, 'usage.json'));
    await vscode.commands.executeCommand('llmRouter.exportUsage', { uri: target });
    const exported = JSON.parse(await readFile(target.fsPath, 'utf8')) as DashboardResult & { exportedAt: string };
    assert.ok(Array.isArray(exported.history) && exported.history.length > 0);
    assert.ok(exported.usage.today.costUsd > 0);
  });
});
