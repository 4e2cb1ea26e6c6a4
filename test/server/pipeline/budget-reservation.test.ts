// The refusal when a request's reservation finds no room: its words must tell the money spent
// from the maximum cost other requests in flight hold, as the refusal before it does.
import assert from 'node:assert/strict';
import { reserveBudget } from '../../../server/src/pipeline/budget-reservation';
import { RouterError } from '../../../server/src/pipeline/errors';
import { LocalBudget } from '../../../server/src/shared-state/local-budget';
import type { ScopeLimit } from '../../../server/src/shared-state/types';
import { parseSettings } from '../../../shared/settings';

describe('reserveBudget', () => {
  const now = new Date(2026, 11, 7, 12);
  const parsed = parseSettings({ budget: { dailyUsd: 1, onExceed: 'block' } });
  if (!parsed.ok) throw new Error('settings');
  const settings = parsed.settings;

  it('refuses with the spend and the reservations in flight said apart, naming the workspace budget', async () => {
    const budget = new LocalBudget();
    const workspace: ScopeLimit = { scope: 'workspace:ws', dailyUsd: 1, seed: () => ({ todayUsd: 0.9, monthUsd: 0.9 }) };
    await reserveBudget(budget, [workspace], settings, 0.1, now); // in flight: fills the limit with $0.90 spent
    await assert.rejects(reserveBudget(budget, [workspace], settings, 0.1, now), (e: unknown) => {
      assert.ok(e instanceof RouterError);
      assert.equal(e.message, 'Budget exceeded: Daily budget: $0.90 spent + $0.10 in flight of $1.00 (100%). Raise llmRouter.budget or wait.');
      return true;
    });
  });

  it('names a team gateway developer\'s budget in words', async () => {
    const budget = new LocalBudget();
    const developer: ScopeLimit = { scope: 'developer:ana', dailyUsd: 2, seed: () => ({ todayUsd: 1.5, monthUsd: 1.5 }) };
    await reserveBudget(budget, [developer], settings, 0.5, now);
    await assert.rejects(reserveBudget(budget, [developer], settings, 0.5, now), /^RouterError: Budget exceeded: Developer ana daily budget: \$1\.50 spent \+ \$0\.50 in flight of \$2\.00 \(100%\)/);
  });
});
