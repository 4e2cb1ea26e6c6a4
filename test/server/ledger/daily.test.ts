import assert from 'node:assert/strict';
import { aRecord, assertUsdEqual, freshLedgerEachTest } from './helpers';

describe('Ledger daily spend', () => {
  const fresh = freshLedgerEachTest();

  it('lists every day of the range oldest first, with zeros for days without requests', () => {
    fresh.ledger.record(aRecord({ at: new Date(2025, 1, 27, 8).getTime(), costUsd: 0.5 }));
    fresh.ledger.record(aRecord({ at: new Date(2025, 2, 1, 23, 59).getTime(), costUsd: 0.25 }));
    fresh.ledger.record(aRecord({ at: new Date(2025, 2, 1, 7).getTime(), costUsd: 0.25, outcome: 'failed' }));
    // Before the range: must not appear.
    fresh.ledger.record(aRecord({ at: new Date(2025, 1, 25, 8).getTime(), costUsd: 9 }));

    const daily = fresh.ledger.daily('ws-1', 5, new Date(2025, 2, 2, 12));
    assert.deepEqual(
      daily.map((d) => [d.day, d.requests]),
      [
        ['2025-02-26', 0],
        ['2025-02-27', 1],
        ['2025-02-28', 0],
        ['2025-03-01', 2],
        ['2025-03-02', 0],
      ],
    );
    assertUsdEqual(daily[1].costUsd, 0.5);
    assertUsdEqual(daily[3].costUsd, 0.25);
    assert.equal(daily[0].costUsd, 0);
  });

  it('returns no days for a range of zero days', () => {
    assert.deepEqual(fresh.ledger.daily('ws-1', 0, new Date(2025, 2, 2)), []);
  });

  it('counts a day once across a daylight-saving change', () => {
    const previousTz = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      // Berlin springs forward on 2025-03-30 (a 23-hour day).
      const days = fresh.ledger.daily('ws-1', 3, new Date(2025, 2, 31, 0, 30)).map((d) => d.day);
      assert.deepEqual(days, ['2025-03-29', '2025-03-30', '2025-03-31']);
    } finally {
      restoreTz(previousTz);
    }
  });
});

function restoreTz(previous: string | undefined): void {
  if (previous === undefined) delete process.env.TZ;
  else process.env.TZ = previous;
}
