import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EDITOR_CLIENT, KINDS, type AttemptBill } from '../../../shared/protocol';
import { Ledger } from '../../../server/src/ledger/ledger';
import type { RequestRecord } from '../../../server/src/ledger/types';
import { aRecord, assertUsdEqual, makeTempDir, removeDir } from './helpers';

// "Now" is early in a month so that generated days fall in this month, the
// previous one, and today.
const NOW = new Date(2025, 6, 3, 15, 0);

interface Generated {
  workspace: 'a' | 'b';
  /** Who sent it; undefined for the editor's own requests. */
  client: string | undefined;
  daysAgo: number;
  minuteOfDay: number;
  record: Pick<
    RequestRecord,
    'model' | 'kind' | 'outcome' | 'cached' | 'costUsd' | 'inputTokens' | 'outputTokens' | 'tokensEstimated'
  >;
  /** A failed attempt whose stream broke off after some text, billed to its own model. */
  brokenOff: { model: string; billed: AttemptBill } | null;
}

const generated: fc.Arbitrary<Generated> = fc.record({
  workspace: fc.constantFrom('a', 'b'),
  client: fc.constantFrom(undefined, 'aider', 'OpenAI/JS 5.10.1'),
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
  brokenOff: fc.option(
    fc.record({
      model: fc.constantFrom('p/cheap', 'p/strong', 'q/local'),
      billed: fc.record(
        { inputTokens: fc.nat(200_000), outputTokens: fc.nat(20_000), costUsd: fc.double({ min: 0, max: 5, noNaN: true }) },
        { requiredKeys: ['inputTokens', 'outputTokens'] },
      ),
    }),
    { nil: null },
  ),
});

function recordOf(g: Generated): Partial<RequestRecord> {
  const answer = { model: g.record.model, ok: g.record.outcome === 'ok' };
  const attempts = g.brokenOff ? [{ model: g.brokenOff.model, ok: false, error: 'connection reset', billed: g.brokenOff.billed }, answer] : [answer];
  return { ...g.record, attempts, ...(g.client === undefined ? {} : { client: g.client }) };
}

function atOf(g: Generated): Date {
  return new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - g.daysAgo, 0, g.minuteOfDay);
}

/**
 * The totals a list of records must produce, computed without the ledger's code; with
 * `model`, only what that model was billed (its answers, and attempts that broke off on it).
 */
function expectedTotals(list: Generated[], model?: string) {
  let costUsd = 0;
  let inputTokens = 0;
  let unpricedRequests = 0;
  let estimatedRequests = 0;
  let requests = 0;
  for (const g of list) {
    // Answers are spend; so is a cancelled stream that carries the tokens it had streamed.
    const { outcome, inputTokens: tokensIn, outputTokens: tokensOut } = g.record;
    const answerBilled = outcome === 'ok' || (outcome === 'cancelled' && tokensIn + tokensOut > 0);
    const answerCounts = model === undefined || g.record.model === model;
    const broken = g.brokenOff && (model === undefined || g.brokenOff.model === model) ? g.brokenOff.billed : undefined;
    if (answerCounts) requests++;
    if (answerCounts && answerBilled) {
      costUsd += g.record.costUsd ?? 0;
      inputTokens += tokensIn;
    }
    if (broken) {
      costUsd += broken.costUsd ?? 0;
      inputTokens += broken.inputTokens;
    }
    if (model !== undefined) continue;
    // A request counts once as unpriced (or estimated), whichever part makes it so.
    if ((answerBilled && g.record.costUsd === null) || (broken && broken.costUsd === undefined)) unpricedRequests++;
    if ((answerBilled && g.record.tokensEstimated) || broken) estimatedRequests++;
  }
  return { costUsd, inputTokens, unpricedRequests, estimatedRequests, requests };
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

  it('equal the sums of the recorded requests and their broken-off attempts for today, the month, the total, each model and each client', () => {
    fc.assert(
      fc.property(fc.array(generated, { maxLength: 40 }), (list) => {
        // A fresh pair of workspaces per run keeps runs independent in one database.
        const ws = (w: string) => `run-${run}-${w}`;
        run++;
        for (const g of list) ledger.record(aRecord({ ...recordOf(g), workspaceId: ws(g.workspace), at: atOf(g).getTime() }));

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
          for (const model of new Set(mine.flatMap((g) => [g.record.model, ...(g.brokenOff ? [g.brokenOff.model] : [])]))) {
            const expected = expectedTotals(mine, model);
            assertUsdEqual(usage.byModel[model].costUsd, expected.costUsd, `${model} cost`);
            assert.equal(usage.byModel[model].requests, expected.requests, `${model} requests`);
            assert.equal(usage.byModel[model].inputTokens, expected.inputTokens, `${model} input tokens`);
          }
          const clients = [...new Set(mine.map((g) => g.client ?? EDITOR_CLIENT))].sort();
          assert.deepEqual(Object.keys(usage.byClient).sort(), clients);
          for (const client of clients) {
            const expected = expectedTotals(mine.filter((g) => (g.client ?? EDITOR_CLIENT) === client));
            const actual = usage.byClient[client];
            assertUsdEqual(actual.costUsd, expected.costUsd, `${client} cost`);
            assert.equal(actual.requests, expected.requests, `${client} requests`);
            assert.equal(actual.inputTokens, expected.inputTokens, `${client} input tokens`);
            assert.equal(actual.unpricedRequests, expected.unpricedRequests, `${client} unpriced`);
            assert.equal(actual.estimatedRequests, expected.estimatedRequests, `${client} estimated`);
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
