import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KINDS } from '../../../shared/protocol';
import { Ledger } from '../../../server/src/ledger/ledger';
import type { RequestRecord } from '../../../server/src/ledger/types';
import { aRecord, assertUsdEqual, makeTempDir, removeDir } from './helpers';

// "Now" is early in a month so that generated days fall in this month, the
// previous one, and today.
const NOW = new Date(2025, 6, 3, 15, 0);

interface Generated {
  workspace: 'a' | 'b';
  daysAgo: number;
  minuteOfDay: number;
  record: Pick<
    RequestRecord,
    'model' | 'kind' | 'outcome' | 'cached' | 'costUsd' | 'inputTokens' | 'outputTokens' | 'tokensEstimated'
  >;
}

const generated: fc.Arbitrary<Generated> = fc.record({
  workspace: fc.constantFrom('a', 'b'),
  daysAgo: fc.integer({ min: 0, max: 40 }),
  minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  record: fc.record({
    model: fc.constantFrom('p/cheap', 'p/strong', 'q/local'),
    kind: fc.constantFrom(...KINDS),
    outcome: fc.constantFrom('ok', 'ok', 'failed', 'blocked', 'cancelled'),
    cached: fc.boolean(),
    costUsd: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null }),
    // Zero tokens often: a cancel before any text carries none and costs nothing.
    inputTokens: fc.oneof(fc.constant(0), fc.nat(200_000)),
    outputTokens: fc.oneof(fc.constant(0), fc.nat(20_000)),
    tokensEstimated: fc.boolean(),
  }),
});

function atOf(g: Generated): Date {
  return new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - g.daysAgo, 0, g.minuteOfDay);
}

/** The totals a list of records must produce, computed without the ledger's code. */
function expectedTotals(list: Generated[]) {
  let costUsd = 0;
  let inputTokens = 0;
  let unpricedRequests = 0;
  let estimatedRequests = 0;
  for (const g of list) {
    // Answers are spend; so is a cancelled stream that carries the tokens it had streamed.
    const { outcome, inputTokens: tokensIn, outputTokens: tokensOut } = g.record;
    if (!(outcome === 'ok' || (outcome === 'cancelled' && tokensIn + tokensOut > 0))) continue;
    costUsd += g.record.costUsd ?? 0;
    inputTokens += tokensIn;
    if (g.record.costUsd === null) unpricedRequests++;
    if (g.record.tokensEstimated) estimatedRequests++;
  }
  return { costUsd, inputTokens, unpricedRequests, estimatedRequests, requests: list.length };
}

describe('ledger usage totals (property)', () => {
  let dir: string;
  let ledger: Ledger;
  let run = 0;

  before(() => {
    dir = makeTempDir();
    ledger = Ledger.open(dir);
  });
  after(() => {
    ledger.close();
    removeDir(dir);
  });

  it('equal the sums of the recorded requests for today, the month, the total and each model', () => {
    fc.assert(
      fc.property(fc.array(generated, { maxLength: 40 }), (list) => {
        // A fresh pair of workspaces per run keeps runs independent in one database.
        const ws = (w: string) => `run-${run}-${w}`;
        run++;
        for (const g of list) ledger.record(aRecord({ ...g.record, workspaceId: ws(g.workspace), at: atOf(g).getTime() }));

        for (const w of ['a', 'b'] as const) {
          const mine = list.filter((g) => g.workspace === w);
          const usage = ledger.usage(ws(w), NOW);
          const periods = {
            today: mine.filter((g) => g.daysAgo === 0),
            month: mine.filter((g) => atOf(g).getMonth() === NOW.getMonth()),
            total: mine,
          };
          for (const [name, subset] of Object.entries(periods)) {
            const expected = expectedTotals(subset);
            const actual = usage[name as keyof typeof periods];
            assertUsdEqual(actual.costUsd, expected.costUsd, `${name} cost`);
            assert.equal(actual.requests, expected.requests, `${name} requests`);
            assert.equal(actual.inputTokens, expected.inputTokens, `${name} input tokens`);
            assert.equal(actual.unpricedRequests, expected.unpricedRequests, `${name} unpriced`);
            assert.equal(actual.estimatedRequests, expected.estimatedRequests, `${name} estimated`);
          }
          for (const model of new Set(mine.map((g) => g.record.model))) {
            const expected = expectedTotals(mine.filter((g) => g.record.model === model));
            assertUsdEqual(usage.byModel[model].costUsd, expected.costUsd, `${model} cost`);
            assert.equal(usage.byModel[model].requests, expected.requests, `${model} requests`);
          }
          const spend = ledger.spend(ws(w), NOW);
          assertUsdEqual(spend.todayUsd, usage.today.costUsd, 'spend today');
          assertUsdEqual(spend.monthUsd, usage.month.costUsd, 'spend month');
        }
      }),
      { numRuns: 60 },
    );
  });
});
