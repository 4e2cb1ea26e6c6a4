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

  it('averages the linear and the network probabilities by the linear share', () => {
    // The network part alone would say "unknown" for w:test with certainty near 1.
    const network = { linearShare: 0.25, features: ['w:test'], input: [[1]], hiddenBias: [0], output: [[0, 0, 40]], outputBias: [0, 0, 0] };
    const model = loadKindModel({ ...tiny, network });
    const perClass = classProbabilities(model, new Map([['w:test', 1]]));
    const linear = classProbabilities(loadKindModel(tiny), new Map([['w:test', 1]]));
    assert.ok(Math.abs(perClass[0] - 0.25 * linear[0]) < 1e-9);
    assert.ok(Math.abs(perClass[2] - (0.25 * linear[2] + 0.75)) < 1e-9);
    assert.ok(Math.abs(perClass.reduce((sum, p) => sum + p, 0) - 1) < 1e-12);
  });

  it('reads weights stored as whole numbers by dividing them by the weight scale, the network\'s too', () => {
    const network = { linearShare: 0.5, features: ['w:test'], input: [[150]], hiddenBias: [0], output: [[0, 0, 200]], outputBias: [0, 0, 0] };
    const scaled = loadKindModel({ ...tiny, weights: [[200, 0, 0]], weightScale: 100, network });
    const plain = loadKindModel({ ...tiny, network: { ...network, input: [[1.5]], output: [[0, 0, 2]] } });
    const features = new Map([['w:test', 1]]);
    assert.deepEqual(scaled.linear.weights.get('w:test'), [2, 0, 0]);
    assert.deepEqual(classProbabilities(scaled, features), classProbabilities(plain, features));
  });

  it('rejects a network whose arrays do not match', () => {
    const network = { linearShare: 0.5, features: ['w:test'], input: [[1]], hiddenBias: [0], output: [[0, 0, 1]], outputBias: [0, 0, 0] };
    assert.throws(() => loadKindModel({ ...tiny, network: { ...network, input: [] } }), /network features and input/);
    assert.throws(() => loadKindModel({ ...tiny, network: { ...network, outputBias: [0] } }), /network and linear classes/);
  });

  it('rejects a model with an unknown kind or mismatched arrays', () => {
    assert.throws(() => loadKindModel({ ...tiny, classKinds: ['completion', 'completion', 'chat'] }), /unknown kind chat/);
    assert.throws(() => loadKindModel({ ...tiny, weights: [] }), /features and weights/);
    assert.throws(() => loadKindModel({ ...tiny, classKinds: ['ask'] }), /classes and classKinds/);
  });

  // The model is bundled into dist/server.js (2.8 MB; the tokenizer's encoding is
  // in a file of its own); 600 KB keeps it a small part of that. It grows with the
  // training rows (a feature is kept once two rows have it): 452 KB on 2,733 rows,
  // 512 KB on 3,245 (round 11), 542 KB on 3,475 (round 13).
  it('ships a model.json that loads, was trained on train.jsonl (never eval.jsonl) and stays under 600 KB', () => {
    const model = loadKindModel(savedModel as SavedKindModel);
    assert.ok(model.linear.weights.size > 100);
    assert.match(savedModel.about.trainedOn, /^data\/copilot-chat-intents\/train\.jsonl( \+ data\/authored-requests\/\*\.jsonl)?$/);
    assert.doesNotMatch(savedModel.about.trainedOn, /eval/);
    assert.ok(JSON.stringify(savedModel).length < 600 * 1024);
  });
});
