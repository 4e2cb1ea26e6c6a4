import assert from 'node:assert/strict';
import type { IntentRow } from '../../../../server/src/classify/training/dataset';
import { fitKindModel, predictorOf, type Hyperparameters } from '../../../../server/src/classify/training/fit';

const rows: IntentRow[] = [
  { request: 'explain this code', location: 'inline', kind: 'explain', intent: 'explain' },
  { request: 'explain what this does', location: 'inline', kind: 'explain', intent: 'explain' },
  { request: 'write tests for this', location: 'inline', kind: 'completion', intent: 'tests' },
  { request: 'write unit tests', location: 'panel', kind: 'completion', intent: 'tests' },
  { request: 'create a react app', location: 'panel', kind: 'completion', intent: 'new' },
  { request: 'create a flask app', location: 'panel', kind: 'completion', intent: 'new' },
  { request: 'how do I open the terminal', location: 'panel', kind: 'ask', intent: 'vscode' },
  { request: 'how do I open settings', location: 'panel', kind: 'ask', intent: 'vscode' },
];
const hyper: Hyperparameters = { l2: 0.003, minRows: 2, balance: 1, target: 'intent', mirrorToPanel: true, authoredWeight: 1 };

describe('fitKindModel', () => {
  it('learns intents as classes and maps each to its kind', () => {
    const model = fitKindModel(rows, hyper);
    assert.deepEqual(model.classes, ['explain', 'new', 'tests', 'vscode']);
    assert.deepEqual(model.classKinds, ['explain', 'completion', 'completion', 'ask']);
  });

  it('predicts the kinds of its own training rows', () => {
    const predict = predictorOf(fitKindModel(rows, hyper));
    for (const row of rows) assert.equal(predict(row), row.kind, row.request);
  });

  it('keeps the selection\'s own features and char n-grams smaller when given their own, larger penalty', () => {
    const size = (model: ReturnType<typeof fitKindModel>, name: string): number => {
      const at = model.features.indexOf(name);
      return at === -1 ? 0 : Math.max(...model.weights[at].map(Math.abs));
    };
    const plain = fitKindModel(rows, { ...hyper, l2: 0.0005 });
    const leashed = fitKindModel(rows, { ...hyper, l2: 0.0005, selectionL2: 100, charL2: 20 });
    assert.ok(size(leashed, 'form:refers@inline') < size(plain, 'form:refers@inline'), 'selection feature');
    assert.ok(size(leashed, 'c:ain') < size(plain, 'c:ain'), 'char n-gram');
    assert.ok(size(plain, 'form:refers@inline') > 0 && size(plain, 'c:ain') > 0, 'precondition: both learned without the extra penalty');
  });

  it('drops features seen in fewer than minRows rows', () => {
    const model = fitKindModel(rows, hyper);
    assert.ok(model.features.includes('w:explain'));
    assert.ok(!model.features.includes('w:flask'), 'seen in one row only');
  });

  it('mirrors imperative inline explain requests to the panel, so "explain" there is not read as a question', () => {
    const mirrored = predictorOf(fitKindModel(rows, hyper));
    const probe: IntentRow = { request: 'explain this code', location: 'panel', kind: 'explain', intent: 'explain' };
    assert.equal(mirrored(probe), 'explain');
    const model = fitKindModel(rows, hyper);
    assert.ok(model.features.includes('lex:explain@panel'));
    assert.ok(!fitKindModel(rows, { ...hyper, mirrorToPanel: false }).features.includes('lex:explain@panel'));
  });

  it('learns from authored rows only when authoredWeight is above 0, and says so in the model', () => {
    const authored: IntentRow[] = [
      { request: 'gerar testes', location: 'panel', kind: 'completion', intent: 'tests' },
      { request: 'gerar testes unitarios', location: 'panel', kind: 'completion', intent: 'tests' },
    ];
    const probe: IntentRow = { request: 'gerar testes', location: 'panel', kind: 'completion', intent: 'tests' };
    const without = fitKindModel(rows, { ...hyper, authoredWeight: 0 }, authored);
    const withAuthored = fitKindModel(rows, hyper, authored);
    assert.ok(!without.features.includes('w:gerar'));
    assert.ok(withAuthored.features.includes('w:gerar'));
    assert.equal(predictorOf(withAuthored)(probe), 'completion');
    assert.equal(without.about.authoredRows, 0);
    assert.equal(withAuthored.about.authoredRows, 2);
    assert.match(String(withAuthored.about.trainedOn), /authored-requests/);
  });

  it('adds a network part over the same classes only when hidden units are asked for, and still predicts its own rows', () => {
    assert.equal(fitKindModel(rows, hyper).network, undefined);
    const model = fitKindModel(rows, { ...hyper, hidden: 4, networkEpochs: 60, networkL2: 0.0001, linearShare: 0.65 });
    assert.ok(model.network);
    assert.equal(model.network.outputBias.length, model.classes.length);
    assert.equal(model.network.hiddenBias.length, 4);
    assert.equal(model.network.linearShare, 0.65);
    assert.ok(model.network.features.includes('w:explain'));
    const predict = predictorOf(model);
    for (const row of rows) assert.equal(predict(row), row.kind, row.request);
  });

  it('produces the same model.json contents from the same rows', () => {
    assert.deepEqual(fitKindModel(rows, hyper), fitKindModel(rows, hyper));
  });
});
