// router/route and router/execute end to end: a real server process, the official SDKs
// inside it, fake providers on 127.0.0.1 speaking the OpenAI and Anthropic wire formats.
import assert from 'node:assert/strict';
import { DashboardRequest, ExecuteRequest, RouteRequest, UsageRequest, type ExecuteProgress, type ExecuteResult } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { countWords } from '../fakes/reply';
import { API_KEYS, expectedCost, fakeSettings, recordedInputWords, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

describe('router server: route and execute (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  beforeEach(async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: API_KEYS });
  });
  afterEach(async () => {
    await server.stop();
  });

  it('routes an easy completion to the cheap model and a hard refactor to a strong one', async () => {
    const easy = await server.connection.sendRequest(RouteRequest.type, {
      workspaceId: 'ws',
      kind: 'completion',
      document: { ...SAMPLE_DOC, selection: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } } },
    });
    assert.equal(easy.model, 'local/tiny-coder');
    assert.equal(easy.kind, 'completion');
    assert.ok(easy.estimatedCostUsd > 0);
    assert.ok(easy.reasons.some((r) => r.includes('chose local/tiny-coder')), easy.reasons.join('\n'));

    const bigSelection = Array.from({ length: 400 }, (_, i) => `  shared.counter${i} += await lock.acquire(${i});`).join('\n');
    const hard = await server.connection.sendRequest(RouteRequest.type, {
      workspaceId: 'ws',
      kind: 'refactor',
      prompt: 'Refactor this to remove the race condition and redesign the concurrency model',
      document: {
        uri: 'file:///ws/big.ts',
        languageId: 'typescript',
        text: bigSelection,
        selection: { start: { line: 0, character: 0 }, end: { line: 399, character: 10 } },
      },
    });
    assert.notEqual(hard.model, 'local/tiny-coder', hard.reasons.join('\n'));
    assert.equal(hard.difficulty, 'hard');
    assert.ok(hard.fallbacks.length >= 1);
  });

  it('lists every candidate with its estimated cost, quality and availability, the choice first', async () => {
    const r = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'ws', kind: 'explain', document: SAMPLE_DOC });
    assert.deepEqual(r.candidates.map((c) => c.model), [r.model, ...r.fallbacks]);
    assert.equal(r.candidates[0].estimatedCostUsd, r.estimatedCostUsd);
    for (const c of r.candidates) assert.ok(c.quality > 0 && c.quality <= 1, JSON.stringify(c));
    const local = r.candidates.find((c) => c.model === 'local/big-coder')!;
    assert.ok(local.estimatedCostUsd! > r.candidates.find((c) => c.model === 'local/tiny-coder')!.estimatedCostUsd!);
    // The server was started with a Claude key, so every candidate can be called now.
    assert.ok(r.candidates.every((c) => c.unavailable === undefined), JSON.stringify(r.candidates));
  });

  it('learns how long this workspace\'s answers are: after a few, estimates use their median instead of the fixed guess', async () => {
    const explain = { workspaceId: 'ws-calibrate', kind: 'explain' as const, document: SAMPLE_DOC };
    const before = await server.connection.sendRequest(RouteRequest.type, explain);
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push((await server.connection.sendRequest(ExecuteRequest.type, { ...explain, prompt: `why, take ${i}` })).usage.outputTokens);
    }
    const after = await server.connection.sendRequest(RouteRequest.type, explain);
    const median = [...answers].sort((a, b) => a - b)[2];
    assert.ok(after.reasons.includes(`expected answer ~${median} tokens: the median of this workspace's last 5 explain answers`), after.reasons.join('\n'));
    // The fakes answer in a few dozen tokens, far below the 400 guessed for an explanation.
    assert.ok(after.estimatedCostUsd < before.estimatedCostUsd, `${after.estimatedCostUsd} vs ${before.estimatedCostUsd}`);
    const elsewhere = await server.connection.sendRequest(RouteRequest.type, { ...explain, workspaceId: 'ws-other' });
    assert.ok(!elsewhere.reasons.some((r) => r.startsWith('expected answer')), 'another workspace keeps the guess');
  });

  it('classifies the kind when the request does not give it', async () => {
    const r = await server.connection.sendRequest(RouteRequest.type, {
      workspaceId: 'ws',
      prompt: 'explain what this function does',
      document: SAMPLE_DOC,
    });
    assert.equal(r.kind, 'explain');
    assert.ok(r.reasons.some((x) => x.includes('classified')), r.reasons.join('\n'));
  });

  it('executes through the SDK and bills the tokens the provider reported times the price', async () => {
    const result = await server.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws',
      kind: 'explain',
      document: SAMPLE_DOC,
    });
    const sent = fake().requests.at(-1)!;
    assert.equal(result.model, `local/${sent.model}`);
    assert.match(result.text, /^Fake \S+ answers:/);
    assert.equal(result.usage.outputTokens, countWords(result.text));
    assert.equal(result.usage.inputTokens, recordedInputWords(sent.body));
    const cost = expectedCost(result.model as 'local/tiny-coder', result.usage.inputTokens, result.usage.outputTokens);
    assert.ok(Math.abs(result.usage.costUsd - cost) < 1e-12, `${result.usage.costUsd} vs ${cost}`);
    assert.equal(result.cached, false);
    assert.deepEqual(result.attempts.map((a) => a.ok), [true]);
  });

  it('bills prompt tokens the provider read from its prompt cache at the cached price, and says so', async () => {
    await server.stop();
    const settings = fakeSettings(fake(), { cache: { enabled: false } });
    Object.assign(settings.providers[0].models[0], { cachedInputUsdPerMTok: 0.025 });
    server = await ServerProcess.start({ settings, apiKeys: API_KEYS });
    fake().script({ kind: 'cached-prompt', cachedTokens: 5 }, { model: 'tiny-coder' });

    const request = { workspaceId: 'ws-cached', kind: 'explain' as const, document: SAMPLE_DOC, model: 'local/tiny-coder', partialResultToken: 'cached' };
    const result = await server.connection.sendRequest(ExecuteRequest.type, request);

    assert.equal(result.usage.cachedInputTokens, 5);
    const { inputTokens, outputTokens } = result.usage;
    const cost = expectedCost('local/tiny-coder', inputTokens - 5, outputTokens) + (5 * 0.025) / 1_000_000;
    assert.ok(Math.abs(result.usage.costUsd - cost) < 1e-12, `${result.usage.costUsd} vs ${cost}`);
    assert.ok(result.usage.costUsd < expectedCost('local/tiny-coder', inputTokens, outputTokens), 'cheaper than the full price');
    assert.ok(result.reasons.includes("5 prompt tokens read from local/tiny-coder's prompt cache: billed at $0.025/MTok instead of $0.1"),
      result.reasons.join('\n'));
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-cached' });
    assert.ok(Math.abs(usage.total.costUsd - result.usage.costUsd) < 1e-12, 'spend is what was billed');
  });

  it('leaves a model that reasons room to think in its output limit, and says so', async () => {
    await server.stop();
    const settings = fakeSettings(fake(), { cache: { enabled: false } });
    Object.assign(settings.providers[0].models[0], { reasoning: true });
    server = await ServerProcess.start({ settings, apiKeys: API_KEYS });
    const request = { workspaceId: 'ws', kind: 'explain' as const, document: SAMPLE_DOC, model: 'local/tiny-coder' };

    const result = await server.connection.sendRequest(ExecuteRequest.type, request);
    const limit = (fake().requests.at(-1)!.body as { max_tokens: number }).max_tokens;
    assert.ok(result.reasons.includes('local/tiny-coder reasons before answering: its output limit has 16384 more tokens for that'),
      result.reasons.join('\n'));
    await server.connection.sendRequest(ExecuteRequest.type, { ...request, maxTokens: 300 });
    assert.equal((fake().requests.at(-1)!.body as { max_tokens: number }).max_tokens, 300, 'a cap the caller set is kept');
    // An explanation's own limit is 1,500 tokens; with the room it reaches the model's maximum
    // (4,096 for a model the price table does not know).
    assert.equal(limit, 4096);
  });

  it('says an answer that stopped at its length limit is incomplete', async () => {
    fake().script({ kind: 'truncated' }, { model: 'tiny-coder' });
    const request = { workspaceId: 'ws', kind: 'explain' as const, document: SAMPLE_DOC, model: 'local/tiny-coder' };
    const cut = await server.connection.sendRequest(ExecuteRequest.type, request);
    assert.equal(cut.truncated, true);
    assert.ok(cut.warnings.some((w) => /^The answer stopped at its length limit \(\d+ tokens\): it is incomplete\.$/.test(w)), cut.warnings.join('\n'));

    const whole = await server.connection.sendRequest(ExecuteRequest.type, request);
    assert.equal(whole.truncated, undefined);
    assert.ok(!whole.warnings.some((w) => w.includes('length limit')));
  });

  it('streams partial text as $/progress and asks the provider for usage in the stream', async () => {
    const token = 'stream-1';
    const deltas: string[] = [];
    const disposable = server.connection.onProgress(ExecuteRequest.progress, token, (v) => void deltas.push(v.delta));
    const result = await server.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws',
      kind: 'explain',
      document: SAMPLE_DOC,
      partialResultToken: token,
    });
    disposable.dispose();
    assert.ok(deltas.length > 1, `expected several deltas, got ${deltas.length}`);
    assert.equal(deltas.join(''), result.text);
    const body = fake().requests.at(-1)!.body as { stream: boolean; stream_options?: { include_usage: boolean } };
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.ok(result.usage.costUsd > 0);
  });

  it('streams a refusal\'s words as $/progress refusal pieces as they arrive, never as text', async () => {
    const words = "I'm sorry, but I can't help with that request.";
    fake().script({ kind: 'refusal', text: words }, { model: 'tiny-coder' });
    const token = 'stream-refusal';
    const updates: ExecuteProgress[] = [];
    const disposable = server.connection.onProgress(ExecuteRequest.progress, token, (v) => void updates.push(v));
    const result = await server.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws-refusal', kind: 'explain', document: SAMPLE_DOC, model: 'local/tiny-coder', partialResultToken: token,
    });
    disposable.dispose();
    const pieces = updates.flatMap((u) => (u.refusal === undefined ? [] : [u.refusal]));
    assert.ok(pieces.length > 1, `the refusal streamed in pieces: ${JSON.stringify(updates)}`);
    assert.equal(pieces.join(''), words);
    assert.equal(result.refusal, words);
    assert.ok(updates.every((u) => u.delta === ''), 'no piece of the refusal arrives as answer text');
  });

  it('carries Anthropic\'s explanation of a refusal (stop_details) as refusalDetails, apart from the text the model wrote before it', async () => {
    const explanation = 'This request could enable malware development.';
    fake().script({ kind: 'refusal', text: 'Here is how one would start:', category: 'cyber', explanation }, { model: 'claude-fake' });
    const updates: ExecuteProgress[] = [];
    const disposable = server.connection.onProgress(ExecuteRequest.progress, 'stream-explained', (v) => void updates.push(v));
    const result = await server.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws-explained', kind: 'explain', document: SAMPLE_DOC, model: 'claude/claude-fake', partialResultToken: 'stream-explained',
    });
    disposable.dispose();
    assert.deepEqual([result.text, result.refusal, result.finishReason], ['Here is how one would start:', '', 'refusal']);
    assert.deepEqual(result.refusalDetails, { category: 'cyber', explanation });
    assert.ok(!JSON.stringify(updates).includes(explanation), 'no streamed piece carries the explanation as the model\'s words');
  });

    it('answers from a local server whose stream has no usage, with tokens counted locally and the cost marked as an estimate', async () => {
    fake().script({ kind: 'missing-usage' }, { model: 'tiny-coder' });
    const result = await server.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws-estimate',
      kind: 'explain',
      document: SAMPLE_DOC,
      model: 'local/tiny-coder',
      partialResultToken: 'stream-no-usage',
    });
    assert.equal(result.usage.estimated, true);
    assert.deepEqual(result.attempts.map((a) => a.ok), [true], 'no fallback: the answer was good');
    assert.ok(result.usage.outputTokens > 0);
    const cost = expectedCost('local/tiny-coder', result.usage.inputTokens, result.usage.outputTokens);
    assert.ok(Math.abs(result.usage.costUsd - cost) < 1e-12);
    assert.ok(result.warnings.some((w) => w.includes('counted locally')), result.warnings.join('\n'));
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-estimate' });
    assert.equal(usage.total.requests, 1);
    assert.ok(Math.abs(usage.total.costUsd - result.usage.costUsd) < 1e-12);
    const dashboard = await server.connection.sendRequest(DashboardRequest.type, { workspaceId: 'ws-estimate' });
    assert.ok(JSON.stringify(dashboard).includes('tokens counted locally'), 'the routing log says the tokens were estimated');
  });

  it('answers with a model that has no known price, saying the cost is unknown rather than $0, in the result and the log', async () => {
    const settings = fakeSettings(fake(), { cache: { enabled: false } });
    const [local, ...others] = settings.providers;
    // A model the built-in price table has never heard of, and no price in the settings.
    const unpriced = { id: 'house-model-7', contextWindow: 32_000 };
    const withUnpriced = {
      ...settings,
      providers: [{ ...local, models: [...local.models, unpriced] }, ...others],
      routing: { rules: { ask: { model: 'local/house-model-7' } } },
    };
    const own = await ServerProcess.start({ settings: withUnpriced, apiKeys: API_KEYS });
    try {
      const result = await own.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-unpriced', prompt: 'hello', model: 'local/house-model-7' });
      assert.equal(result.usage.priceUnknown, true);
      assert.equal(result.usage.costUsd, 0);
      // Said once, in the words that name the setting to fix.
      const aboutPrice = result.warnings.filter((w) => /price/i.test(w));
      assert.equal(aboutPrice.length, 1, result.warnings.join('\n'));
      assert.match(aboutPrice[0], /local\/house-model-7.*inputUsdPerMTok.*unknown/);
      const { history, usage } = await own.connection.sendRequest(DashboardRequest.type, { workspaceId: 'ws-unpriced' });
      assert.equal(history[0].priceUnknown, true);
      assert.equal(usage.total.unpricedRequests, 1);
      // Pinned for "ask" (below), so the decision itself chooses the unpriced model.
      const decision = await own.connection.sendRequest(RouteRequest.type, { workspaceId: 'ws-unpriced', kind: 'ask', prompt: 'hello' });
      assert.equal(decision.model, 'local/house-model-7');
      assert.equal(decision.priceUnknown, true, 'a decision does not pass an unknown price off as $0 either');
      assert.equal(decision.candidates[0].estimatedCostUsd, undefined);
    } finally {
      await own.stop();
    }
  });

  it('after a fallback from a model with no known price, warns about no price: the model that answered has one', async () => {
    const settings = fakeSettings(fake(), { cache: { enabled: false } });
    const [local, ...others] = settings.providers;
    const withUnpriced = { ...settings, providers: [{ ...local, models: [...local.models, { id: 'house-model-8', contextWindow: 32_000 }] }, ...others] };
    const own = await ServerProcess.start({ settings: withUnpriced, apiKeys: API_KEYS });
    try {
      fake().script({ kind: 'status', status: 500 }, { model: 'house-model-8', times: 'always' });
      const result = await own.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-fell-back', prompt: 'hello', model: 'local/house-model-8' });
      assert.notEqual(result.model, 'local/house-model-8');
      assert.equal(result.usage.priceUnknown, undefined);
      assert.deepEqual(result.warnings.filter((w) => /price/i.test(w)), []);
    } finally {
      fake().clearScripts();
      await own.stop();
    }
  });

  it('marks a candidate that cannot be called now, and why, instead of hiding it', async () => {
    const keyless = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }) });
    try {
      const r = await keyless.connection.sendRequest(RouteRequest.type, { workspaceId: 'ws', kind: 'ask', prompt: 'what is a monad?' });
      const claude = r.candidates.find((c) => c.model === 'claude/claude-fake')!;
      assert.match(claude.unavailable ?? '', /no API key for provider "claude"/);
      assert.equal(r.candidates.at(-1)!.model, 'claude/claude-fake', 'tried last');
    } finally {
      await keyless.stop();
    }
  });

  it('takes logical models over JSON-RPC: "best" routes by that strategy, an alias tries its own models in order', async () => {
    await server.changeSettings(fakeSettings(fake(), { cache: { enabled: false }, aliases: { house: { models: ['claude/claude-fake', 'local/tiny-coder'] } } }));
    const ask = { workspaceId: 'ws', kind: 'ask' as const, prompt: 'what is a monad?' };
    const best = await server.connection.sendRequest(ExecuteRequest.type, { ...ask, model: 'best' });
    assert.equal(best.model, 'local/big-coder');
    assert.ok(best.reasons.includes('model "best": strategy best for this request'), best.reasons.join('\n'));
    fake().script({ kind: 'status', status: 500 }, { model: 'claude-fake', times: 'always' });
    const house = await server.connection.sendRequest(ExecuteRequest.type, { ...ask, model: 'house' });
    assert.deepEqual(house.attempts.map((a) => [a.model, a.ok]), [['claude/claude-fake', false], ['local/tiny-coder', true]]);
  });

  it('calls Anthropic through its SDK with the stored key and bills its usage', async () => {
    const result = await server.connection.sendRequest(ExecuteRequest.type, {
      workspaceId: 'ws',
      kind: 'ask',
      prompt: 'what is a monad?',
      model: 'claude/claude-fake',
    });
    const sent = fake().requests.at(-1)!;
    assert.equal(sent.api, 'anthropic');
    assert.equal(sent.apiKey, API_KEYS.claude);
    assert.equal(result.model, 'claude/claude-fake');
    const cost = expectedCost('claude/claude-fake', result.usage.inputTokens, result.usage.outputTokens);
    assert.ok(Math.abs(result.usage.costUsd - cost) < 1e-12);
  });

  it('records every request and sends router/usageChanged with the new totals', async () => {
    const results: ExecuteResult[] = [];
    for (const prompt of ['summarize the design', 'what is a closure?']) {
      results.push(await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-a', prompt }));
    }
    await server.waitFor(() => server.usageEvents.length >= 2);
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-a' });
    const spent = results.reduce((s, r) => s + r.usage.costUsd, 0);
    assert.equal(usage.total.requests, 2);
    assert.ok(Math.abs(usage.today.costUsd - spent) < 1e-12);
    assert.ok(Math.abs(server.usageEvents.at(-1)!.today.costUsd - spent) < 1e-12);
    assert.equal(usage.last?.model, results[1].model);
    const other = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-b' });
    assert.equal(other.total.requests, 0, 'workspaces are kept apart');
  });

  it('serves the dashboard: daily spend, routing log with attempts, model health and the saving', async () => {
    fake().script({ kind: 'status', status: 500 }, { model: 'tiny-coder' });
    const r = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws-d', kind: 'explain', document: SAMPLE_DOC });
    assert.ok(r.reasons.some((x) => x.startsWith(`fell back to ${r.model}`)), r.reasons.join('\n'));
    const d = await server.connection.sendRequest(DashboardRequest.type, { workspaceId: 'ws-d', days: 7 });
    assert.equal(d.daily.length, 7);
    assert.ok(Math.abs(d.daily.at(-1)!.costUsd - r.usage.costUsd) < 1e-12, 'today is the last day');
    assert.equal(d.history.length, 1);
    assert.deepEqual(d.history[0].attempts.map((a) => a.ok), [false, true]);
    assert.equal(d.history[0].model, r.model);
    const tiny = d.health.find((h) => h.model === 'local/tiny-coder')!;
    assert.equal(tiny.failures, 1);
    assert.equal(d.health.length, 3, 'every configured model is listed');
    assert.equal(d.savings.strongestModel, 'local/big-coder');
    assert.ok(d.savings.strongestUsd > d.savings.actualUsd);
  });
});
