import assert from 'node:assert/strict';
import { evaluate, fitLine, median } from '../../../../server/src/catalog/build/statistics';

describe('statistics', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('refuses the median of nothing rather than returning a made-up value', () => {
    assert.throws(() => median([]), /no values/);
  });

  it('recovers the line through exact points with correlation 1', () => {
    const fit = fitLine([
      [0, 1],
      [1, 3],
      [2, 5],
    ]);
    assert.equal(fit.intercept, 1);
    assert.equal(fit.slope, 2);
    assert.equal(fit.correlation, 1);
    assert.equal(fit.samples, 3);
    assert.equal(evaluate(fit, 10), 21);
  });

  it('reports a negative correlation for a falling line', () => {
    const fit = fitLine([
      [0, 2],
      [1, 1.1],
      [2, 0],
    ]);
    assert.ok(fit.slope < 0 && fit.correlation < -0.99);
  });

  it('refuses to fit points that share one x value', () => {
    assert.throws(() => fitLine([[1, 1], [1, 2]]), /one x value/);
  });
});
