// The router as a VS Code language model provider, used the way another extension uses it:
// vscode.lm.selectChatModels({ vendor: 'llm-router' }), sendRequest, countTokens. And the
// palette's answerIn setting, which keeps the answer panel where the Chat view is off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DashboardResult, ExecuteResult, HistoryEntry } from '../../../shared/protocol';
import { MODEL, PROVIDER_ID, editorWith, eventually, extensionApi, setUserSetting, useFakeProvider, type FakeSetup } from './host';

const QUESTION = 'Say hello to the language model API';

/** Reads a response to the end: its text, or the error the caller's loop gets. */
async function readAll(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const chunk of response.text) text += chunk;
  return text;
}

async function dashboard(): Promise<DashboardResult> {
  const result = await vscode.commands.executeCommand<DashboardResult | undefined>('llmRouter.showDashboard');
  assert.ok(result, 'the dashboard could not load');
  return result;
}

/** The routing log, newest first, as the dashboard shows it. */
const routingLog = async (): Promise<HistoryEntry[]> => (await dashboard()).history;

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

  test('a request every model refuses reaches the caller as a LanguageModelError with the provider\'s reason', async () => {
    const auto = (await routerModels()).find((m) => m.id === 'auto')!;
    setup.fake.reset();
    setup.fake.script({ kind: 'status', status: 400, message: 'this request is not for this model' }, { times: 'always' });
    try {
      await assert.rejects(
        async () => readAll(await auto.sendRequest([vscode.LanguageModelChatMessage.User('Anything')])),
        (error: Error) => {
          assert.ok(error instanceof vscode.LanguageModelError, `a ${error.name}, not a LanguageModelError: ${error.message}`);
          assert.match(error.message, /this request is not for this model/);
          return true;
        },
      );
    } finally {
      setup.fake.clearScripts();
    }
  });

  test('a request the budget blocks reaches the caller as LanguageModelError.Blocked, and no provider is called', async () => {
    const auto = (await routerModels()).find((m) => m.id === 'auto')!;
    await readAll(await auto.sendRequest([vscode.LanguageModelChatMessage.User('Spend a little first')]));
    const restores = [await setUserSetting('llmRouter.budget.onExceed', 'block'), await setUserSetting('llmRouter.budget.dailyUsd', 1e-9)];
    try {
      setup.fake.reset();
      // The server applies the settings when VS Code reports the change: ask until it does.
      const error = await eventually('the budget to block a request', async () => {
        try {
          await readAll(await auto.sendRequest([vscode.LanguageModelChatMessage.User('Over budget?')]));
          return undefined;
        } catch (e) {
          return e as Error;
        }
      });
      assert.ok(error instanceof vscode.LanguageModelError, `a ${error.name}, not a LanguageModelError: ${error.message}`);
      assert.equal(error.code, vscode.LanguageModelError.Blocked().code);
      assert.match(error.message, /budget/i);
      setup.fake.reset();
      await assert.rejects(async () => readAll(await auto.sendRequest([vscode.LanguageModelChatMessage.User('Still over?')])));
      assert.equal(setup.fake.requests.length, 0, 'a blocked request calls no provider');
    } finally {
      for (const restore of restores.reverse()) await restore();
    }
  });

  test('cancelling a request half-way stops the provider call, and what streamed is recorded as cancelled at a cost', async () => {
    const auto = (await routerModels()).find((m) => m.id === 'auto')!;
    setup.fake.reset();
    setup.fake.script({ kind: 'slow', chunkDelayMs: 3_000 });
    const cancel = new vscode.CancellationTokenSource();
    const response = await auto.sendRequest([vscode.LanguageModelChatMessage.User('Write a long answer slowly please')], {}, cancel.token);
    const iterator = response.text[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.ok(!first.done && first.value.length > 0, 'a first piece of text arrived');
    cancel.cancel();
    await assert.rejects(async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) { /* read to the end */ }
    }, (error: Error) => error.name === 'Canceled' || error instanceof vscode.CancellationError, 'the caller sees the cancellation');
    const entry = await eventually('the cancelled request in the routing log', async () => {
      const latest = (await routingLog())[0];
      return latest?.outcome === 'cancelled' ? latest : undefined;
    });
    assert.ok(entry.costUsd > 0, `the streamed part costs something: ${entry.costUsd}`);
    assert.equal(setup.fake.requests.length, 1, 'no retry or fallback after the cancellation');
    cancel.dispose();
  });

  test('several requests at once each get their own answer, and each is recorded', async () => {
    const auto = (await routerModels()).find((m) => m.id === 'auto')!;
    setup.fake.reset();
    const before = (await dashboard()).usage.today.requests;
    const questions = ['First parallel question', 'Second parallel question', 'Third parallel question'];
    const answers = await Promise.all(questions.map(async (q) => readAll(await auto.sendRequest([vscode.LanguageModelChatMessage.User(q)]))));
    assert.deepEqual(answers, questions.map((q) => `Fake ${MODEL} answers: ${q}`));
    assert.equal(setup.fake.requests.length, 3);
    await eventually('three more requests today', async () => ((await dashboard()).usage.today.requests >= before + 3 ? true : undefined));
    assert.equal((await dashboard()).usage.today.requests, before + 3, 'each counted once');
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
