// Test-only extension for the e2e run (never shipped): a second extension that finds LLM
// Router's `auto` model with vscode.lm.selectChatModels, sends it the question typed in an
// input box, and keeps what streamed back in <globalStorage>/result.json for the test to read.
'use strict';
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('lmClient.ask', () => ask(context)));
}

async function ask(context) {
  const question = await vscode.window.showInputBox({ title: 'LM Client', prompt: 'Question for LLM Router (vscode.lm)' });
  if (!question) return;
  const result = { question, models: [], chunks: 0, text: '', error: undefined };
  try {
    const models = await vscode.lm.selectChatModels({ vendor: 'llm-router' });
    result.models = models.map((m) => ({ id: m.id, name: m.name, maxInputTokens: m.maxInputTokens }));
    const auto = models.find((m) => m.id === 'auto');
    if (!auto) throw new Error(`no llm-router auto model among ${models.length}`);
    const response = await auto.sendRequest(
      [vscode.LanguageModelChatMessage.User(question)],
      { justification: 'The LLM Router end-to-end test asks its auto model a question.' },
    );
    for await (const part of response.stream) {
      if (part instanceof vscode.LanguageModelTextPart) {
        result.chunks += 1;
        result.text += part.value;
      }
    }
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(context.globalStorageUri, 'result.json'), Buffer.from(JSON.stringify(result, null, 2)));
  if (result.error) void vscode.window.showErrorMessage(`LM Client: ${result.error}`);
  else void vscode.window.showInformationMessage(`LM Client received ${result.chunks} chunks: ${result.text}`);
}

module.exports = { activate, deactivate() {} };
