import assert from 'node:assert/strict';
import { FEEDBACK_WINDOW_MS, FeedbackLearner, QUIET_JUDGEMENT_MS } from '../../../server/src/learn/learner';
import { noSignals, type FeedbackEvidence } from '../../../server/src/ledger/feedback';

describe('FeedbackLearner', () => {
  const NOW = 1_000_000_000_000;
  const badRefactors: FeedbackEvidence = { kind: 'refactor', model: 'p/cheap', answered: 10, signals: { ...noSignals(), rejected: 7 } };

  it('lowers a demoted model’s quality for that kind only, and says why', () => {
    const learner = new FeedbackLearner(() => [badRefactors], () => NOW);
    const learned = learner.learned('ws', 'refactor', 'p/cheap', 0.7);
    assert.ok(learned && learned.demoted && learned.quality < 0.7);
    assert.match(learned.reason, /^7 of the last 10 refactorings from p\/cheap were discarded: asking for more \(its quality for refactor 0\.70 -> 0\.\d\d\)$/);
    assert.equal(learner.learned('ws', 'explain', 'p/cheap', 0.7), undefined);
    assert.equal(learner.learned('ws', 'refactor', 'p/strong', 0.9), undefined);
  });

  it('has nothing to say of a model none of whose answers was discarded, undone or retried', () => {
    const fine: FeedbackEvidence = { kind: 'explain', model: 'p/cheap', answered: 30, signals: { ...noSignals(), accepted: 4 } };
    const learner = new FeedbackLearner(() => [fine], () => NOW);
    assert.equal(learner.learned('ws', 'explain', 'p/cheap', 0.7), undefined);
  });

  it('reads the ledger once per workspace until told of new feedback, over the last 14 days', () => {
    const reads: { ws: string; since: number }[] = [];
    const learner = new FeedbackLearner((ws, since) => {
      reads.push({ ws, since });
      return ws === 'a' ? [badRefactors] : [];
    }, () => NOW);
    for (let i = 0; i < 5; i++) learner.learned('a', 'refactor', 'p/cheap', 0.7);
    learner.learned('b', 'refactor', 'p/cheap', 0.7);
    assert.deepEqual(reads, [{ ws: 'a', since: NOW - FEEDBACK_WINDOW_MS }, { ws: 'b', since: NOW - FEEDBACK_WINDOW_MS }]);
    learner.invalidate('a');
    learner.learned('a', 'refactor', 'p/cheap', 0.7);
    learner.learned('b', 'refactor', 'p/cheap', 0.7);
    assert.equal(reads.length, 3);
  });

  it('judges evidence from an asynchronous ledger through prepare(), fetching once until invalidated', async () => {
    let reads = 0;
    const learner = new FeedbackLearner(async () => {
      reads++;
      return [badRefactors];
    }, () => NOW);
    const learned = await learner.prepare('ws');
    assert.ok(learned('refactor', 'p/cheap', 0.7)?.demoted);
    await learner.prepare('ws');
    assert.equal(reads, 1);
    learner.invalidate('ws');
    await learner.prepare('ws');
    assert.equal(reads, 2);
  });

  it('uses evidence fetched while a request was recorded for that decision, but fetches again for the next', async () => {
    let reads = 0;
    const learner: FeedbackLearner = new FeedbackLearner(async () => {
      reads++;
      learner.invalidate('ws'); // a request recorded while the evidence was on its way
      return [badRefactors];
    }, () => NOW);
    const learned = await learner.prepare('ws');
    assert.ok(learned('refactor', 'p/cheap', 0.7)?.demoted);
    await learner.prepare('ws');
    assert.equal(reads, 2);
  });
  it('keeps judgements that found no bad answer across the workspace’s requests, reading again after a few seconds', async () => {
    let now = NOW;
    let reads = 0;
    const fine: FeedbackEvidence = { kind: 'explain', model: 'p/cheap', answered: 30, signals: { ...noSignals(), accepted: 4 } };
    let evidence = [fine];
    const learner = new FeedbackLearner(async () => {
      reads++;
      return evidence;
    }, () => now);
    await learner.prepare('ws');
    for (let i = 0; i < 5; i++) {
      learner.requestRecorded('ws');
      await learner.prepare('ws');
    }
    assert.equal(reads, 1);
    // Another process sharing the ledger recorded complaints: seen once the quiet judgement is old enough.
    evidence = [badRefactors];
    now += QUIET_JUDGEMENT_MS;
    learner.requestRecorded('ws');
    const learned = await learner.prepare('ws');
    assert.equal(reads, 2);
    assert.ok(learned('refactor', 'p/cheap', 0.7)?.demoted);
  });

  it('reads again after each request of a workspace whose judgements found bad answers (the request moves their counts)', async () => {
    let reads = 0;
    const learner = new FeedbackLearner(async () => {
      reads++;
      return [badRefactors];
    }, () => NOW);
    await learner.prepare('ws');
    learner.requestRecorded('ws');
    await learner.prepare('ws');
    learner.requestRecorded('ws');
    await learner.prepare('ws');
    assert.equal(reads, 3);
  });

  it('reads again after new feedback even while its judgements are quiet', async () => {
    let reads = 0;
    const learner = new FeedbackLearner(async () => {
      reads++;
      return reads === 1 ? [] : [badRefactors];
    }, () => NOW);
    await learner.prepare('ws');
    learner.invalidate('ws');
    const learned = await learner.prepare('ws');
    assert.equal(reads, 2);
    assert.ok(learned('refactor', 'p/cheap', 0.7)?.demoted);
  });
  it('judges each developer of a workspace by their own evidence: one developer\'s new feedback rereads only theirs', async () => {
    const reads: (string | undefined)[] = [];
    const learner = new FeedbackLearner(async (_ws, _since, developer) => {
      reads.push(developer);
      return developer === 'dana' ? [badRefactors] : [];
    }, () => NOW);
    const forDana = await learner.prepare('ws', 'dana');
    const forEli = await learner.prepare('ws', 'eli');
    assert.ok(forDana('refactor', 'p/cheap', 0.7)?.demoted, 'dana discarded its refactorings');
    assert.equal(forEli('refactor', 'p/cheap', 0.7), undefined, 'eli routes by its own bar');
    learner.invalidate('ws', 'dana');
    await learner.prepare('ws', 'dana');
    await learner.prepare('ws', 'eli');
    assert.deepEqual(reads, ['dana', 'eli', 'dana']);
    learner.requestRecorded('ws'); // dana's judgement found bad answers: read again; eli's is quiet
    await learner.prepare('ws', 'dana');
    await learner.prepare('ws', 'eli');
    assert.deepEqual(reads, ['dana', 'eli', 'dana', 'dana']);
  });
});
