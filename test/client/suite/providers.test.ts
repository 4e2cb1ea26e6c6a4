// Check Providers lists the fake provider's models with its stored key, returns what it
// found and opens the report as an untitled Markdown document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckProvidersResult } from '../../../shared/protocol';
import { PROVIDER_ID, extensionApi, useFakeProvider, type FakeSetup } from './host';

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

    const report = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText().startsWith('# LLM Router: provider check'));
    assert.ok(report, 'no report document');
    assert.equal(report.languageId, 'markdown');
    assert.match(report.getText(), new RegExp(`^## ${PROVIDER_ID} \\(openai-compatible\\)$`, 'm'));
    await vscode.window.showTextDocument(report);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
