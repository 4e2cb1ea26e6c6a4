import assert from 'node:assert/strict';
import { classProbabilities, kindProbabilities, loadKindModel, type SavedKindModel } from '../../../server/src/classify/model-format';
import savedModel from '../../../server/src/classify/model.json';

const tiny: SavedKindModel = {
  classes: ['tests', 'new', 'unknown'],
  classKinds: ['completion', 'completion', 'ask'],
  bias: [0, 0, 0],
  features: ['w:test'],
  weights: [[2, 0, 0]],
  about: {},
};

describe('model format', () => {
  it('adds up the probabilities of classes that stand for the same kind', () => {
    const model = loadKindModel(tiny);
    const byKind = kindProbabilities(model, classProbabilities(model, new Map([['w:test', 1]])));
    const e2 = Math.exp(2);
    assert.ok(Math.abs(byKind.completion - (e2 + 1) / (e2 + 2)) < 1e-12);
    assert.ok(Math.abs(byKind.ask - 1 / (e2 + 2)) < 1e-12);
    assert.equal(byKind.explain, 0);
  });

  it('rejects a model with an unknown kind or mismatched arrays', () => {
    assert.throws(() => loadKindModel({ ...tiny, classKinds: ['completion', 'completion', 'chat'] }), /unknown kind chat/);
    assert.throws(() => loadKindModel({ ...tiny, weights: [] }), /features and weights/);
    assert.throws(() => loadKindModel({ ...tiny, classKinds: ['ask'] }), /classes and classKinds/);
  });

  it('ships a model.json that loads, was trained on train.jsonl and stays under 300 KB', () => {
    const model = loadKindModel(savedModel as SavedKindModel);
    assert.ok(model.linear.weights.size > 100);
    assert.equal(savedModel.about.trainedOn, 'data/copilot-chat-intents/train.jsonl');
    assert.ok(JSON.stringify(savedModel).length < 300 * 1024);
  });
});
