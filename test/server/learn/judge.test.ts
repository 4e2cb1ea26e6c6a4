import assert from 'node:assert/strict';
import { GOOD_ENOUGH, judge, type Evidence } from '../../../server/src/learn/judge';
import { noSignals } from '../../../server/src/ledger/feedback';

function evidence(answered: number, signals: Partial<Evidence['signals']> = {}): Evidence {
  return { answered, signals: { ...noSignals(), ...signals } };
}

describe('judge (feedback learner)', () => {
  it('keeps a model whose answers are rarely retried: factor 1, not demoted', () => {
    const j = judge('explain', 'p/cheap', evidence(20, { retried: 1 }));
    assert.equal(j.demoted, false);
    assert.equal(j.factor, 1);
    assert.ok(j.mean > GOOD_ENOUGH);
  });

  it('does not demote on a couple of unlucky answers: the posterior is not yet clearly below', () => {
    const j = judge('refactor', 'p/cheap', evidence(3, { rejected: 2 }));
    assert.equal(j.demoted, false);
    assert.equal(j.factor, 1);
  });

  it('demotes a model most of whose answers were discarded, in proportion to how far short it falls', () => {
    const j = judge('refactor', 'p/cheap', evidence(10, { rejected: 5, undone: 1 }));
    assert.equal(j.demoted, true);
    assert.ok(j.factor < 1 && j.factor > 0);
    assert.ok(Math.abs(j.factor - j.mean / GOOD_ENOUGH) < 1e-12);
    const worse = judge('refactor', 'p/cheap', evidence(10, { rejected: 9 }));
    assert.ok(worse.factor < j.factor, 'more failures lower the quality further');
  });

  it('says what happened in plain words, naming the kind, the model and the signals', () => {
    const j = judge('explain', 'openai/gpt-4o-mini', evidence(5, { retried: 3 }));
    assert.equal(j.reason, '3 of the last 5 explanations from openai/gpt-4o-mini were retried');
    const mixed = judge('refactor', 'p/x', evidence(4, { rejected: 1, undone: 1 }));
    assert.equal(mixed.reason, '2 of the last 4 refactorings from p/x were discarded or undone');
  });

  it('counts at least as many answers as signals when the ledger saw fewer (answers from before the window)', () => {
    const j = judge('ask', 'p/x', evidence(0, { retried: 2, accepted: 1 }));
    assert.equal(j.reason, '2 of the last 3 answers from p/x were retried');
  });
});
