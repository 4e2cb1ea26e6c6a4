// The shared budget counters that requests written late to PostgreSQL (a journal replayed once
// it answered again) bear on: each request's workspace, developer and team, on its local day and
// month. A counter seeded while those requests were only in a replica's journal lacks them (a
// replica seeds from what it can read: PostgreSQL's last figure plus its own journal), so once
// they are in PostgreSQL the counters are dropped and seed again from it, every replica's
// journal included.
import { workspaceScopeKey } from '../budget/scopes';
import { localDay, localMonth } from '../ledger/localTime';
import type { RequestRecord } from '../ledger/types';
import type { CounterPeriod } from '../shared-state/types';
import { scopeKey } from './developers';

export function countersOf(records: readonly Pick<RequestRecord, 'workspaceId' | 'developer' | 'team' | 'at'>[]): CounterPeriod[] {
  const found = new Map<string, CounterPeriod>();
  for (const record of records) {
    const at = new Date(record.at);
    const scopes = [
      workspaceScopeKey(record.workspaceId),
      ...(record.developer === undefined ? [] : [scopeKey({ developer: record.developer })]),
      ...(record.team === undefined ? [] : [scopeKey({ team: record.team })]),
    ];
    for (const scope of scopes) {
      const counter = { scope, day: localDay(at), month: localMonth(at) };
      found.set(`${counter.scope}\n${counter.day}\n${counter.month}`, counter);
    }
  }
  return [...found.values()];
}
