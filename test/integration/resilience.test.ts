// Fallback, retry-after, key rotation and cancellation across the real process boundary.
import assert from 'node:assert/strict';
import { DashboardRequest, ErrorCodes, ExecuteRequest, UsageRequest, type AllFailedData } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, expectedCost, fakeSettings, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

const EXPLAIN = { workspaceId: 'ws', kind: 'explain' as const, document: SAMPLE_DOC };

describe('router server: resilience (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  afterEach(async () => {
    await server?.stop();
  });

  async function start(extra: Record<string, unknown> = {}, apiKeys: Record<string, string | string[]> = API_KEYS) {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false }, ...extra }), apiKeys });
  }

  for (const [label, behaviour, extra] of [
    ['429', { kind: 'status', status: 429 }, {}],
    ['500', { kind: 'status', status: 500 }, {}],
    ['a connection reset', { kind: 'reset' }, {}],
    ['a malformed body', { kind: 'malformed' }, {}],
    // A short answer (it comes whole, as JSON): a local server's stream without usage is counted, not refused.
    ['a reply without usage', { kind: 'missing-usage' }, { maxTokens: 100 }],
  ] as const) {
    it(`falls back to the next model after ${label}`, async () => {
      await start();
      fake().script(behaviour, { model: 'tiny-coder', times: 'always' });
      const result = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, ...extra });
      assert.notEqual(result.model, 'local/tiny-coder');
      assert.equal(result.attempts[0].model, 'local/tiny-coder');
      assert.equal(result.attempts[0].ok, false);
      assert.ok(result.attempts[0].error, 'the failed attempt says why');
      assert.equal(result.attempts.at(-1)!.ok, true);
    });
  }

  it('words a refused attempt with its status and the provider\'s message once, the model named beside it', async () => {
    await start();
    fake().script({ kind: 'status', status: 400, message: 'model tiny-coder does not exist' }, { model: 'tiny-coder' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, EXPLAIN);
    assert.equal(result.attempts[0].model, 'local/tiny-coder');
    assert.equal(result.attempts[0].error, '400 request refused: model tiny-coder does not exist');
    const fellBack = result.reasons.find((r) => r.startsWith('fell back to'));
    assert.match(fellBack ?? '', /after local\/tiny-coder: 400 request refused: model tiny-coder does not exist$/);
  });

  it('falls back from an overloaded Anthropic model (529)', async () => {
    await start();
    fake().script({ kind: 'status', status: 529 }, { model: 'claude-fake', times: 'always' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, model: 'claude/claude-fake' });
    assert.notEqual(result.model, 'claude/claude-fake');
    assert.match(result.attempts[0].error ?? '', /529|overloaded/i);
  });

  it('waits out a short retry-after and retries the same model', async () => {
    await start({ resilience: { retriesPerModel: 1, timeoutMs: 5_000 } });
    fake().script({ kind: 'status', status: 429, retryAfter: '1' }, { model: 'tiny-coder' });
    const started = Date.now();
    const result = await server.connection.sendRequest(ExecuteRequest.type, EXPLAIN);
    assert.equal(result.model, 'local/tiny-coder');
    assert.ok(Date.now() - started >= 900, 'honoured retry-after: 1');
    assert.deepEqual(result.attempts.map((a) => a.ok), [false, true]);
  });

  it('rotates to the next key after a 429 on one key', async () => {
    await start({}, { claude: ['test-key-one', 'test-key-two'] });
    fake().script({ kind: 'status', status: 429, retryAfter: '30' }, { model: 'claude-fake', key: 'test-key-one', times: 'always' });
    const first = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, model: 'claude/claude-fake' });
    assert.equal(first.model, 'claude/claude-fake');
    const keysUsed = fake().requestsFor('claude-fake').map((r) => r.apiKey);
    assert.deepEqual(keysUsed, ['test-key-one', 'test-key-two']);
    await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, prompt: 'again', model: 'claude/claude-fake' });
    assert.equal(fake().requestsFor('claude-fake').at(-1)!.apiKey, 'test-key-two', 'the cooled key is skipped');
  });

  it('fails with 1002 and every attempt when all candidates fail', async () => {
    await start();
    fake().script({ kind: 'status', status: 500 }, { times: 'always' });
    await assert.rejects(server.connection.sendRequest(ExecuteRequest.type, EXPLAIN), (e: { code: number; data: AllFailedData }) => {
      assert.equal(e.code, ErrorCodes.AllCandidatesFailed);
      assert.equal(e.data.attempts.length, 3);
      assert.ok(e.data.attempts.every((a) => !a.ok && a.error));
      return true;
    });
  });

  it('opens the circuit of a failing model so later requests skip it', async () => {
    await start({ resilience: { retriesPerModel: 0, breakerFailures: 2, breakerHalfOpenAfterMs: 60_000 } });
    fake().script({ kind: 'status', status: 500 }, { model: 'tiny-coder', times: 'always' });
    for (let i = 0; i < 2; i++) await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, prompt: `n${i}` });
    const calls = fake().requestsFor('tiny-coder').length;
    const third = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, prompt: 'n3' });
    assert.equal(fake().requestsFor('tiny-coder').length, calls, 'no call to the open circuit');
    assert.notEqual(third.model, 'local/tiny-coder');
  });

  it('cancels a hanging provider call with -32800 when the client sends $/cancelRequest', async () => {
    await start();
    fake().script({ kind: 'hang' }, { times: 'always' });
    const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
    const source = new CancellationTokenSource();
    const pending = server.connection.sendRequest(ExecuteRequest.type, EXPLAIN, source.token);
    await server.waitFor(() => fake().requests.length >= 1);
    const cancelledAt = Date.now();
    source.cancel();
    await assert.rejects(pending, (e: { code: number }) => e.code === ErrorCodes.RequestCancelled);
    assert.ok(Date.now() - cancelledAt < 2_000, 'cancel is prompt');
    assert.equal(fake().requests.length, 1, 'no fallback after a cancel');
  });

  it('records a stream cancelled half-way at the estimated cost of what it streamed, flagged as an estimate', async () => {
    await start();
    fake().script({ kind: 'slow', chunkDelayMs: 400 }, { times: 'always' });
    const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
    const source = new CancellationTokenSource();
    const token = 'cancel-mid-stream';
    const deltas: string[] = [];
    const sub = server.connection.onProgress(ExecuteRequest.progress, token, (v) => void deltas.push(v.delta));
    const pending = server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, workspaceId: 'ws-cut', partialResultToken: token }, source.token);
    await server.waitFor(() => deltas.length >= 1);
    source.cancel();
    await assert.rejects(pending, (e: { code: number }) => e.code === ErrorCodes.RequestCancelled);
    sub.dispose();

    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-cut' });
    assert.equal(usage.total.requests, 1);
    assert.equal(usage.total.estimatedRequests, 1);
    assert.ok(usage.total.costUsd > 0, 'the streamed part costs money');
    assert.ok(usage.total.outputTokens >= 1 && usage.total.inputTokens > 0, JSON.stringify(usage.total));
    const { history } = await server.connection.sendRequest(DashboardRequest.type, { workspaceId: 'ws-cut' });
    assert.equal(history[0].outcome, 'cancelled');
    assert.ok(history[0].reasons.some((r) => r.startsWith('cancelled after')), history[0].reasons.join('\n'));
  });

  it('falls back when an attempt times out', async () => {
    await start({ resilience: { retriesPerModel: 0, timeoutMs: 400 } });
    fake().script({ kind: 'hang' }, { model: 'tiny-coder' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, EXPLAIN);
    assert.match(result.attempts[0].error ?? '', /time/i);
    assert.equal(result.attempts.at(-1)!.ok, true);
  });

  // Events a quarter of a second apart, against a 2 s timeout: the answer takes longer than the
  // timeout in all (its 16 events, almost 4 s), while no gap between two of them comes near it,
  // even on a loaded machine. (At 150 ms against 600 ms, a pause of the server or of the fake
  // of under half a second, as a loaded machine makes, was enough to cut the stream and fall back.)
  const PATIENT = { retriesPerModel: 0, timeoutMs: 2_000 };
  const PIECE_GAP_MS = 250;

  it('keeps a streamed answer that takes longer than timeoutMs while its tokens keep coming: one attempt, no fallback', async () => {
    await start({ resilience: PATIENT });
    fake().script({ kind: 'slow', chunkDelayMs: PIECE_GAP_MS }, { model: 'tiny-coder' });
    const startedAt = Date.now();
    const result = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, partialResultToken: 'long-stream' });
    assert.ok(Date.now() - startedAt > PATIENT.timeoutMs, `the answer took ${Date.now() - startedAt} ms: not longer than the timeout`);
    assert.equal(result.model, 'local/tiny-coder');
    assert.deepEqual(result.attempts.map((a) => a.ok), [true]);
  });

  it('keeps a long answer the client did not stream while the model keeps writing it: one attempt, no fallback', async () => {
    await start({ resilience: PATIENT });
    // No partialResultToken: the client wants it whole.
    fake().script({ kind: 'slow', chunkDelayMs: PIECE_GAP_MS }, { model: 'tiny-coder' });
    const startedAt = Date.now();
    const result = await server.connection.sendRequest(ExecuteRequest.type, EXPLAIN);
    assert.ok(Date.now() - startedAt > PATIENT.timeoutMs, `the answer took ${Date.now() - startedAt} ms: not longer than the timeout`);
    assert.equal(result.model, 'local/tiny-coder');
    assert.deepEqual(result.attempts.map((a) => a.ok), [true]);
    assert.ok(result.text.length > 0);
  });

  it('still cuts a call the client did not stream when the model goes silent, timeoutMs after its last sign of life', async () => {
    await start({ resilience: { retriesPerModel: 0, timeoutMs: 1000 } });
    fake().script({ kind: 'stall' }, { model: 'tiny-coder' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, EXPLAIN);
    assert.notEqual(result.model, 'local/tiny-coder');
    assert.match(result.attempts[0].error ?? '', /timed out after 1s/);
  });

  it('waits for a model that reasons past timeoutMs before its first token, up to four times as long', async () => {
    const settings = fakeSettings(fake(), { cache: { enabled: false }, resilience: { retriesPerModel: 0, timeoutMs: 600 } });
    const [local, ...others] = settings.providers;
    const [tiny, ...bigger] = local.models;
    settings.providers = [{ ...local, models: [{ ...tiny, reasoning: true }, ...bigger] }, ...others] as typeof settings.providers;
    server = await ServerProcess.start({ settings, apiKeys: API_KEYS });
    fake().script({ kind: 'slow', delayMs: 1500 }, { model: 'tiny-coder' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, model: 'local/tiny-coder', partialResultToken: 'thinking' });
    assert.equal(result.model, 'local/tiny-coder');
    assert.deepEqual(result.attempts.map((a) => a.ok), [true]);
  });

  it('falls back from a stream that stalls half-way, timeoutMs after its last token', async () => {
    await start({ resilience: { retriesPerModel: 0, timeoutMs: 1000 } });
    fake().script({ kind: 'stall' }, { model: 'tiny-coder' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, partialResultToken: 'stalled-stream' });
    assert.notEqual(result.model, 'local/tiny-coder');
    assert.match(result.attempts[0].error ?? '', /timed out after 1s/);
    assert.ok(result.attempts[0].billed, 'the half it streamed is billed');
  });

  it('tells a streaming client to discard partial text when a fallback model starts over', async () => {
    await start();
    fake().script({ kind: 'cut' }, { model: 'tiny-coder' });
    const values: { delta: string; reset?: boolean }[] = [];
    const token = 'cut-stream';
    const sub = server.connection.onProgress(ExecuteRequest.progress, token, (v) => void values.push(v));
    const result = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, partialResultToken: token });
    sub.dispose();
    const resetAt = values.findIndex((v) => v.reset);
    assert.ok(resetAt > 0, 'partial text came first, then a reset');
    assert.equal(values.slice(resetAt + 1).map((v) => v.delta).join(''), result.text);
    assert.notEqual(result.model, 'local/tiny-coder');
  });

  it('bills the text a stream delivered before it broke off and a fallback answered, at the broken model’s price', async () => {
    await start();
    fake().script({ kind: 'cut' }, { model: 'tiny-coder' });
    const request = { ...EXPLAIN, workspaceId: 'ws-broken', partialResultToken: 'broken-stream' };
    const result = await server.connection.sendRequest(ExecuteRequest.type, request);

    const [broken] = result.attempts;
    assert.equal(broken.model, 'local/tiny-coder');
    assert.equal(broken.ok, false);
    assert.ok(broken.billed && broken.billed.outputTokens >= 1 && broken.billed.inputTokens > 0, JSON.stringify(broken));
    assert.ok((broken.billed.costUsd ?? 0) > 0, 'the broken-off text has a price');
    assert.equal(result.usage.estimated, true, 'part of the cost is an estimate');
    assert.ok(result.reasons.some((r) => r.startsWith('includes what failed attempts were billed: local/tiny-coder (')),
      result.reasons.join('\n'));

    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-broken' });
    assert.equal(usage.total.requests, 1);
    assert.equal(usage.byModel['local/tiny-coder'].requests, 0);
    assert.ok(Math.abs(usage.byModel['local/tiny-coder'].costUsd - broken.billed.costUsd!) < 1e-12);
    assert.ok(Math.abs(usage.total.costUsd - result.usage.costUsd) < 1e-12, 'spend is what the answer said the request cost');
    const { history } = await server.connection.sendRequest(DashboardRequest.type, { workspaceId: 'ws-broken' });
    assert.deepEqual(history[0].attempts[0].billed, broken.billed);
  });

  it('adds what broken-off streams delivered to spend when every model failed', async () => {
    await start();
    fake().script({ kind: 'cut' }, { times: 'always' });
    const request = { ...EXPLAIN, workspaceId: 'ws-all-broken', partialResultToken: 'all-broken' };
    const error = await server.connection.sendRequest(ExecuteRequest.type, request).then(
      () => assert.fail('expected every model to fail'),
      (e: { code: number; data: AllFailedData }) => e,
    );
    assert.equal(error.code, ErrorCodes.AllCandidatesFailed);
    const billed = error.data.attempts.filter((a) => a.billed);
    assert.ok(billed.length >= 1, JSON.stringify(error.data.attempts));

    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-all-broken' });
    assert.equal(usage.total.requests, 1);
    const expected = billed.reduce((sum, a) => sum + (a.billed?.costUsd ?? 0), 0);
    assert.ok(expected > 0 && Math.abs(usage.total.costUsd - expected) < 1e-12, `${usage.total.costUsd} vs ${expected}`);
    assert.equal(usage.total.estimatedRequests, 1);
  });

  it('falls back from an empty answer cut at its limit, billing the failed attempt the usage its provider reported', async () => {
    await start();
    fake().script({ kind: 'truncated', text: '', outputTokens: 256 }, { model: 'tiny-coder' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, { ...EXPLAIN, workspaceId: 'ws-empty' });

    assert.notEqual(result.model, 'local/tiny-coder');
    assert.ok(result.text.length > 0, 'the fallback answered');
    const [empty] = result.attempts;
    assert.match(empty.error ?? '', /the answer was empty/);
    assert.equal(empty.billed?.reported, true);
    assert.equal(empty.billed?.outputTokens, 256);
    const expected = expectedCost('local/tiny-coder', empty.billed.inputTokens, 256);
    assert.ok(Math.abs((empty.billed.costUsd ?? 0) - expected) < 1e-12, `${empty.billed.costUsd} vs ${expected}`);
    assert.equal(result.usage.estimated, undefined, 'reported counts are not an estimate');

    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-empty' });
    assert.ok(Math.abs(usage.total.costUsd - result.usage.costUsd) < 1e-12, 'spend is what the request cost');
    assert.equal(usage.byModel['local/tiny-coder'].requests, 0);
    assert.ok(Math.abs(usage.byModel['local/tiny-coder'].costUsd - expected) < 1e-12);
    assert.equal(usage.total.estimatedRequests, 0);
  });
});
