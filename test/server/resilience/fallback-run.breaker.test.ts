import assert from 'node:assert/strict';
import type { ModelInfo } from '../../../server/src/catalog/types';
import { AllCandidatesFailedError } from '../../../server/src/resilience/errors';
import { Resilience } from '../../../server/src/resilience/resilience';
import { failure, FakeClock, model, noSignal, options, scripted } from './helpers';

const A = model('p/a');
const B = model('q/b');

function setup() {
  const clock = new FakeClock();
  const resilience = new Resilience(
    options({ retriesPerModel: 0, breakerFailures: 2, breakerHalfOpenAfterMs: 30_000 }),
    { clock, random: () => 0.5 },
  );
  return { clock, resilience };
}

/** Two requests that only `m` could serve, both failing: enough to open its circuit. */
async function failTwice(resilience: Resilience, clock: FakeClock, m: ModelInfo) {
  const { call } = scripted({ [m.ref]: [failure('server'), failure('server')] });
  await assert.rejects(resilience.run([m], call, { signal: noSignal() }), AllCandidatesFailedError);
  clock.advance(1000);
  await assert.rejects(resilience.run([m], call, { signal: noSignal() }), AllCandidatesFailedError);
}

describe('Resilience.run: circuit breakers', () => {
  it('opens after breakerFailures failed requests and then skips the model without calling it', async () => {
    const { resilience, clock } = setup();
    await failTwice(resilience, clock, A);
    assert.equal(resilience.breakers.state('p/a'), 'open');
    const { call, calls } = scripted({ 'q/b': ['ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(calls.map((c) => c.ref), ['q/b']);
    assert.deepEqual(result.skipped, [{ model: 'p/a', reason: 'circuit open for another 30 s' }]);
    assert.equal(result.attempts.length, 1);
  });

  it('stops retrying a model whose circuit opened during the request', async () => {
    const clock = new FakeClock();
    const resilience = new Resilience(options({ retriesPerModel: 3, breakerFailures: 2 }), { clock });
    const { call, calls } = scripted({ 'p/a': [failure('server'), failure('server'), 'ok'], 'q/b': ['ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'p/a', 'q/b']);
    assert.deepEqual(result.skipped, []);
  });

  it('lets exactly one probe through after the interval and closes the circuit when it succeeds', async () => {
    const { resilience, clock } = setup();
    await failTwice(resilience, clock, A);
    clock.advance(30_000);
    assert.equal(resilience.breakers.state('p/a'), 'half-open');
    let finishProbe: (value: string) => void = () => undefined;
    const probeCalls: string[] = [];
    const probeCall = (m: ModelInfo) => {
      probeCalls.push(m.ref);
      if (m.ref === 'p/a') return new Promise<string>((resolve) => (finishProbe = resolve));
      return Promise.resolve('from b');
    };
    const probe = resilience.run([A, B], probeCall, { signal: noSignal() });
    const concurrent = await resilience.run([A, B], probeCall, { signal: noSignal() });
    assert.equal(concurrent.model, B);
    assert.deepEqual(concurrent.skipped, [{ model: 'p/a', reason: 'circuit half-open, probe in flight' }]);
    finishProbe('from a');
    assert.equal((await probe).value, 'from a');
    assert.deepEqual(probeCalls, ['p/a', 'q/b']);
    assert.equal(resilience.breakers.state('p/a'), 'closed');
  });

  it('re-opens the circuit when the probe fails', async () => {
    const { resilience, clock } = setup();
    await failTwice(resilience, clock, A);
    clock.advance(30_000);
    const { call } = scripted({ 'p/a': [failure('overloaded')], 'q/b': ['ok'] });
    await resilience.run([A, B], call, { signal: noSignal() });
    assert.equal(resilience.breakers.state('p/a'), 'open');
  });

  it('still tries the model whose circuit opened first when every candidate is open', async () => {
    const { resilience, clock } = setup();
    await failTwice(resilience, clock, B);
    clock.advance(5000);
    await failTwice(resilience, clock, A);
    assert.deepEqual([A, B].map((m) => resilience.breakers.state(m.ref)), ['open', 'open']);
    const { call, calls } = scripted({ 'p/a': ['ok'], 'q/b': ['ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.equal(result.model, B);
    assert.deepEqual(calls.map((c) => c.ref), ['q/b']);
    assert.equal(resilience.breakers.state('q/b'), 'closed');
  });

  it('feeds the health view with attempts, failures and latency', async () => {
    const { resilience, clock } = setup();
    const call = async (m: ModelInfo) => {
      clock.advance(m.ref === 'q/b' ? 800 : 0);
      if (m.ref === 'p/a') throw failure('server');
      return 'ok';
    };
    await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(resilience.health(['p/a', 'q/b']), [
      { model: 'p/a', breaker: 'closed', attempts: 1, failures: 1, errorRate: 1, p50LatencyMs: null },
      { model: 'q/b', breaker: 'closed', attempts: 1, failures: 0, errorRate: 0, p50LatencyMs: 800 },
    ]);
  });
});
