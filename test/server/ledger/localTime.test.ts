import assert from 'node:assert/strict';
import { localDay, localMonth, monthDayRange, shiftDays } from '../../../server/src/ledger/localTime';
import { aRecord, freshLedgerEachTest } from './helpers';

function withTimeZone(tz: string, body: () => void): void {
  const previous = process.env.TZ;
  process.env.TZ = tz;
  try {
    body();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

describe('local day and month boundaries', () => {
  const fresh = freshLedgerEachTest();

  it('puts requests at 23:59 and 00:01 local time on different days', () => {
    fresh.ledger.record(aRecord({ at: new Date(2025, 5, 14, 23, 59).getTime(), costUsd: 1 }));
    fresh.ledger.record(aRecord({ at: new Date(2025, 5, 15, 0, 1).getTime(), costUsd: 2 }));

    assert.equal(fresh.ledger.spend('ws-1', new Date(2025, 5, 15, 12)).todayUsd, 2);
    assert.equal(fresh.ledger.spend('ws-1', new Date(2025, 5, 14, 12)).todayUsd, 1);
  });

  it('puts requests at 23:59 on the last day of a month and 00:01 on the first in different months', () => {
    fresh.ledger.record(aRecord({ at: new Date(2024, 11, 31, 23, 59).getTime(), costUsd: 1 }));
    fresh.ledger.record(aRecord({ at: new Date(2025, 0, 1, 0, 1).getTime(), costUsd: 2 }));

    assert.deepEqual(fresh.ledger.spend('ws-1', new Date(2025, 0, 20)), { todayUsd: 0, monthUsd: 2 });
    assert.deepEqual(fresh.ledger.spend('ws-1', new Date(2024, 11, 2)), { todayUsd: 0, monthUsd: 1 });
  });

  it('uses the local calendar, not UTC, east of Greenwich', () => {
    withTimeZone('Pacific/Auckland', () => {
      // 00:30 on Jan 16 in Auckland is still Jan 15 in UTC.
      const at = new Date(2025, 0, 16, 0, 30);
      assert.equal(at.getUTCDate(), 15);
      fresh.ledger.record(aRecord({ at: at.getTime(), costUsd: 3 }));
      assert.equal(fresh.ledger.spend('ws-1', new Date(2025, 0, 16, 12)).todayUsd, 3);
    });
  });

  it('uses the local calendar, not UTC, west of Greenwich', () => {
    withTimeZone('America/Los_Angeles', () => {
      // 23:30 on Jan 31 in Los Angeles is already Feb 1 in UTC.
      const at = new Date(2025, 0, 31, 23, 30);
      assert.equal(at.getUTCMonth(), 1);
      fresh.ledger.record(aRecord({ at: at.getTime(), costUsd: 3 }));
      assert.deepEqual(fresh.ledger.spend('ws-1', new Date(2025, 0, 31, 23, 45)), { todayUsd: 3, monthUsd: 3 });
      assert.equal(fresh.ledger.spend('ws-1', new Date(2025, 1, 1, 1)).monthUsd, 0);
    });
  });
});

describe('localTime helpers', () => {
  it('formats a date as its zero-padded local day and month', () => {
    const date = new Date(2025, 0, 5, 23, 59);
    assert.equal(localDay(date), '2025-01-05');
    assert.equal(localMonth(date), '2025-01');
  });

  it('bounds December by its first day and the first day of the next year', () => {
    assert.deepEqual(monthDayRange(new Date(2024, 11, 31, 23, 59)), { first: '2024-12-01', next: '2025-01-01' });
  });

  it('shifts across month and leap-year ends by calendar days', () => {
    assert.equal(localDay(shiftDays(new Date(2024, 2, 1, 10), -1)), '2024-02-29');
    assert.equal(localDay(shiftDays(new Date(2024, 11, 31), 1)), '2025-01-01');
  });
});
