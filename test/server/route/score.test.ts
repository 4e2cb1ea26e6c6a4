import assert from 'node:assert/strict';
import { rankScores } from '../../../server/src/route/score';

const costOnly = { cost: 1, latency: 0, quality: 0 };
const latencyOnly = { cost: 0, latency: 1, quality: 0 };

describe('rankScores', () => {
  it('places costs on a log scale between the cheapest (0) and the dearest (1) candidate', () => {
    const items = [1e-4, 1e-3, 1e-2].map((estimatedCostUsd) => ({ estimatedCostUsd, latencyMs: 500, quality: 0.5 }));
    const scores = rankScores(items, costOnly);
    assert.deepEqual(items.map((i) => Number(scores.get(i)!.toFixed(9))), [0, 0.5, 1]);
  });

  it('ranks a candidate without a known price as the dearest, never as free', () => {
    const known = { estimatedCostUsd: 0.01, latencyMs: 500, quality: 0.5 };
    const unknown = { estimatedCostUsd: undefined, latencyMs: 500, quality: 0.5 };
    const scores = rankScores([known, unknown], costOnly);
    assert.equal(scores.get(known), 0);
    assert.equal(scores.get(unknown), 1);
  });

  it('gives every candidate 0 on an axis where they are all alike, and a free model a finite score', () => {
    const free = { estimatedCostUsd: 0, latencyMs: 800, quality: 0.4 };
    const paid = { estimatedCostUsd: 0.002, latencyMs: 800, quality: 0.9 };
    const byLatency = rankScores([free, paid], latencyOnly);
    assert.equal(byLatency.get(free), 0);
    assert.equal(byLatency.get(paid), 0);
    const byCost = rankScores([free, paid], costOnly);
    assert.equal(byCost.get(free), 0);
    assert.equal(byCost.get(paid), 1);
    const weighted = rankScores([free, paid], { cost: 1, latency: 1, quality: 1 });
    assert.ok(Number.isFinite(weighted.get(free)!));
    assert.equal(Number(weighted.get(paid)!.toFixed(9)), 1.1);
  });
});
