// A first choice that never answers: once breakerFailures of its calls are past the
// first-byte deadline, they fall back at once and later requests skip it, instead of
// every request waiting the whole-call timeout.
import assert from 'node:assert/strict';
import type { ModelInfo } from '../../../server/src/catalog/types';
import { Resilience } from '../../../server/src/resilience/resilience';
import { model, noSignal, options } from './helpers';

const A = model('p/a');
const B = model('q/b');

/** A hangs (until aborted) unless told to stream a first token; B answers at once. */
function calls(aStreamsAfterMs?: number) {
  const made: string[] = [];
  const call = (m: ModelInfo, _key: string | undefined, signal: AbortSignal, progress: () => void): Promise<string> => {
    made.push(m.ref);
    if (m.ref !== A.ref) return Promise.resolve(`answer from ${m.ref}`);
    return new Promise<string>((resolve) => {
      if (aStreamsAfterMs !== undefined) {
        setTimeout(() => progress(), 20);
        setTimeout(() => resolve('answer from p/a'), aStreamsAfterMs);
      }
      signal.addEventListener('abort', () => undefined);
    });
  };
  return { call, made };
}

function resilience(overrides = {}) {
  // The whole-call timeout is far beyond any test: only the first-byte rule can end A's calls early.
  return new Resilience(options({ retriesPerModel: 0, breakerFailures: 3, timeoutMs: 60_000, firstByteTimeoutMs: 100, ...overrides }));
}

describe('Resilience.run: calls that hang', function () {
  this.timeout(5_000);

  it('falls back once breakerFailures calls of a model are past the first-byte deadline, and later requests skip it', async () => {
    const r = resilience();
    const { call, made } = calls();
    const started = Date.now();
    const first = await Promise.all([0, 1, 2].map(() => r.run([A, B], call, { signal: noSignal() })));
    assert.ok(Date.now() - started < 10_000, 'well under the 60 s call timeout');
    for (const result of first) {
      assert.equal(result.model.ref, 'q/b');
      assert.equal(result.attempts[0].model, 'p/a');
      assert.match(result.attempts[0].error ?? '', /no first token within 100 ms \(3 calls to it stalled\)/);
    }
    assert.equal(r.breakers.state('p/a'), 'open');
    const later = await r.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(later.skipped.map((s) => s.model), ['p/a']);
    assert.deepEqual(later.attempts.map((a) => a.model), ['q/b']);
    assert.equal(made.filter((ref) => ref === 'p/a').length, 3, 'no call to the hanging model after its circuit opened');
  });

  it('lets fewer stalled calls than the threshold wait for their own timeout', async () => {
    const r = resilience({ timeoutMs: 400 });
    const { call } = calls();
    const results = await Promise.all([0, 1].map(() => r.run([A, B], call, { signal: noSignal() })));
    for (const result of results) assert.match(result.attempts[0].error ?? '', /timed out after 400ms/);
    assert.equal(r.breakers.state('p/a'), 'closed', 'two timeouts are under the threshold of three');
  });

  it('never cuts a call that has streamed its first token, however long it then takes', async () => {
    const r = resilience();
    const { call } = calls(300);
    const results = await Promise.all([0, 1, 2].map(() => r.run([A, B], call, { signal: noSignal() })));
    for (const result of results) assert.equal(result.model.ref, 'p/a');
    assert.equal(r.breakers.state('p/a'), 'closed');
  });

  it('gives calls that do not stream twice the slowest recent success of their model before taking them for stalled', async () => {
    const r = resilience();
    r.breakers.recordSuccess('p/a', 200); // a healthy long answer, not streamed: 0.2 s
    // Three calls answering whole after 300 ms: past the 100 ms first-byte rule, within 2 x 200 ms.
    const slowAnswer = (m: ModelInfo) => new Promise<string>((resolve) => setTimeout(() => resolve(`answer from ${m.ref}`), 300));
    const results = await Promise.all([0, 1, 2].map(() => r.run([A, B], slowAnswer, { signal: noSignal() })));
    for (const result of results) assert.deepEqual(result.attempts.map((a) => [a.model, a.ok]), [['p/a', true]]);
    assert.equal(r.breakers.state('p/a'), 'closed');
  });

  it('holds streamed calls to the first-byte deadline whatever their model’s slowest answer', async () => {
    const r = resilience();
    r.breakers.recordSuccess('p/a', 5_000);
    const { call } = calls();
    const results = await Promise.all([0, 1, 2].map(() => r.run([A, B], call, { signal: noSignal(), streamed: true })));
    for (const result of results) assert.match(result.attempts[0].error ?? '', /no first token within 100 ms \(3 calls to it stalled\)/);
  });

  it('holds the calls of a model the run streams (a predicate per model) to the first-byte deadline, the others not', async () => {
    const r = resilience();
    r.breakers.recordSuccess('p/a', 5_000);
    r.breakers.recordSuccess('q/b', 5_000);
    // A's calls stream and show nothing; B's do not stream and answer whole after 300 ms.
    const call = (m: ModelInfo, _key: string | undefined, signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')));
        if (m.ref === B.ref) setTimeout(() => resolve(`answer from ${m.ref}`), 300);
      });
    const streamed = (m: ModelInfo) => m.ref === A.ref;
    const onA = await Promise.all([0, 1, 2].map(() => r.run([A], call, { signal: noSignal(), streamed }).then(() => undefined, (e: Error) => e)));
    for (const failure of onA) assert.match(failure?.message ?? 'answered', /no first token within 100 ms \(3 calls to it stalled\)/);
    const onB = await Promise.all([0, 1, 2].map(() => r.run([B], call, { signal: noSignal(), streamed })));
    for (const result of onB) assert.deepEqual(result.attempts.map((a) => [a.model, a.ok]), [['q/b', true]]);
  });

  it('still takes calls that do not stream for stalled past twice the slowest success, naming that deadline', async () => {
    const r = resilience();
    r.breakers.recordSuccess('p/a', 80);
    const { call } = calls();
    const results = await Promise.all([0, 1, 2].map(() => r.run([A, B], call, { signal: noSignal() })));
    for (const result of results) {
      assert.equal(result.model.ref, 'q/b');
      assert.match(result.attempts[0].error ?? '', /no first token within 160 ms/);
    }
  });

  it('gives a model that reasons four times the first-byte deadline and the attempt timeout before its first token', async () => {
    const r = resilience({ timeoutMs: 150 });
    const thinker = { ...model('p/thinker'), reasoning: true };
    // Silent for 300 ms, then the answer: past the 100 ms first-byte rule and the 150 ms timeout, within four times each.
    const thinks = (m: ModelInfo, _key: string | undefined, _signal: AbortSignal, progress: () => void) =>
      new Promise<string>((resolve) => setTimeout(() => (progress(), resolve(`answer from ${m.ref}`)), 300));
    const results = await Promise.all([0, 1, 2].map(() => r.run([thinker, B], thinks, { signal: noSignal(), streamed: true })));
    for (const result of results) assert.deepEqual(result.attempts.map((a) => [a.model, a.ok]), [['p/thinker', true]]);
    assert.equal(r.breakers.state('p/thinker'), 'closed');
  });

  it('holds a half-open trial call to the first-byte deadline by itself', async () => {
    const r = resilience({ breakerHalfOpenAfterMs: 100 });
    const { call } = calls();
    await Promise.all([0, 1, 2].map(() => r.run([A, B], call, { signal: noSignal() })));
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(r.breakers.state('p/a'), 'half-open');
    const trial = await r.run([A, B], call, { signal: noSignal() });
    assert.equal(trial.model.ref, 'q/b');
    assert.match(trial.attempts[0].error ?? '', /no first token within 100 ms/);
    assert.ok((trial.attempts[0].latencyMs ?? Infinity) < 10_000);
    assert.equal(r.breakers.state('p/a'), 'open');
  });
});
