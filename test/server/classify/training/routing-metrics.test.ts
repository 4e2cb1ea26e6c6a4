import assert from 'node:assert/strict';
import fc from 'fast-check';
import { routingCurve, routingReport, type ScoredOutcome } from '../../../../server/src/classify/training/routing-metrics';

// Four prompts: two only the strong model gets right, two both get right.
const needsStrong = (score: number): ScoredOutcome => ({ score, weak: 0, strong: 1 });
const easy = (score: number): ScoredOutcome => ({ score, weak: 1, strong: 1 });
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('routingReport (RouteLLM protocol)', () => {
  it('rewards a score that sends the prompts needing the strong model first', () => {
    const report = routingReport([needsStrong(0.9), needsStrong(0.8), easy(0.2), easy(0.1)]);
    // Quality by share p of strong calls: 0 -> 0.5, 0.25 -> 0.75, 0.5 -> 1, then flat at 1.
    // Trapezoid area 0.875; APGR = (0.875 - 0.5) / (1 - 0.5).
    assert.ok(close(report.apgr, 0.75), String(report.apgr));
    assert.ok(close(report.cpt50, 0.25));
    assert.ok(close(report.cpt80, 0.4));
  });

  it('gives the reverse order an APGR below 0.5 and a score with one value (a coin) exactly 0.5', () => {
    assert.ok(routingReport([needsStrong(0.1), needsStrong(0.2), easy(0.8), easy(0.9)]).apgr < 0.5);
    const tied = routingReport([needsStrong(1), needsStrong(1), easy(1), easy(1)]);
    assert.ok(close(tied.apgr, 0.5));
    assert.ok(close(tied.cpt50, 0.5));
    assert.ok(close(tied.cpt80, 0.8));
  });

  it('never cuts inside a tie: the curve only has points between different scores', () => {
    const curve = routingCurve([needsStrong(0.5), easy(0.5), needsStrong(0.9)]);
    assert.deepEqual(curve.map((point) => point.p), [0, 1 / 3, 1]);
  });

  it('starts at always-weak and ends at always-strong quality, whatever the scores', () => {
    const row = fc.record({ score: fc.integer({ min: 0, max: 5 }), weak: fc.integer({ min: 0, max: 1 }), strong: fc.integer({ min: 0, max: 1 }) });
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), (rows) => {
      const curve = routingCurve(rows);
      assert.ok(close(curve[0].quality, rows.reduce((s, r) => s + r.weak, 0) / rows.length));
      assert.ok(close(curve.at(-1)!.quality, rows.reduce((s, r) => s + r.strong, 0) / rows.length));
      assert.equal(curve.at(-1)!.p, 1);
    }));
  });

  it('handles judge scores (MT-Bench) as well as 0/1 correctness: only the gap between the models matters', () => {
    // Quality gained by going strong: 4, 2, 0 points. Best order: p = 1/3 recovers 4 of 6.
    const rows: ScoredOutcome[] = [
      { score: 3, weak: 4, strong: 8 },
      { score: 2, weak: 6, strong: 8 },
      { score: 1, weak: 9, strong: 9 },
    ];
    const report = routingReport(rows);
    // Curve (p, mean quality): (0, 19/3), (1/3, 23/3), (2/3, 25/3), (1, 25/3); gap 2.
    // Area = (1/3)(21/3) + (1/3)(24/3) + (1/3)(25/3) = 70/9; APGR = (70/9 - 19/3) / 2 = 13/18.
    assert.ok(close(report.apgr, 13 / 18), String(report.apgr));
    assert.ok(close(report.cpt50, 0.25), String(report.cpt50)); // PGR 2/3 at p = 1/3, linear from 0
    assert.ok(close(report.cpt80, 1 / 3 + (0.8 - 2 / 3) / (1 / 3) / 3), String(report.cpt80));
  });
});
