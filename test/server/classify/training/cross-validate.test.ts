import assert from 'node:assert/strict';
import { KINDS } from '../../../../shared/protocol';
import { crossValidate, crossValidateAll, crossValidateByGroup, stratifiedFolds } from '../../../../server/src/classify/training/cross-validate';
import { recallByLocation } from '../../../../server/src/classify/training/location-recall';
import type { IntentRow } from '../../../../server/src/classify/training/dataset';

const rows: IntentRow[] = KINDS.flatMap((kind) =>
  Array.from({ length: 10 }, (_, i): IntentRow => ({ request: `${kind} request ${i}`, location: 'panel', kind, intent: kind })),
);

describe('stratifiedFolds', () => {
  it('splits every row into exactly one fold', () => {
    const folds = stratifiedFolds(rows, 5, 1);
    const all = folds.flat().map((row) => row.request).sort();
    assert.deepEqual(all, rows.map((row) => row.request).sort());
  });

  it('puts every kind into every fold in proportion', () => {
    for (const fold of stratifiedFolds(rows, 5, 1)) {
      for (const kind of KINDS) assert.equal(fold.filter((row) => row.kind === kind).length, 2);
    }
  });

  it('shuffles by seed: same seed same folds, another seed other folds', () => {
    const order = (seed: number): string[] => stratifiedFolds(rows, 5, seed).flat().map((row) => row.request);
    assert.deepEqual(order(7), order(7));
    assert.notDeepEqual(order(7), order(8));
  });
});

describe('crossValidate', () => {
  const hyper = { l2: 0.01, minRows: 1, balance: 1, target: 'kind', mirrorToPanel: false, authoredWeight: 1 } as const;
  const authored: IntentRow[] = [{ request: 'authored only', location: 'panel', kind: 'ask', intent: 'ask' }];

  it('scores every upstream row once per shuffle and never an authored row', () => {
    const outcomes = crossValidate(rows, hyper, 5, 1, authored);
    assert.equal(outcomes.length, rows.length);
  });

  it('trains each fold with the authored rows: they can change what it predicts for upstream rows', () => {
    // Upstream says "mystery" is explain; many authored rows say it is ask. Only if
    // every fold learns from them do the held-out "mystery" rows come out as ask.
    const mystery = Array.from({ length: 10 }, (_, i): IntentRow => ({ request: `mystery ${i}`, location: 'panel', kind: 'explain', intent: 'explain' }));
    const overruling = Array.from({ length: 100 }, (_, i): IntentRow => ({ request: `mystery ${i + 100}`, location: 'panel', kind: 'ask', intent: 'ask' }));
    const predictedForMystery = (extra: IntentRow[]): string[] =>
      crossValidate([...rows, ...mystery], { ...hyper, balance: 0 }, 5, 1, extra)
        .filter((outcome) => outcome.expected === 'explain')
        .map((outcome) => outcome.predicted);
    assert.ok(!predictedForMystery([]).includes('ask'));
    const flipped = predictedForMystery(overruling).filter((kind) => kind === 'ask').length;
    assert.ok(flipped >= 8, `${flipped} of 10 flipped`);
  });
});

describe('crossValidateAll', () => {
  const hyper = { l2: 0.01, minRows: 1, balance: 1, target: 'kind', mirrorToPanel: false, authoredWeight: 1 } as const;
  const authored: IntentRow[] = KINDS.flatMap((kind) =>
    Array.from({ length: 5 }, (_, i): IntentRow => ({ request: `${kind} written ${i}`, location: 'inline', kind, intent: kind })),
  );

  it('scores every upstream and every authored row exactly once, with its location', () => {
    const outcomes = crossValidateAll(rows, authored, hyper, 5, 1);
    assert.equal(outcomes.length, rows.length + authored.length);
    assert.deepEqual(outcomes.map((o) => o.request).sort(), [...rows, ...authored].map((row) => row.request).sort());
    assert.equal(outcomes.filter((o) => o.location === 'inline').length, authored.length);
  });
});

describe('crossValidateByGroup', () => {
  const hyper = { l2: 0.01, minRows: 1, balance: 1, target: 'kind', mirrorToPanel: false, authoredWeight: 1 } as const;

  it('scores every row of every group once, with its group', () => {
    const groups = new Map([['a', rows.slice(0, 25)], ['b', rows.slice(25)]]);
    const outcomes = crossValidateByGroup(groups, hyper);
    assert.equal(outcomes.length, rows.length);
    assert.deepEqual(outcomes.filter((o) => o.group === 'a').map((o) => o.request), rows.slice(0, 25).map((row) => row.request));
  });

  it('never lets a group learn from its own rows: a word only one group uses teaches nothing when that group is held out', () => {
    // Group "own" alone says "quux" means summarize; the others never use the word.
    const own = Array.from({ length: 10 }, (_, i): IntentRow => ({ request: `quux ${i}`, location: 'panel', kind: 'summarize', intent: 'summarize' }));
    const outcomes = crossValidateByGroup(new Map([['others', rows], ['own', own]]), hyper);
    const ownRight = outcomes.filter((o) => o.group === 'own' && o.predicted === 'summarize').length;
    const random = crossValidateAll(rows, own, hyper, 5, 1).filter((o) => o.request.startsWith('quux') && o.predicted === 'summarize').length;
    assert.ok(random > ownRight, `random folds ${random} right, held-out group ${ownRight} right`);
  });
});

describe('recallByLocation', () => {
  it('splits accuracy and per-kind recall by with and without a selection', () => {
    const report = recallByLocation([
      { expected: 'explain', predicted: 'explain', location: 'inline', request: 'a' },
      { expected: 'explain', predicted: 'ask', location: 'panel', request: 'b' },
      { expected: 'ask', predicted: 'ask', location: 'panel', request: 'c' },
    ]);
    const [all, inline, panel] = report;
    assert.deepEqual([all.location, inline.location, panel.location], ['all', 'inline', 'panel']);
    assert.equal(all.recall.explain, 0.5);
    assert.equal(inline.recall.explain, 1);
    assert.equal(inline.recall.ask, undefined, 'no ask row over a selection: no recall to report');
    assert.equal(panel.recall.explain, 0);
    assert.equal(panel.accuracy, 0.5);
  });
});
