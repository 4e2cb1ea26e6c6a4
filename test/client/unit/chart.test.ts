import * as assert from 'node:assert/strict';
import { axisLabels, barChart, continuousDays } from '../../../client/webview/chart';
import { chartCaption } from '../../../client/webview/chartCaption';
import { formatUsd } from '../../../client/src/format/money';

describe('continuousDays', () => {
  it('fills the days without requests between the first and last reported day', () => {
    const days = continuousDays([
      { day: '2025-03-01', costUsd: 1, requests: 1 },
      { day: '2025-03-04', costUsd: 2, requests: 3 },
    ]);
    assert.deepEqual(days.map((d) => [d.day, d.costUsd]), [
      ['2025-03-01', 1], ['2025-03-02', 0], ['2025-03-03', 0], ['2025-03-04', 2],
    ]);
  });

  it('crosses month ends and leap days', () => {
    const days = continuousDays([{ day: '2024-02-28', costUsd: 1, requests: 1 }, { day: '2024-03-01', costUsd: 1, requests: 1 }]);
    assert.deepEqual(days.map((d) => d.day), ['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});

describe('barChart', () => {
  const size = { width: 300, height: 100, gap: 2 };

  it('scales the most expensive day to the full height and the others in proportion', () => {
    const { bars, maxUsd } = barChart([
      { day: '2025-03-01', costUsd: 2, requests: 1 },
      { day: '2025-03-02', costUsd: 1, requests: 1 },
      { day: '2025-03-03', costUsd: 0, requests: 0 },
    ], size);
    assert.equal(maxUsd, 2);
    assert.deepEqual(bars.map((b) => b.height), [100, 50, 0]);
    assert.deepEqual(bars.map((b) => b.y), [0, 50, 100]);
  });

  it('gives a tiny but real spend a visible bar', () => {
    const { bars } = barChart([
      { day: '2025-03-01', costUsd: 10, requests: 1 },
      { day: '2025-03-02', costUsd: 0.0001, requests: 1 },
    ], size);
    assert.equal(bars[1]?.height, 1);
  });

  it('places the bars side by side within the width', () => {
    const { bars } = barChart([{ day: '2025-03-01', costUsd: 1, requests: 1 }, { day: '2025-03-02', costUsd: 1, requests: 1 }], size);
    assert.deepEqual(bars.map((b) => [b.x, b.width]), [[1, 148], [151, 148]]);
  });

  it('draws nothing for no data', () => {
    assert.deepEqual(barChart([], size), { bars: [], maxUsd: 0 });
  });
});

describe('axisLabels', () => {
  const usd = (n: number) => `$${n.toFixed(2)}`;

  it('labels dollars from the highest day down to $0 and the first, middle and last date', () => {
    const labels = axisLabels([
      { day: '2025-03-01', costUsd: 2, requests: 1 },
      { day: '2025-03-05', costUsd: 1, requests: 1 },
    ], usd);
    assert.deepEqual(labels, { y: ['$2.00', '$1.00', '$0.00'], x: ['2025-03-01', '2025-03-03', '2025-03-05'] });
  });

  it('labels a single day once', () => {
    assert.deepEqual(axisLabels([{ day: '2025-03-01', costUsd: 0.5, requests: 2 }], usd).x, ['2025-03-01']);
  });

  it('has no labels without data', () => {
    assert.deepEqual(axisLabels([], usd), { y: [], x: [] });
  });

  it('labels only $0 when nothing was spent, not "$0.00" three times', () => {
    const labels = axisLabels([{ day: '2025-03-01', costUsd: 0, requests: 0 }, { day: '2025-03-02', costUsd: 0, requests: 0 }], usd);
    assert.deepEqual(labels.y, ['', '', '$0.00']);
  });

  it('shows the highest day once when half of it reads the same', () => {
    const labels = axisLabels([{ day: '2025-03-01', costUsd: 0.00003, requests: 1 }], formatUsd);
    assert.deepEqual(labels.y, ['<$0.0001', '', '$0.00']);
  });
});

describe('chartCaption', () => {
  it('says nothing was spent, without a hint to hover bars that are not there', () => {
    assert.equal(chartCaption([{ day: '2025-03-01', costUsd: 0, requests: 0 }, { day: '2025-03-30', costUsd: 0, requests: 0 }]),
      'Nothing spent from 2025-03-01 to 2025-03-30.');
  });

  it('names the range and the highest day, and how to read a bar, when something was spent', () => {
    assert.equal(chartCaption([{ day: '2025-03-01', costUsd: 0.42, requests: 3 }, { day: '2025-03-02', costUsd: 0, requests: 0 }]),
      'From 2025-03-01 to 2025-03-02; the highest day cost $0.42. Hover a bar for its day.');
  });
});
