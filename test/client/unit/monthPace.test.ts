import * as assert from 'node:assert/strict';
import { describeMonthPace, projectedMonthSpend } from '../../../client/src/status/monthPace';
import type { UsageReport } from '../../../shared/protocol';

const zero = { costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 };
const usage = (monthUsd: number, monthlyUsd?: number): UsageReport => ({
  workspaceId: 'w', today: zero, month: { ...zero, costUsd: monthUsd }, total: zero, byModel: {}, byKind: {}, byClient: {},
  budget: { onExceed: 'warn', state: 'ok', ...(monthlyUsd === undefined ? {} : { monthlyUsd }) },
});

describe('projectedMonthSpend', () => {
  it('scales the spend so far to the whole month, today counted in full', () => {
    assert.equal(projectedMonthSpend(3, new Date(2026, 3, 10, 9)), 9); // April: 30 days
    assert.equal(projectedMonthSpend(2.8, new Date(2026, 1, 28, 23)), 2.8); // last day of February
  });

  it('says nothing in a month’s first two days, or before anything was spent', () => {
    assert.equal(projectedMonthSpend(5, new Date(2026, 0, 2, 23)), undefined);
    assert.equal(projectedMonthSpend(0, new Date(2026, 0, 20)), undefined);
  });
});

describe('describeMonthPace', () => {
  const day10 = new Date(2026, 3, 10, 9);

  it('compares the projection with the monthly budget when there is one', () => {
    assert.equal(describeMonthPace(usage(4, 10), day10), 'on pace for about $12.00 this month, over the $10.00 monthly budget');
    assert.equal(describeMonthPace(usage(2, 10), day10), 'on pace for about $6.00 this month, within the $10.00 monthly budget');
    assert.equal(describeMonthPace(usage(2), day10), 'on pace for about $6.00 this month');
  });

  it('is absent when there is no pace yet', () => {
    assert.equal(describeMonthPace(usage(0, 10), day10), undefined);
  });
});
