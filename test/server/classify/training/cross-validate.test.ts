import assert from 'node:assert/strict';
import { KINDS } from '../../../../shared/protocol';
import { stratifiedFolds } from '../../../../server/src/classify/training/cross-validate';
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
