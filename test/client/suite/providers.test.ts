// Check Providers lists the fake provider's models with its stored key, returns what it
// found and opens the report as a read-only Markdown document that never asks to be saved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckProvidersResult } from '../../../shared/protocol';
import { PROVIDER_ID, eventually, extensionApi, useFakeProvider, type FakeSetup } from './host';

suite('check providers', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(async () => {
    await setup?.restore();
  });

  test('reports the fake provider working with its one key and opens the Markdown report', async () => {
    const result = await vscode.commands.executeCommand<CheckProvidersResult | undefined>('llmRouter.checkProviders');
    assert.ok(result, 'the check failed');
    const provider = result.providers.find((p) => p.providerId === PROVIDER_ID);
    assert.equal(provider?.status, 'ok');
    assert.deepEqual(provider.keys.map((key) => [key.key, key.ok]), [['key #1 of 1', true]]);
    assert.ok((provider.listedModels ?? 0) > 0, 'the fake listed no models');

    const reports = vscode.workspace.textDocuments.filter((d) => d.getText().startsWith('# LLM Router: provider check'));
    assert.equal(reports.length, 1, 'expected one report document');
    const [report] = reports;
    assert.equal(report.uri.scheme, 'llm-router-report', 'the report is not the read-only report document');
    assert.equal(report.isUntitled, false, 'an untitled report would ask to be saved when closed');
    assert.equal(report.languageId, 'markdown');
    assert.match(report.getText(), new RegExp(`^## ${PROVIDER_ID} \\(openai-compatible\\)$`, 'm'));
  });

  test('the report shows rendered (Markdown preview), and a second check refreshes it instead of opening another', async () => {
    await vscode.commands.executeCommand('llmRouter.checkProviders', { providerId: PROVIDER_ID });
    const reports = vscode.workspace.textDocuments.filter((d) => d.getText().startsWith('# LLM Router: provider check'));
    assert.equal(reports.length, 1, 'a second report document was opened');
    const showing = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) =>
      (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === reports[0].uri.toString())
      || (tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label.includes('Provider check')));
    const tabs = await eventually('the report on show', () => (showing().length > 0 ? showing() : undefined));
    assert.equal(tabs.length, 1, 'the report shows in more than one tab');
    assert.ok(tabs[0].input instanceof vscode.TabInputWebview, 'the report is shown as raw Markdown text, not rendered');
    await vscode.window.tabGroups.close(tabs);
    assert.equal(reports[0].isDirty, false);
  });
});
