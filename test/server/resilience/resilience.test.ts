import assert from 'node:assert/strict';
import { AllCandidatesFailedError } from '../../../server/src/resilience/errors';
import { Resilience } from '../../../server/src/resilience/resilience';
import { failure, FakeClock, model, noSignal, options, scripted } from './helpers';

const A = model('p/a');
const B = model('q/b');

describe('Resilience', () => {
  it('applies options given through updateOptions to the next request', async () => {
    const resilience = new Resilience(options({ retriesPerModel: 0, maxModels: 1 }), { clock: new FakeClock() });
    const first = scripted({ 'p/a': [failure('server'), 'ok'] });
    await assert.rejects(resilience.run([A, B], first.call, { signal: noSignal() }), AllCandidatesFailedError);
    resilience.updateOptions(options({ retriesPerModel: 1, maxModels: 2 }));
    const second = scripted({ 'p/a': [failure('server'), failure('server')], 'q/b': ['ok'] });
    const result = await resilience.run([A, B], second.call, { signal: noSignal() });
    assert.deepEqual(second.calls.map((c) => c.ref), ['p/a', 'p/a', 'q/b']);
    assert.equal(result.model, B);
  });

  it('keeps breaker state across updateOptions', async () => {
    const resilience = new Resilience(options({ retriesPerModel: 0, breakerFailures: 1 }), { clock: new FakeClock() });
    const { call } = scripted({ 'p/a': [failure('server')] });
    await assert.rejects(resilience.run([A], call, { signal: noSignal() }));
    resilience.updateOptions(options({ breakerFailures: 5 }));
    assert.equal(resilience.breakers.state('p/a'), 'open');
  });

  it('hands each provider its own keys from setKeys and none to the others', async () => {
    const resilience = new Resilience(options(), { clock: new FakeClock() });
    resilience.setKeys(new Map([['q', ['sk-q']]]));
    const { call, calls } = scripted({ 'p/a': [failure('bad_request')], 'q/b': ['ok'] });
    await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(calls.map((c) => c.key), [undefined, 'sk-q']);
  });

  it('fails with no attempts when given no candidates', async () => {
    const resilience = new Resilience(options());
    const { call, calls } = scripted({});
    const error = await resilience.run([], call, { signal: noSignal() }).catch((e: unknown) => e);
    assert.ok(error instanceof AllCandidatesFailedError);
    assert.deepEqual(error.attempts, []);
    assert.equal(calls.length, 0);
  });
});
