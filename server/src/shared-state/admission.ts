// The budget admission rule both implementations apply (see BudgetCounters in types.ts):
// a paid request is refused once spend plus what is reserved in flight reaches a limit.
import type { SpendSoFar } from '../budget/budget';

// As in budget/budget.ts: sums of float costs land a hair off the limit.
const FLOAT_SLACK_USD = 1e-9;

export interface LimitsOf {
  dailyUsd?: number;
  monthlyUsd?: number;
}

/** Whether `spend` (reservations included) leaves no room under a limit. */
export function noRoom(limits: LimitsOf, spend: SpendSoFar): boolean {
  return (
    (limits.dailyUsd !== undefined && spend.todayUsd >= limits.dailyUsd - FLOAT_SLACK_USD) ||
    (limits.monthlyUsd !== undefined && spend.monthUsd >= limits.monthlyUsd - FLOAT_SLACK_USD)
  );
}
