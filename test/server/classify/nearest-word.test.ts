import assert from 'node:assert/strict';
import { withUnknownWordsAsNearest } from '../../../server/src/classify/nearest-word';
import { modelFeatures } from '../../../server/src/classify/model-features';
import { classProbabilities, kindProbabilities, loadKindModel } from '../../../server/src/classify/model-format';
import type { IntentRow } from '../../../server/src/classify/training/dataset';
import { readAuthoredRows, readRows, toInput } from '../../../server/src/classify/training/dataset';
import { fitKindModel, type Hyperparameters } from '../../../server/src/classify/training/fit';
import { promptWords } from '../../../server/src/classify/features';

// "elucidate": in no training file; its nearest frequent words in the vectors are
// formulate, characterize, analyze and clarify (cosines 0.53 to 0.48).
const knows = (learned: string[]) => (word: string): boolean => learned.includes(word);

describe('a word the model never learned read as its nearest learned word', () => {
  it('replaces an unlearned word by the nearest word the model learned, close enough', () => {
    assert.equal(withUnknownWordsAsNearest('Elucidate this code', knows(['clarify', 'this', 'code']), 0.45), 'clarify this code');
  });

  it('keeps a word the model learned, and a word whose learned neighbours are not close enough', () => {
    assert.equal(withUnknownWordsAsNearest('elucidate this', knows(['elucidate', 'clarify']), 0.45), 'elucidate this');
    assert.equal(withUnknownWordsAsNearest('elucidate this', knows(['clarify']), 0.6), 'elucidate this');
  });

  it('keeps words the vectors do not hold (typos, identifiers) and articles and prepositions', () => {
    assert.equal(withUnknownWordsAsNearest('expain getUserById in the loop', knows(['explain']), 0.1), 'expain getUserById in the loop');
  });

  it('moves a request with a verb absent from every training file towards the intent of its learned neighbour', () => {
    const everyTrainingWord = new Set([...readRows('train.jsonl'), ...readAuthoredRows()].flatMap((row) => promptWords(row.request)));
    assert.ok(!everyTrainingWord.has('elucidate'), 'precondition: "elucidate" is in no training file');
    const rows: IntentRow[] = [
      { request: 'clarify this code', location: 'inline', kind: 'explain', intent: 'explain' },
      { request: 'clarify what this does', location: 'inline', kind: 'explain', intent: 'explain' },
      { request: 'rewrite this code', location: 'inline', kind: 'refactor', intent: 'edit' },
      { request: 'rewrite this loop', location: 'inline', kind: 'refactor', intent: 'edit' },
    ];
    const hyper: Hyperparameters = { l2: 0.003, minRows: 2, balance: 1, target: 'intent', mirrorToPanel: false, authoredWeight: 1, unknownWordsAsNearest: 0.45 };
    const saved = fitKindModel(rows, hyper);
    const reading = loadKindModel(saved);
    const literal = loadKindModel({ ...saved, about: { ...saved.about, unknownWordsAsNearest: false } });
    const input = toInput({ request: 'elucidate this code', location: 'inline', kind: 'explain', intent: 'explain' });
    const explain = (model: typeof reading): number => kindProbabilities(model, classProbabilities(model, modelFeatures(model, input))).explain;

    assert.ok(explain(reading) > 0.5, `read as its neighbour: explain p=${explain(reading)}`);
    assert.ok(explain(reading) > explain(literal) + 0.1, `${explain(reading)} against ${explain(literal)} read literally`);
  });
});
