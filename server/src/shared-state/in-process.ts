// The default: every piece of state lives in this process, as for one laptop or the stdio server.
import { LocalBudget } from './local-budget';
import { LocalRates } from './local-rates';
import { localResilience } from './local-resilience';
import type { LocalResilience, ResilienceState, SharedState } from './types';

export class InProcessState implements SharedState {
  readonly description = 'in-process';
  readonly budget = new LocalBudget();
  readonly rates = new LocalRates();
  readonly cache = undefined;

  resilience(local: LocalResilience): ResilienceState {
    return localResilience(local);
  }

  async close(): Promise<void> {}
}
