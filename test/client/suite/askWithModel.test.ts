// Ask with Model against a fake provider with two models: the answer comes from the model
// the caller picked, not from the one the router would have chosen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { MODEL_LIST } from '../../fakes/fake-providers';
import { MODEL, PROVIDER_ID, editorWith, extensionApi, useFakeProvider, type FakeSetup } from './host';

const SOURCE = 'export function area(width: number, height: number): number {\n  return width * height;\n}\n';
const QUESTION = 'Why does area take two numbers?';
// Priced far above MODEL with the same (default) quality, so the router never chooses it.
const DEAR_MODEL = 'dear-model';

suite('ask with model', () => {
  let setup: FakeSetup;
  suiteSetup(async () => {
    await extensionApi();
    setup = await useFakeProvider([{ id: DEAR_MODEL, inputUsdPerMTok: 200, outputUsdPerMTok: 800, contextWindow: 128_000 }]);
  });
  suiteTeardown(() => setup?.restore());

  test('answers with the model given, not the one the router would choose, and shows it in the panel', async () => {
    const api = await extensionApi();
    await editorWith(SOURCE, 'width * height');
    const routed = await vscode.commands.executeCommand<ExecuteResult | undefined>('llmRouter.ask', QUESTION);
    assert.equal(routed?.model, `${PROVIDER_ID}/${MODEL}`, 'left to itself the router should choose the cheaper model');

    setup.fake.reset();
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>(
      'llmRouter.askWithModel', { question: QUESTION, model: `${PROVIDER_ID}/${DEAR_MODEL}` });
    assert.ok(result, 'the command returned no result (see the error notification)');
    assert.equal(result.model, `${PROVIDER_ID}/${DEAR_MODEL}`);
    assert.match(result.text, new RegExp(`^Fake ${DEAR_MODEL} answers:`));
    assert.equal(result.kind, routed.kind, 'the routed kind goes along with the request');
    assert.equal(setup.fake.requestsFor(DEAR_MODEL).length, 1);
    assert.equal(setup.fake.requestsFor(MODEL).length, 0, 'the router\'s own choice was not called');
    assert.equal(api.answer().state, 'done');
    assert.equal(api.answer().text, result.text);
    assert.equal(api.answer().summary?.model, result.model);
  });

  test('a model that is not configured ends in the panel\'s error state without calling a provider', async () => {
    const api = await extensionApi();
    await editorWith(SOURCE, 'height');
    setup.fake.reset();
    const result = await vscode.commands.executeCommand<ExecuteResult | undefined>(
      'llmRouter.askWithModel', { question: QUESTION, model: `${PROVIDER_ID}/no-such-model` });
    assert.equal(result, undefined);
    assert.equal(api.answer().state, 'error');
    assert.match(api.answer().error ?? '', /no-such-model/);
    assert.deepEqual(setup.fake.requests.filter((r) => r.model !== MODEL_LIST), []);
  });
});
