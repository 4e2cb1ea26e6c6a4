import assert from 'node:assert/strict';
import { scopeKey, type Limits, type LimitScope } from '../../../server/src/team/developers';
import { TeamLimits } from '../../../server/src/team/limits';

describe('TeamLimits', () => {
  const limits = new Map<string, Limits>();
  const spend = new Map<string, { todayUsd: number; monthUsd: number }>();
  let unreachable = false;
  let clock = 1_000_000;
  const readLimits = async (scopes: LimitScope[]) => {
    if (unreachable) throw new Error('connect ECONNREFUSED');
    return new Map(scopes.flatMap((s) => (limits.has(scopeKey(s)) ? [[scopeKey(s), limits.get(scopeKey(s))!] as const] : [])));
  };
  const spendOf = async (scope: LimitScope) => spend.get(scopeKey(scope)) ?? { todayUsd: 0, monthUsd: 0 };
  const make = () => new TeamLimits(readLimits, spendOf, () => clock);
  beforeEach(() => {
    limits.clear();
    spend.clear();
    unreachable = false;
  });

  it('admits a request below its developer\'s and team\'s limits and refuses one at either', async () => {
    limits.set('developer:ann', { dailyUsd: 1 });
    limits.set('team:core', { monthlyUsd: 10 });
    spend.set('developer:ann', { todayUsd: 0.5, monthUsd: 0.5 });
    spend.set('team:core', { todayUsd: 2, monthUsd: 9.99 });
    const check = make();
    assert.equal(await check.budgetRefusal({ developer: 'ann', team: 'core' }), undefined);
    spend.set('developer:ann', { todayUsd: 1, monthUsd: 1 });
    assert.match((await check.budgetRefusal({ developer: 'ann', team: 'core' }))!, /developer "ann" spent \$1\.0000 today of a daily limit of \$1/);
    spend.set('developer:ann', { todayUsd: 0, monthUsd: 0 });
    spend.set('team:core', { todayUsd: 0, monthUsd: 10 });
    assert.match((await check.budgetRefusal({ developer: 'ann', team: 'core' }))!, /team "core" spent \$10\.0000 this month of a monthly limit of \$10/);
    assert.equal(await check.budgetRefusal({}), undefined, 'a request without a developer has no developer limits');
  });

  it('checks against the limits the request already read, without reading them again', async () => {
    let reads = 0;
    const counting = new TeamLimits(async (scopes) => (reads++, readLimits(scopes)), spendOf, () => clock);
    spend.set('developer:ann', { todayUsd: 2, monthUsd: 2 });
    const known = new Map([['developer:ann', { dailyUsd: 1 }]]);
    assert.match((await counting.budgetRefusal({ developer: 'ann' }, known))!, /daily limit of \$1/);
    assert.equal(reads, 0);
    assert.equal(await counting.budgetRefusal({ developer: 'ann' }), undefined, 'read afresh: no limit is set in the store');
    assert.equal(reads, 1);
  });

  it('allows a developer their requests per minute, then refuses until the minute has passed', async () => {
    limits.set('developer:ann', { rpm: 2 });
    const check = make();
    assert.equal(await check.rateRefusal({ developer: 'ann' }), undefined);
    assert.equal(await check.rateRefusal({ developer: 'ann' }), undefined);
    assert.match((await check.rateRefusal({ developer: 'ann' }))!, /developer "ann" may send 2 requests per minute/);
    assert.equal(await check.rateRefusal({ developer: 'bob' }), undefined, 'another developer is not held');
    clock += 60_001;
    assert.equal(await check.rateRefusal({ developer: 'ann' }), undefined);
  });

  it('keeps applying the limits last read while they cannot be read', async () => {
    limits.set('developer:ann', { dailyUsd: 1 });
    spend.set('developer:ann', { todayUsd: 2, monthUsd: 2 });
    const check = make();
    assert.ok(await check.budgetRefusal({ developer: 'ann' }));
    unreachable = true;
    assert.ok(await check.budgetRefusal({ developer: 'ann' }), 'still refused with PostgreSQL unreachable');
    assert.equal(await check.budgetRefusal({ developer: 'newcomer' }), undefined, 'no limits known: admitted');
  });

  it('reports the caller\'s spend and limits, and their team\'s, for their status bar', async () => {
    limits.set('developer:ann', { dailyUsd: 1, rpm: 5 });
    limits.set('team:core', { monthlyUsd: 50 });
    spend.set('developer:ann', { todayUsd: 0.25, monthUsd: 2 });
    spend.set('team:core', { todayUsd: 1, monthUsd: 20 });
    assert.deepEqual(await make().status({ developer: 'ann', team: 'core' }), {
      developer: { name: 'ann', spend: { todayUsd: 0.25, monthUsd: 2 }, limits: { dailyUsd: 1, rpm: 5 } },
      team: { name: 'core', spend: { todayUsd: 1, monthUsd: 20 }, limits: { monthlyUsd: 50 } },
    });
    assert.deepEqual(await make().status({ developer: 'solo' }), { developer: { name: 'solo', spend: { todayUsd: 0, monthUsd: 0 }, limits: {} } });
  });
});
