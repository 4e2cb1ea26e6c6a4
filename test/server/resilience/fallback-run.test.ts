import assert from 'node:assert/strict';
import { ProviderError } from '../../../server/src/providers/errors';
import { AllCandidatesFailedError, RunCancelledError } from '../../../server/src/resilience/errors';
import { Resilience } from '../../../server/src/resilience/resilience';
import { failure, FakeClock, model, noSignal, options, scripted } from './helpers';

const A = model('p/a');
const B = model('q/b');
const C = model('r/c');

function setup(overrides: Parameters<typeof options>[0] = {}) {
  const clock = new FakeClock();
  const resilience = new Resilience(options({ retriesPerModel: 0, ...overrides }), { clock, random: () => 0.5 });
  return { clock, resilience };
}

describe('Resilience.run: fallback and retries', () => {
  const retryable: [string, ProviderError, string][] = [
    ['429', failure('rate_limited'), '429 rate limited'],
    ['500', failure('server'), '500 server error: server from the test'],
    ['529', failure('overloaded'), '529 overloaded'],
    ['a timeout', failure('timeout'), 'timeout from the test'],
    ['a connection error', failure('connection'), 'connection failed: connection from the test'],
    ['a malformed body', failure('malformed'), 'malformed response: malformed from the test'],
  ];
  for (const [name, error, words] of retryable) {
    it(`falls back to the next candidate in order after ${name}`, async () => {
      const { resilience } = setup();
      const { call, calls } = scripted({ 'p/a': [error], 'q/b': ['ok'] });
      const result = await resilience.run([A, B, C], call, { signal: noSignal() });
      assert.equal(result.model, B);
      assert.equal(result.value, 'answer from q/b #2');
      assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'q/b']);
      // No `refused` mark: a retry may get past these.
      assert.deepEqual(result.attempts, [
        { model: 'p/a', ok: false, error: words, latencyMs: 0 },
        { model: 'q/b', ok: true, latencyMs: 0 },
      ]);
    });
  }

  it('times out a hanging call after timeoutMs and falls back', async () => {
    const { resilience } = setup({ timeoutMs: 20 });
    const { call, calls } = scripted({ 'p/a': ['hang'], 'q/b': ['ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.equal(result.model, B);
    assert.equal(result.attempts[0].error, 'timed out after 20ms');
    assert.equal(calls[0].signal.aborted, true);
  });

  it('retries one model retriesPerModel times with growing backoff before moving on', async () => {
    const { resilience, clock } = setup({ retriesPerModel: 2 });
    const failing = [failure('server'), failure('server'), failure('server')];
    const { call, calls } = scripted({ 'p/a': failing, 'q/b': ['ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'p/a', 'p/a', 'q/b']);
    assert.deepEqual(clock.waits, [375, 750]);
    assert.equal(result.attempts.length, 4);
  });

  it('moves on after a bad_request at once, without retrying the model', async () => {
    const { resilience, clock } = setup({ retriesPerModel: 3 });
    const { call, calls } = scripted({ 'p/a': [failure('bad_request')], 'q/b': ['ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'q/b']);
    assert.deepEqual(clock.waits, []);
    assert.equal(result.attempts[0].error, '400 request refused: bad_request from the test');
    assert.equal(result.attempts[0].refused, true, 'marked as refused: the same request would be refused again');
  });

  it('waits exactly the retry-after a provider asks for, then retries the same model', async () => {
    const { resilience, clock } = setup({ retriesPerModel: 1, maxRetryAfterMs: 10_000 });
    const { call, calls } = scripted({ 'p/a': [failure('overloaded', 7000), 'ok'] });
    const result = await resilience.run([A, B], call, { signal: noSignal() });
    assert.equal(result.model, A);
    assert.deepEqual(clock.waits, [7000]);
    assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'p/a']);
    assert.equal(result.attempts[0].error, '529 overloaded (retry after 7 s)');
  });

  it('moves on to the next model at once when retry-after exceeds maxRetryAfterMs', async () => {
    const { resilience, clock } = setup({ retriesPerModel: 1, maxRetryAfterMs: 10_000 });
    const { call, calls } = scripted({ 'p/a': [failure('overloaded', 10_001)], 'q/b': ['ok'] });
    await resilience.run([A, B], call, { signal: noSignal() });
    assert.deepEqual(clock.waits, []);
    assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'q/b']);
  });

  it('calls at most maxModels models', async () => {
    const { resilience } = setup({ maxModels: 2 });
    const { call, calls } = scripted({});
    await assert.rejects(resilience.run([A, B, C], call, { signal: noSignal() }), AllCandidatesFailedError);
    assert.deepEqual(calls.map((c) => c.ref), ['p/a', 'q/b']);
  });

  it('throws AllCandidatesFailedError carrying every attempt when all fail', async () => {
    const { resilience } = setup({ retriesPerModel: 1 });
    const { call } = scripted({ 'p/a': [failure('server'), failure('bad_request')], 'q/b': [failure('auth')] });
    const error = await resilience.run([A, B], call, { signal: noSignal() }).catch((e: unknown) => e);
    assert.ok(error instanceof AllCandidatesFailedError);
    assert.deepEqual(
      error.attempts.map((a) => [a.model, a.ok]),
      [['p/a', false], ['p/a', false], ['q/b', false]],
    );
    assert.match(error.message, /p\/a: 500 server error.*q\/b: 401 API key rejected or missing/);
  });

  it('reports every call to onAttemptStart, numbered from 1 across models', async () => {
    const { resilience } = setup({ retriesPerModel: 1 });
    const { call } = scripted({ 'p/a': [failure('server'), failure('server')], 'q/b': ['ok'] });
    const seen: string[] = [];
    await resilience.run([A, B], call, { signal: noSignal(), onAttemptStart: (m, n) => seen.push(`${n}:${m.ref}`) });
    assert.deepEqual(seen, ['1:p/a', '2:p/a', '3:q/b']);
  });

  it('calls a provider without keys with no key', async () => {
    const { resilience } = setup();
    const { call, calls } = scripted({ 'p/a': ['ok'] });
    await resilience.run([A], call, { signal: noSignal() });
    assert.equal(calls[0].key, undefined);
  });
});

describe('Resilience.run: cancellation', () => {
  it('rejects promptly during a retry wait and makes no further call', async () => {
    const resilience = new Resilience(options({ retriesPerModel: 2, maxRetryAfterMs: 60_000 }));
    const { call, calls } = scripted({ 'p/a': [failure('overloaded', 30_000), 'ok'], 'q/b': ['ok'] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const error = await resilience.run([A, B], call, { signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(error instanceof RunCancelledError && error.reason === 'cancelled');
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(error.attempts.map((a) => a.model), ['p/a']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(calls.length, 1);
  });

  it('rejects promptly mid-call, aborts that call and tries no other model', async () => {
    const resilience = new Resilience(options());
    const { call, calls } = scripted({ 'p/a': ['hang'], 'q/b': ['ok'] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(
      resilience.run([A, B], call, { signal: controller.signal }),
      (e: unknown) => e instanceof ProviderError && e.reason === 'cancelled',
    );
    assert.equal(calls.length, 1);
    assert.equal(calls[0].signal.aborted, true);
  });

  it("stops everything when a call itself reports 'cancelled'", async () => {
    const { resilience } = setup({ retriesPerModel: 2 });
    const { call, calls } = scripted({ 'p/a': [failure('cancelled')], 'q/b': ['ok'] });
    await assert.rejects(resilience.run([A, B], call, { signal: noSignal() }), RunCancelledError);
    assert.equal(calls.length, 1);
  });
});
