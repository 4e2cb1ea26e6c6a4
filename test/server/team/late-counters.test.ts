import assert from 'node:assert/strict';
import { localDay, localMonth } from '../../../server/src/ledger/localTime';
import { countersOf } from '../../../server/src/team/late-counters';

describe('countersOf: the shared counters requests written late to the ledger bear on', () => {
  it('names each request\'s workspace, developer and team on its local day and month, once each', () => {
    const at = new Date(2026, 11, 8, 10).getTime();
    const yesterday = new Date(2026, 11, 7, 23).getTime();
    const counters = countersOf([
      { workspaceId: 'ws', developer: 'ana', team: 'core', at },
      { workspaceId: 'ws', developer: 'ana', team: 'core', at: at + 60_000 },
      { workspaceId: 'gateway', at: yesterday },
    ]);
    const period = (t: number) => ({ day: localDay(new Date(t)), month: localMonth(new Date(t)) });
    assert.deepEqual(counters, [
      { scope: 'workspace:ws', ...period(at) },
      { scope: 'developer:ana', ...period(at) },
      { scope: 'team:core', ...period(at) },
      { scope: 'workspace:gateway', ...period(yesterday) },
    ]);
  });
});
