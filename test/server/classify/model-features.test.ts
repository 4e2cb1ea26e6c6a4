import assert from 'node:assert/strict';
import { classProbabilities, kindProbabilities, loadKindModel, type SavedKindModel } from '../../../server/src/classify/model-format';
import { modelFeatures } from '../../../server/src/classify/model-features';
import { withUnknownVerbsAsAnchors } from '../../../server/src/classify/wordnet-relatives';
import { readAuthoredRows, readRows } from '../../../server/src/classify/training/dataset';
import { fitKindModel, type Hyperparameters } from '../../../server/src/classify/training/fit';
import { codeDocument } from './helpers';

const selected = codeDocument(5, [0, 5]);

describe('reading a verb the model never learned as its WordNet anchor verb', () => {
  it('rewrites an unknown relative of one intent verb as that verb and leaves known words alone', () => {
    const knows = (word: string): boolean => ['explain', 'this', 'mend'].includes(word);
    assert.equal(withUnknownVerbsAsAnchors('Explicate this', knows), 'explain this');
    assert.equal(withUnknownVerbsAsAnchors('recapitulating this', knows), 'summarize this');
    // "mend" is known to this model: its learned meaning stands.
    assert.equal(withUnknownVerbsAsAnchors('mend this', knows), 'mend this');
    assert.equal(withUnknownVerbsAsAnchors('zork this', knows), 'zork this');
  });

  it('is used only by a model fitted to use it', () => {
    const saved = (about: SavedKindModel['about']): SavedKindModel => ({
      classes: ['explain', 'unknown'], classKinds: ['explain', 'ask'], bias: [0, 0], features: ['w:explain'], weights: [[2, 0]], about,
    });
    const input = { prompt: 'explicate' };
    assert.ok(modelFeatures(loadKindModel(saved({ unknownVerbsAsAnchors: true })), input).has('w:explain'));
    assert.ok(!modelFeatures(loadKindModel(saved({})), input).has('w:explain'));
  });

  it('moves a request with a relative of "explain" that no training row holds towards explain', function () {
    this.timeout(60_000);
    const rows = readRows('train.jsonl');
    const authored = readAuthoredRows();
    const word = 'deconstruct';
    assert.ok(![...rows, ...authored].some((row) => row.request.toLowerCase().includes(word)), `precondition: no training row says ${word}`);
    const hyper: Hyperparameters = { l2: 0.0005, minRows: 2, balance: 1, target: 'intent', mirrorToPanel: true, authoredWeight: 1 };
    const explainOf = (unknownVerbsAsAnchors: boolean): number => {
      const model = loadKindModel(fitKindModel(rows, { ...hyper, unknownVerbsAsAnchors }, authored));
      return kindProbabilities(model, classProbabilities(model, modelFeatures(model, { prompt: `${word} this`, document: selected }))).explain;
    };
    const [without, withAnchors] = [explainOf(false), explainOf(true)];
    assert.ok(withAnchors > without + 0.2, `explain ${withAnchors.toFixed(2)} with anchors vs ${without.toFixed(2)} without`);
  });
});
