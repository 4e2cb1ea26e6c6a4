import assert from 'node:assert/strict';
import { ProviderError } from '../../../server/src/providers/errors';
import { abortableSleep } from '../../../server/src/resilience/clock';

const isCancelled = (error: unknown) => error instanceof ProviderError && error.reason === 'cancelled';

describe('abortableSleep', () => {
  it('resolves after the given time', async () => {
    const started = Date.now();
    await abortableSleep(30, new AbortController().signal);
    assert.ok(Date.now() - started >= 25);
  });

  it("rejects with 'cancelled' as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(abortableSleep(60_000, controller.signal), isCancelled);
    assert.ok(Date.now() - started < 1000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await assert.rejects(abortableSleep(60_000, AbortSignal.abort()), isCancelled);
  });
});
