// What a failed attempt cost, for every place that lists attempts (answer view, dashboard,
// export, error messages): a stream that broke off after some text was billed by the
// provider, and the server estimated how much (Attempt.billed).
import type { Attempt } from '../../../shared/protocol';
import { formatCost } from './money';

/** `` for an attempt that cost nothing, else ` (streamed 40 tokens first: ≈$0.0001 (estimated))`. */
export function billedNote(attempt: Attempt): string {
  const bill = attempt.billed;
  if (!bill) return '';
  const cost = formatCost(bill.costUsd ?? 0, { estimated: true, priceUnknown: bill.costUsd === undefined });
  return ` (streamed ${bill.outputTokens} ${bill.outputTokens === 1 ? 'token' : 'tokens'} first: ${cost})`;
}
