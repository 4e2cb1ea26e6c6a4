// A workspace simulated end to end through the real ledger, learner and selection: a cheap
// model that is good enough for explanations but not for refactorings, a strong one good at
// both. Users' signals are drawn (seeded) from each model's true quality; the router must keep
// the cheap model for explain and move refactor to the strong one.
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../shared/settings';
import type { Kind } from '../../../shared/protocol';
import type { Classification } from '../../../server/src/classify/types';
import { FeedbackLearner } from '../../../server/src/learn/learner';
import { selectModels } from '../../../server/src/route/select';
import { Ledger } from '../../../server/src/ledger/ledger';
import { aRecord, freshLedgerEachTest, makeTempDir, removeDir } from '../ledger/helpers';
import { model } from '../route/models';

const CHEAP = model('p/cheap', 0.1, 0.4, 0.7);
const STRONG = model('p/strong', 5, 25, 0.92);
/** The share of each model's answers users find good enough: unknown to the router. */
const TRUE_QUALITY: Record<string, Partial<Record<Kind, number>>> = {
  'p/cheap': { explain: 0.92, refactor: 0.35 },
  'p/strong': { explain: 0.95, refactor: 0.9 },
};
/** What a user does with an answer that was not good enough. */
const BAD_SIGNAL = { explain: 'retried', refactor: 'rejected' } as const;

/** mulberry32: a small seeded generator, so every run draws the same signals. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function classification(kind: Kind): Classification {
  return { kind, kindConfidence: 1, kindSource: 'given', difficulty: 'medium', difficultyScore: 0.5, signals: [] };
}

describe('learning from feedback (simulated workspace)', () => {
  const fresh = freshLedgerEachTest();

  function simulate(seed: number, perKind: number, learn = true): Record<'explain' | 'refactor', { chosen: string[]; lastReasons: string[] }> {
    const { ledger } = fresh;
    const start = new Date(2025, 2, 10, 9, 0).getTime();
    let clock = start;
    const learner = new FeedbackLearner((ws, since) => ledger.feedbackEvidence(ws, since), () => clock);
    ledger.onRecorded((ws) => learner.invalidate(ws));
    const random = seeded(seed);
    const runs = { explain: { chosen: [] as string[], lastReasons: [] as string[] }, refactor: { chosen: [] as string[], lastReasons: [] as string[] } };
    for (let i = 0; i < perKind * 2; i++) {
      const kind = i % 2 === 0 ? 'explain' : 'refactor';
      clock += 60_000;
      const selection = selectModels({
        models: [STRONG, CHEAP],
        classification: classification(kind),
        routing: defaultSettings.routing,
        inputTokens: 800,
        expectedOutputTokens: 300,
        downgrade: false,
        unavailable: () => undefined,
        observedLatencyMs: () => undefined,
        learnedQuality: learn ? (m, k) => learner.learned('ws-sim', k, m.ref, m.quality[k]) : undefined,
      });
      const ref = selection.ordered[0].model.ref;
      runs[kind].chosen.push(ref);
      runs[kind].lastReasons = selection.reasons;
      ledger.record(aRecord({ workspaceId: 'ws-sim', at: clock, kind, model: ref, outcome: 'ok' }));
      const good = random() < TRUE_QUALITY[ref][kind]!;
      if (!good) ledger.recordFeedback({ workspaceId: 'ws-sim', kind, model: ref, signal: BAD_SIGNAL[kind], at: clock });
      else if (kind === 'refactor') ledger.recordFeedback({ workspaceId: 'ws-sim', kind, model: ref, signal: 'accepted', at: clock });
      learner.invalidate('ws-sim');
    }
    return runs;
  }

  for (const seed of [1, 7, 42]) {
    it(`keeps the cheap model for explain and moves refactor to the strong one (seed ${seed})`, () => {
      const runs = simulate(seed, 60);
      // Both start on the cheap model: it clears the bar by its prior.
      assert.equal(runs.explain.chosen[0], 'p/cheap');
      assert.equal(runs.refactor.chosen[0], 'p/cheap');
      // Settled: the last 20 of each kind.
      assert.deepEqual(new Set(runs.explain.chosen.slice(-20)), new Set(['p/cheap']));
      assert.deepEqual(new Set(runs.refactor.chosen.slice(-20)), new Set(['p/strong']));
      // It took only a handful of bad refactorings to move.
      assert.ok(runs.refactor.chosen.filter((r) => r === 'p/cheap').length <= 20);
      assert.ok(
        runs.refactor.lastReasons.some((r) => /^feedback: \d+ of the last \d+ refactorings from p\/cheap were discarded: asking for more/.test(r)),
        runs.refactor.lastReasons.join('\n'),
      );
    });
  }

  it('draws the same choices from the same seed', () => {
    const first = simulate(3, 30);
    // Again on a second, empty ledger.
    fresh.ledger.close();
    removeDir(fresh.dir);
    fresh.dir = makeTempDir();
    fresh.ledger = Ledger.open(fresh.dir);
    assert.deepEqual(simulate(3, 30), first);
  });

  it('without the learner the cheap model keeps refactor: the feedback is what moves it', () => {
    const runs = simulate(1, 60, false);
    assert.deepEqual(new Set(runs.refactor.chosen), new Set(['p/cheap']));
  });
});
