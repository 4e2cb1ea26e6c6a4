import assert from 'node:assert/strict';
import { fitRidge, predictRows, selectRows, toSparseMatrix } from '../../../../server/src/classify/training/ridge';

// 200 rows over 5 columns: the target is 2 * column 0 - 1 * column 3 + 0.5, the other
// columns are noise the fit must learn to ignore.
function plantedData() {
  const rows = Array.from({ length: 200 }, (_, r) => {
    const ids = [0, 1, 2, 3, 4].filter((c) => (r * (c + 3) + c * 7) % (c + 2) === 0);
    return { ids, values: ids.map(() => 1) };
  });
  const y = rows.map((row) => 0.5 + (row.ids.includes(0) ? 2 : 0) - (row.ids.includes(3) ? 1 : 0));
  return { x: toSparseMatrix(rows, 5), y };
}

describe('fitRidge (sparse ridge regression by conjugate gradient)', () => {
  it('recovers the planted weights and the unpenalised intercept when the penalty is small', () => {
    const { x, y } = plantedData();
    const fit = fitRidge(x, y, { l2: 1e-6 });
    assert.ok(Math.abs(fit.weights[0] - 2) < 1e-3, String(fit.weights[0]));
    assert.ok(Math.abs(fit.weights[3] + 1) < 1e-3, String(fit.weights[3]));
    for (const noise of [1, 2, 4]) assert.ok(Math.abs(fit.weights[noise]) < 1e-3, `column ${noise}: ${fit.weights[noise]}`);
    assert.ok(Math.abs(fit.bias - 0.5) < 1e-3, String(fit.bias));
  });

  it('shrinks the weights towards zero as the penalty grows', () => {
    const { x, y } = plantedData();
    const weight = (l2: number) => fitRidge(x, y, { l2 }).weights[0];
    assert.ok(weight(100) < weight(1) && weight(1) < weight(0.01));
    assert.ok(weight(100) > 0);
  });

  it('lets a row weight of 0 remove a row from the fit', () => {
    const { x, y } = plantedData();
    const corrupted = [...y];
    corrupted[0] += 100;
    const rowWeights = new Float64Array(y.length).fill(1);
    rowWeights[0] = 0;
    const ignored = fitRidge(x, corrupted, { l2: 0.1, rowWeights });
    const without = fitRidge(selectRows(x, y.map((_, i) => i).slice(1)), y.slice(1), { l2: 0.1 });
    assert.ok(Math.abs(without.weights[0] - ignored.weights[0]) < 1e-4);
    assert.ok(Math.abs(without.bias - ignored.bias) < 1e-4);
  });

  it('predicts with the fitted weights and is deterministic', () => {
    const { x, y } = plantedData();
    const a = fitRidge(x, y, { l2: 0.01 });
    const b = fitRidge(x, y, { l2: 0.01 });
    assert.deepEqual(Array.from(a.weights), Array.from(b.weights));
    const predicted = predictRows(x, a);
    const error = predicted.reduce((s, p, i) => s + (p - y[i]) ** 2, 0) / y.length;
    assert.ok(error < 1e-3, String(error));
  });
});
