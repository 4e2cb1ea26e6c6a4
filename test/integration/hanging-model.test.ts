// A first choice that never answers, under a steady request rate, across the real process
// boundary: the router notices the hanging calls at the first-byte deadline, falls back,
// and routes later requests elsewhere, instead of each waiting the whole-call timeout.
import assert from 'node:assert/strict';
import { ExecuteRequest, type ExecuteResult } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

const REQUESTS = 40;
const INTERVAL_MS = 50; // 20 requests a second
const CALL_TIMEOUT_MS = 30_000;

describe('router server: a hanging first choice (integration)', function () {
  this.timeout(60_000);
  const fake = useFakeProviders();
  let server: ServerProcess;
  after(async () => {
    await server?.stop();
  });

  it('skips the hanging model for later requests, and no request waits the whole-call timeout', async () => {
    const resilience = { retriesPerModel: 0, timeoutMs: CALL_TIMEOUT_MS, firstByteTimeoutMs: 500, breakerFailures: 3, breakerHalfOpenAfterMs: 60_000 };
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false }, resilience }), apiKeys: API_KEYS });
    // One answered request first: what the server loads on its first request (classifier,
    // tokenizer, SDKs) would otherwise stretch the window before the first deadline, and
    // the test would measure a cold start on a loaded machine instead of the breaker.
    await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'explain', document: SAMPLE_DOC, model: 'local/tiny-coder' });
    fake().script({ kind: 'hang' }, { model: 'tiny-coder', times: 'always' });

    const pending: Promise<ExecuteResult>[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      pending.push(server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', kind: 'explain', document: SAMPLE_DOC, model: 'local/tiny-coder' }));
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
    const results = await Promise.all(pending);

    const triedHanging = results.map((r) => r.attempts.some((a) => a.model === 'local/tiny-coder'));
    for (const result of results) {
      assert.notEqual(result.model, 'local/tiny-coder');
      for (const attempt of result.attempts) assert.ok((attempt.latencyMs ?? 0) < CALL_TIMEOUT_MS / 2, `${attempt.model} took ${attempt.latencyMs} ms`);
    }
    // Only requests that arrived before the circuit opened (about the first 500 ms) called it.
    const calledIt = triedHanging.filter(Boolean).length;
    assert.ok(calledIt >= 3 && calledIt < REQUESTS / 2, `${calledIt} of ${REQUESTS} requests called the hanging model`);
    assert.deepEqual(triedHanging.slice(REQUESTS / 2), new Array(REQUESTS / 2).fill(false), 'the later half skipped it');
    const hangingAttempt = results[0].attempts[0];
    assert.match(hangingAttempt.error ?? '', /no first token within 500 ms/);
  });
});
