import assert from 'node:assert/strict';
import { AllCandidatesFailedError } from '../../../server/src/resilience/errors';
import { Resilience } from '../../../server/src/resilience/resilience';
import { failure, FakeClock, model, noSignal, options, scripted } from './helpers';

const A = model('p/a');
const B = model('q/b');

function setup(keys: string[], overrides: Parameters<typeof options>[0] = {}) {
  const clock = new FakeClock();
  const resilience = new Resilience(options({ retriesPerModel: 0, keyCooldownMs: 60_000, ...overrides }), {
    clock,
    random: () => 0.5,
  });
  resilience.setKeys(new Map([['p', keys]]));
  return { clock, resilience };
}

describe('Resilience.run: key rotation', () => {
  it('retries at once with the other key after a 429, without using up a model retry', async () => {
    const { resilience, clock } = setup(['sk-secret-1', 'sk-secret-2']);
    const { call, calls } = scripted({ 'p/a': [failure('rate_limited'), 'ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.equal(result.model, A);
    assert.deepEqual(calls.map((c) => c.key), ['sk-secret-1', 'sk-secret-2']);
    assert.deepEqual(clock.waits, []);
    assert.equal(result.attempts[0].error, '429 rate limited (key #1 of 2)');
  });

  it('avoids the rate-limited key until its cooldown has passed, then uses it again', async () => {
    const { resilience, clock } = setup(['sk-secret-1', 'sk-secret-2']);
    const { call, calls } = scripted({ 'p/a': [failure('rate_limited'), 'ok', 'ok', 'ok', 'ok'] });
    await resilience.run([A], call, { signal: noSignal() });
    await resilience.run([A], call, { signal: noSignal() });
    await resilience.run([A], call, { signal: noSignal() });
    clock.advance(60_000);
    await resilience.run([A], call, { signal: noSignal() });
    assert.deepEqual(
      calls.map((c) => c.key),
      ['sk-secret-1', 'sk-secret-2', 'sk-secret-2', 'sk-secret-2', 'sk-secret-1'],
    );
  });

  it("cools a key for the 429's retry-after instead of the default cooldown", async () => {
    const { resilience, clock } = setup(['sk-secret-1', 'sk-secret-2']);
    const { call, calls } = scripted({ 'p/a': [failure('rate_limited', 5000), 'ok', 'ok'] });
    await resilience.run([A], call, { signal: noSignal() });
    clock.advance(5000);
    await resilience.run([A], call, { signal: noSignal() });
    assert.equal(calls[2].key, 'sk-secret-1');
  });

  it('keeps a key rejected with 401 out of rotation until the keys change', async () => {
    const { resilience, clock } = setup(['sk-secret-1', 'sk-secret-2']);
    const { call, calls } = scripted({ 'p/a': [failure('auth'), 'ok', 'ok', 'ok', 'ok'] });
    await resilience.run([A], call, { signal: noSignal() });
    clock.advance(7 * 24 * 3600_000);
    await resilience.run([A], call, { signal: noSignal() });
    await resilience.run([A], call, { signal: noSignal() });
    resilience.setKeys(new Map([['p', ['sk-secret-1', 'sk-secret-3']]]));
    await resilience.run([A], call, { signal: noSignal() });
    assert.deepEqual(
      calls.map((c) => c.key),
      ['sk-secret-1', 'sk-secret-2', 'sk-secret-2', 'sk-secret-2', 'sk-secret-1'],
    );
  });

  it('waits for a rate-limited single key when retry-after is short, then reuses it', async () => {
    const { resilience, clock } = setup(['sk-secret-1'], { retriesPerModel: 1 });
    const { call, calls } = scripted({ 'p/a': [failure('rate_limited', 2000), 'ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.equal(result.model, A);
    assert.deepEqual(clock.waits, [2000]);
    assert.deepEqual(calls.map((c) => c.key), ['sk-secret-1', 'sk-secret-1']);
  });

  it('moves on when the only key must cool longer than maxRetryAfterMs, and skips it next time', async () => {
    const { resilience } = setup(['sk-secret-1'], { retriesPerModel: 2 });
    const { call, calls } = scripted({ 'p/a': [failure('rate_limited')], 'q/b': ['ok', 'ok'] });
    await resilience.run([A, B], call, { signal: noSignal() });
    const second = await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'q/b', 'q/b']);
    assert.deepEqual(second.skipped, [
      { model: 'p/a', reason: 'its only API key cooling down after rate limits for another 60 s' },
    ]);
  });

  it('never rotates back to a key already tried for the model in the same run', async () => {
    const { resilience } = setup(['sk-secret-1', 'sk-secret-2'], { keyCooldownMs: 0 });
    const { call, calls } = scripted({ 'p/a': [failure('rate_limited'), failure('rate_limited')], 'q/b': ['ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.equal(result.model, B);
    assert.deepEqual(calls.map((c) => c.key), ['sk-secret-1', 'sk-secret-2', undefined]);
  });

  it('says what to do when every key of the provider was rejected', async () => {
    const { resilience } = setup(['sk-secret-1']);
    const { call } = scripted({ 'p/a': [failure('auth')] });
    await assert.rejects(resilience.run([A], call, { signal: noSignal() }), AllCandidatesFailedError);
    const error = await resilience.run([A], call, { signal: noSignal() }).catch((e: unknown) => e);
    assert.ok(error instanceof AllCandidatesFailedError);
    assert.deepEqual(error.attempts, []);
    assert.match(error.message, /the provider rejected its only API key; a refused key stays unused until the keys change/);
  });

  it('never puts a key into an attempt, a skip reason or an error message', async () => {
    const { resilience } = setup(['sk-secret-1', 'sk-secret-2']);
    const { call } = scripted({ 'p/a': [failure('rate_limited'), failure('auth')] });
    const first = await resilience.run([A], call, { signal: noSignal() }).catch((e: unknown) => e);
    const second = await resilience.run([A], call, { signal: noSignal() }).catch((e: unknown) => e);
    for (const error of [first, second]) {
      assert.ok(error instanceof AllCandidatesFailedError);
      const text = JSON.stringify([error.message, error.attempts, error.skipped]);
      assert.doesNotMatch(text, /sk-secret/);
    }
  });
});
