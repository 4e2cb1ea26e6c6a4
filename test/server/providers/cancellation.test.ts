import assert from 'node:assert/strict';
import { ADAPTERS } from './adapters';
import { chatRequest, failureOf, useFakeProviders } from './support';

const KEY = 'sk-test-key-1';

/** Generous for 2 shared cores, yet far below the 5 s the requests would otherwise wait. */
const PROMPT_MS = 1_500;

/** Times `work` from before it starts: a call's own timer starts inside it, so a clock started after would read short. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const started = performance.now();
  const result = await work();
  return { result, elapsedMs: performance.now() - started };
}

describe('provider cancellation and timeouts', () => {
  const fake = useFakeProviders();

  for (const adapter of ADAPTERS) {
    for (const mode of ['json', 'stream'] as const) {
      const onDelta = mode === 'stream' ? () => undefined : undefined;

      it(`ends with cancelled promptly when the caller aborts during a hang (${adapter.name}, ${mode})`, async () => {
        fake().script({ kind: 'hang' });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);

        const { result: error, elapsedMs } = await timed(() =>
          failureOf(adapter.create(fake()).chat(chatRequest({ signal: controller.signal, onDelta }), KEY)),
        );

        assert.equal(error.reason, 'cancelled');
        assert.equal(error.message, `${adapter.name}/test-model: cancelled`);
        assert.ok(elapsedMs < PROMPT_MS, `took ${elapsedMs} ms`);
      });

      it(`ends with timeout after timeoutMs while the provider hangs (${adapter.name}, ${mode})`, async () => {
        fake().script({ kind: 'hang' });

        const { result: error, elapsedMs } = await timed(() =>
          failureOf(adapter.create(fake()).chat(chatRequest({ timeoutMs: 200, onDelta }), KEY)),
        );

        assert.equal(error.reason, 'timeout');
        assert.equal(error.message, `${adapter.name}/test-model: timed out after 200ms`);
        assert.ok(elapsedMs >= 190 && elapsedMs < PROMPT_MS, `took ${elapsedMs} ms`);
      });
    }

    it(`times out a stream that stalls half-way, timeoutMs after its last event (${adapter.name})`, async () => {
      fake().script({ kind: 'stall' });
      const deltas: string[] = [];

      const { result: error, elapsedMs } = await timed(() =>
        failureOf(adapter.create(fake()).chat(chatRequest({ timeoutMs: 300, onDelta: (d) => deltas.push(d) }), KEY)),
      );

      assert.equal(error.reason, 'timeout');
      assert.ok(deltas.length > 0 && deltas.length < 8, `got ${deltas.length} deltas`);
      assert.ok(elapsedMs >= 290, `took ${elapsedMs} ms`);
    });

    it(`lets a stream that keeps coming run past timeoutMs: the deadline counts from its last event (${adapter.name})`, async () => {
      // 8 deltas 100 ms apart: about 0.7 s in all, against a 300 ms deadline.
      fake().script({ kind: 'slow', chunkDelayMs: 100 });
      const deltas: string[] = [];
      let alive = 0;

      const response = await adapter.create(fake()).chat(
        chatRequest({ timeoutMs: 300, onDelta: (d) => deltas.push(d), onAlive: () => alive++ }),
        KEY,
      );

      assert.equal(response.outputTokens, 8);
      assert.equal(deltas.join(''), response.text);
      assert.ok(alive > deltas.length, `every event is a sign of life (${alive} for ${deltas.length} deltas)`);
    });

    it(`cancels a stream half-way when the caller aborts after the first delta (${adapter.name})`, async () => {
      fake().script({ kind: 'slow', chunkDelayMs: 100 });
      const controller = new AbortController();
      const deltas: string[] = [];
      const onDelta = (delta: string) => {
        deltas.push(delta);
        controller.abort();
      };

      const request = chatRequest({ signal: controller.signal, onDelta });
      const error = await failureOf(adapter.create(fake()).chat(request, KEY));

      assert.equal(error.reason, 'cancelled');
      assert.equal(deltas.length, 1);
    });

    it(`reports timeout, not cancelled, when the caller aborts with a TimeoutError (${adapter.name})`, async () => {
      fake().script({ kind: 'hang' });

      const request = chatRequest({ signal: AbortSignal.timeout(100) });
      const error = await failureOf(adapter.create(fake()).chat(request, KEY));

      assert.equal(error.reason, 'timeout');
    });

    it(`succeeds when the answer arrives within timeoutMs despite a delay (${adapter.name})`, async () => {
      fake().script({ kind: 'slow', delayMs: 100 });

      const response = await adapter.create(fake()).chat(chatRequest({ timeoutMs: 2_000 }), KEY);

      assert.equal(response.outputTokens, 8);
    });
  }
});
