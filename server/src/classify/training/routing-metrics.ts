// How well a score separates prompts that need the strong model from those the weak one
// handles, by the RouteLLM protocol (arXiv 2406.18665; ../shared/data/README.md): route
// the highest-scored share p of prompts to the strong model, sweep p, and compare the
// quality bought with the share of strong (expensive) calls. Evaluation only.

export interface ScoredOutcome {
  /** Higher means "send to the strong model". */
  score: number;
  /** Quality of each model's answer: 0/1 correctness or a judge's score. */
  weak: number;
  strong: number;
}

export interface CurvePoint {
  /** Share of prompts sent to the strong model. */
  p: number;
  /** Mean quality of the answers, each from the model its prompt was routed to. */
  quality: number;
}

export interface RoutingReport {
  n: number;
  weakQuality: number;
  strongQuality: number;
  /** Area between the curve and always-weak, over always-strong minus always-weak: 0.5 is random. */
  apgr: number;
  /** Smallest share of strong calls that recovers 50% / 80% of the quality gap (1 when never). */
  cpt50: number;
  cpt80: number;
}

/**
 * The routing curve at every cut the score allows: prompts in descending score order, cut
 * only between different scores (a tie cannot be split by the score, so the straight line
 * between two cuts is what routing at random within the tie would give on average).
 */
export function routingCurve(rows: readonly ScoredOutcome[]): CurvePoint[] {
  const n = rows.length;
  if (n === 0) return [];
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  let quality = sorted.reduce((sum, r) => sum + r.weak, 0);
  const points: CurvePoint[] = [{ p: 0, quality: quality / n }];
  for (let k = 0; k < n; k++) {
    quality += sorted[k].strong - sorted[k].weak;
    if (k + 1 < n && sorted[k + 1].score === sorted[k].score) continue;
    points.push({ p: (k + 1) / n, quality: quality / n });
  }
  return points;
}

export function routingReport(rows: readonly ScoredOutcome[]): RoutingReport {
  const curve = routingCurve(rows);
  const weakQuality = curve[0].quality;
  const strongQuality = curve[curve.length - 1].quality;
  const gap = strongQuality - weakQuality;
  let area = 0;
  for (let i = 1; i < curve.length; i++) area += ((curve[i].p - curve[i - 1].p) * (curve[i].quality + curve[i - 1].quality)) / 2;
  const pgr = (q: number) => (q - weakQuality) / gap;
  return {
    n: rows.length,
    weakQuality,
    strongQuality,
    apgr: (area - weakQuality) / gap,
    cpt50: callsToRecover(curve, pgr, 0.5),
    cpt80: callsToRecover(curve, pgr, 0.8),
  };
}

function callsToRecover(curve: CurvePoint[], pgr: (quality: number) => number, target: number): number {
  for (let i = 1; i < curve.length; i++) {
    const [before, after] = [pgr(curve[i - 1].quality), pgr(curve[i].quality)];
    if (after >= target) {
      const t = after === before ? 0 : (target - before) / (after - before);
      return curve[i - 1].p + Math.max(0, t) * (curve[i].p - curve[i - 1].p);
    }
  }
  return 1;
}
