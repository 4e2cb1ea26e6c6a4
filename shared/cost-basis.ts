// Where a request's cost comes from, named the same way in the CSV export and the HTTP
// gateway's headers, so nobody sums an unknown price as $0 or takes an estimate for a bill.

export type CostBasis = 'provider' | 'estimated' | 'unknown-price' | 'cache' | 'none';

export interface CostFacts {
  priceUnknown?: boolean;
  /** The tokens were counted by the router, not reported by the provider. */
  estimated?: boolean;
  cached: boolean;
  /** False for a request that ended without an answer (failed, blocked, cancelled before any text). */
  answered: boolean;
}

export function costBasis(facts: CostFacts): CostBasis {
  if (facts.priceUnknown) return 'unknown-price';
  if (facts.estimated) return 'estimated';
  if (facts.cached) return 'cache';
  return facts.answered ? 'provider' : 'none';
}
