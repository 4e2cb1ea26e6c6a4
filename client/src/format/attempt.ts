// What a failed attempt cost, for every place that lists attempts (answer view, dashboard,
// export, error messages): a stream that broke off after some text (the server estimated
// the bill), or an unusable reply whose usage the provider reported (Attempt.billed).
import type { Attempt } from '../../../shared/protocol';
import { formatCost } from './money';

/**
 * `` for an attempt that cost nothing, else ` (streamed 40 tokens first: ≈$0.0001 (estimated))`
 * or, with the provider's own counts, ` (billed for 256 tokens of output: $0.0005)`.
 */
export function billedNote(attempt: Attempt): string {
  const bill = attempt.billed;
  if (!bill) return '';
  const cost = formatCost(bill.costUsd ?? 0, { estimated: !bill.reported, priceUnknown: bill.costUsd === undefined });
  const tokens = `${bill.outputTokens} ${bill.outputTokens === 1 ? 'token' : 'tokens'}`;
  return bill.reported ? ` (billed for ${tokens} of output: ${cost})` : ` (streamed ${tokens} first: ${cost})`;
}
