import assert from 'node:assert/strict';
import { ProviderError } from '../../../server/src/providers/errors';
import { attemptOnce } from '../../../server/src/resilience/attempt';
import { failure } from './helpers';

const never = () => new Promise<string>(() => undefined);

describe('attemptOnce', () => {
  it('returns the value of a call that finishes in time', async () => {
    const outcome = await attemptOnce(async () => 'hi', new AbortController().signal, 1000);
    assert.deepEqual(outcome, { ok: true, value: 'hi' });
  });

  it('passes on the ProviderError a call throws', async () => {
    const error = failure('overloaded');
    const outcome = await attemptOnce(() => Promise.reject(error), new AbortController().signal, 1000);
    assert.deepEqual(outcome, { ok: false, error });
  });

  it('times out a call that ignores its signal and aborts that signal', async () => {
    let callSignal: AbortSignal | undefined;
    const outcome = await attemptOnce(
      (signal) => {
        callSignal = signal;
        return never();
      },
      new AbortController().signal,
      20,
    );
    assert.ok(!outcome.ok && outcome.error.reason === 'timeout');
    assert.equal(!outcome.ok && outcome.error.message, 'timed out after 20ms');
    assert.equal(callSignal?.aborted, true);
  });

  it('lets a call that keeps showing signs of life run past the timeout, which counts from the last one', async () => {
    const outcome = await attemptOnce(
      async (_signal, alive) => {
        // 6 signs of life 15 ms apart: ~90 ms in all, against a 40 ms timeout.
        for (let i = 0; i < 6; i++) {
          await new Promise((resolve) => setTimeout(resolve, 15));
          alive();
        }
        return 'long answer';
      },
      new AbortController().signal,
      40,
    );
    assert.deepEqual(outcome, { ok: true, value: 'long answer' });
  });

  it('times out a call that goes silent after signs of life, the timeout after the last one', async () => {
    const started = Date.now();
    const outcome = await attemptOnce(
      async (_signal, alive) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        alive();
        return never();
      },
      new AbortController().signal,
      40,
    );
    assert.ok(!outcome.ok && outcome.error.reason === 'timeout');
    assert.ok(Date.now() - started >= 65, `ended ${Date.now() - started} ms after the start`);
  });

  it("ends at once with 'cancelled' when the user aborts mid-call", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();
    const outcome = await attemptOnce(never, controller.signal, 60_000);
    assert.ok(!outcome.ok && outcome.error.reason === 'cancelled');
    assert.ok(Date.now() - started < 1000);
  });

  it('does not start the call when the user already cancelled', async () => {
    let started = false;
    const outcome = await attemptOnce(
      async () => {
        started = true;
        return 'x';
      },
      AbortSignal.abort(),
      1000,
    );
    assert.ok(!outcome.ok && outcome.error.reason === 'cancelled');
    assert.equal(started, false);
  });

  it('turns an unexpected error into a non-retryable failure naming it', async () => {
    const outcome = await attemptOnce(
      () => Promise.reject(new TypeError('x is undefined')),
      new AbortController().signal,
      1000,
    );
    assert.ok(!outcome.ok);
    assert.ok(outcome.error instanceof ProviderError);
    assert.equal(outcome.error.retryable, false);
    assert.equal(outcome.error.message, 'unexpected error: x is undefined');
  });

  it('turns a synchronous throw of the call into a failure instead of rejecting', async () => {
    const outcome = await attemptOnce(
      () => {
        throw failure('connection');
      },
      new AbortController().signal,
      1000,
    );
    assert.ok(!outcome.ok && outcome.error.reason === 'connection');
  });
});
