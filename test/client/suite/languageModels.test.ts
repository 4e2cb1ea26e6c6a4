// The router as a VS Code language model provider, used the way another extension uses it:
// vscode.lm.selectChatModels({ vendor: 'llm-router' }), sendRequest, countTokens. And the
// palette's answerIn setting, which keeps the answer panel where the Chat view is off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { MODEL, PROVIDER_ID, editorWith, eventually, extensionApi, setUserSetting, useFakeProvider, type FakeSetup } from './host';

const QUESTION = 'Say hello to the language model API';

/** The router's models once VS Code lists the fake provider's model among them. */
function routerModels(): Promise<vscode.LanguageModelChat[]> {
  return eventually('the router\'s models in vscode.lm', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'llm-router' });
    return models.some((m) => m.id === `${PROVIDER_ID}/${MODEL}`) ? models : undefined;
  }, 30_000);
}

suite('language model provider', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(() => setup?.restore());

  test('offers auto and each configured model, with the model\'s window for the prompt', async () => {
    const models = await routerModels();
    const auto = models.find((m) => m.id === 'auto');
    const forced = models.find((m) => m.id === `${PROVIDER_ID}/${MODEL}`);
    assert.ok(auto && forced, models.map((m) => m.id).join(', '));
    assert.equal(auto.name, 'LLM Router');
    assert.equal(forced.name, `LLM Router: ${PROVIDER_ID}/${MODEL}`);
    assert.equal(forced.vendor, 'llm-router');
    assert.ok(forced.maxInputTokens > 64_000 && forced.maxInputTokens < 128_000, String(forced.maxInputTokens));
  });

  test('a request to auto streams the routed answer and sends the conversation as given', async () => {
    const auto = (await routerModels()).find((m) => m.id === 'auto')!;
    setup.fake.reset();
    const response = await auto.sendRequest([vscode.LanguageModelChatMessage.User(QUESTION)], { justification: 'extension-host test' });
    const pieces: string[] = [];
    for await (const part of response.stream) {
      if (part instanceof vscode.LanguageModelTextPart) pieces.push(part.value);
    }
    assert.equal(pieces.join(''), `Fake ${MODEL} answers: ${QUESTION.split(' ').slice(0, 8).join(' ')}`);
    assert.ok(pieces.length > 1, `the answer came in ${pieces.length} piece(s), not streamed`);
    const sent = setup.fake.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] };
    assert.deepEqual(sent.messages, [{ role: 'user', content: QUESTION }]);
  });

  test('tool calling works both ways: a call comes back as a LanguageModelToolCallPart, and its result reaches the provider as a tool message', async () => {
    const auto = (await routerModels()).find((m) => m.id === 'auto')!;
    setup.fake.reset();
    setup.fake.script({ kind: 'tool-calls', calls: [{ id: 'call_42', name: 'read_file', arguments: { path: 'src/a.ts' } }] });
    const tools: vscode.LanguageModelChatTool[] = [
      { name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
    ];
    const ask = vscode.LanguageModelChatMessage.User('What does src/a.ts export?');
    const first = await auto.sendRequest([ask], { tools });
    const calls: vscode.LanguageModelToolCallPart[] = [];
    for await (const part of first.stream) if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
    assert.deepEqual(calls.map((c) => [c.callId, c.name, c.input]), [['call_42', 'read_file', { path: 'src/a.ts' }]]);

    const result = new vscode.LanguageModelToolResultPart('call_42', [new vscode.LanguageModelTextPart('export const a = 1;')]);
    const second = await auto.sendRequest([ask, vscode.LanguageModelChatMessage.Assistant([calls[0]]), vscode.LanguageModelChatMessage.User([result])], { tools });
    let text = '';
    for await (const chunk of second.text) text += chunk;
    assert.ok(text.length > 0, 'the model answered after the tool result');
    const sent = setup.fake.requests.at(-1)?.body as { messages: { role: string; content: unknown; tool_call_id?: string; tool_calls?: unknown[] }[] };
    const toolMessage = sent.messages.find((m) => m.role === 'tool');
    assert.equal(toolMessage?.tool_call_id, 'call_42');
    assert.equal(toolMessage?.content, 'export const a = 1;');
    assert.ok(sent.messages.some((m) => m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length === 1), 'the call the model made is sent back with its result');
  });

  test('the logical models (cheap, fast, best) are offered and routed by the server', async () => {
    const models = await routerModels();
    for (const id of ['cheap', 'fast', 'best']) assert.ok(models.some((m) => m.id === id), `${id} among ${models.map((m) => m.id).join(', ')}`);
    setup.fake.reset();
    const response = await models.find((m) => m.id === 'best')!.sendRequest([vscode.LanguageModelChatMessage.User('Which model are you?')]);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.match(text, new RegExp(`^Fake ${MODEL} answers:`));
  });

  test('a forced model answers itself', async () => {
    const forced = (await routerModels()).find((m) => m.id === `${PROVIDER_ID}/${MODEL}`)!;
    setup.fake.reset();
    const response = await forced.sendRequest([vscode.LanguageModelChatMessage.User('Which model are you?')]);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.match(text, new RegExp(`^Fake ${MODEL} answers:`));
    assert.equal(setup.fake.requestsFor(MODEL).length, 1);
  });

  test('counts tokens with the router\'s tokenizer, for a text and for a message', async () => {
    const auto = (await routerModels()).find((m) => m.id === 'auto')!;
    assert.equal(await auto.countTokens('hello world'), 2);
    assert.equal(await auto.countTokens(vscode.LanguageModelChatMessage.User('hello world')), 2 + 4);
  });
});

suite('palette answers and the Chat view', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider();
  });
  suiteTeardown(() => setup?.restore());

  test('with answerIn "chat" but VS Code\'s AI features off, Explain still answers in the panel', async () => {
    const restores = [await setUserSetting('llmRouter.answerIn', 'chat'), await setUserSetting('chat.disableAIFeatures', true)];
    try {
      const api = await extensionApi();
      await editorWith('export const x = 1;\n', 'x = 1');
      const result = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.explainSelection');
      assert.ok(result, 'the panel should have answered');
      assert.equal(api.answer().state, 'done');
      assert.equal(api.answer().text, result.text);
    } finally {
      for (const restore of restores.reverse()) await restore();
    }
  });
});
