// Money as the status bar and the dashboard show it. Pure (no vscode import) so the
// unit tests and the end-to-end tests can format a ledger amount the same way.

/**
 * `$` + the amount with 2 decimals, or 4 decimals when it is above zero but below one
 * cent, so that one cheap request still visibly moves the number. The digits are exactly
 * JavaScript's `Number.prototype.toFixed` of the amount (no thousands separators), except
 * that an amount above zero too small for four decimals reads `<$0.0001`: at real prices a
 * short request costs a few thousandths of a cent, and `$0.0000` would pass it off as free.
 */
export function formatUsd(amountUsd: number): string {
  if (!Number.isFinite(amountUsd)) return '$?';
  const decimals = amountUsd > 0 && amountUsd < 0.01 ? 4 : 2;
  const text = `$${amountUsd.toFixed(decimals)}`;
  return amountUsd > 0 && text === '$0.0000' ? `<${TINY_USD}` : text;
}

/** The smallest amount formatUsd shows in digits. */
const TINY_USD = '$0.0001';

/** How sure a cost is; both flags absent means the provider reported the tokens and the price is known. */
export interface CostBasis {
  estimated?: boolean;
  priceUnknown?: boolean;
}

/**
 * One request's cost, never passing an unknown price off as $0 or an estimate as a bill:
 * `$0.0012`, `≈$0.0012 (estimated)`, `unknown (no price set)`.
 */
export function formatCost(amountUsd: number, basis: CostBasis = {}): string {
  if (basis.priceUnknown) return 'unknown (no price set)';
  return basis.estimated ? `≈${formatUsd(amountUsd)} (estimated)` : formatUsd(amountUsd);
}

/** The status bar text: `$0.42 today`, `$0.0012 today`. */
export function formatSpendToday(todayUsd: number): string {
  return `${formatUsd(todayUsd)} today`;
}

/** Reads back an amount printed by formatUsd, for tests that compare it with the ledger (`<$0.0001` reads as its bound). */
export function parseUsd(text: string): number | undefined {
  const match = /\$(\d+(?:\.\d+)?)/.exec(text);
  return match ? Number(match[1]) : undefined;
}
