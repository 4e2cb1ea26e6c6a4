// The OpenAI-compatible HTTP gateway as a real process (dist/server.js --http), driven by
// the official `openai` SDK the way any OpenAI tool would, against the fake providers.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { APIError, APIUserAbortError } from 'openai';
import { DashboardRequest, UsageRequest } from '../../shared/protocol';
import { DEFERRED_COMMIT_MS } from '../../server/src/ledger/ledger';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { countWords, fakeReply } from '../fakes/reply';
import { API_KEYS, expectedCost } from './fixtures';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess, runGatewayExpectingExit } from './gateway-process';
import { ServerProcess } from './server-process';

const CONVERSATION: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'What is a closure?' },
  { role: 'assistant', content: 'A function with its environment.' },
  { role: 'user', content: 'Explain what a closure in JavaScript captures and why' },
];

const env = gatewayEnv;

async function waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('HTTP gateway (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;
  let client: OpenAI;

  before(async () => {
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env });
    client = new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0 });
  });
  after(async () => {
    await gateway?.stop();
  });

  it('lists the logical models and every configured model, with its context window', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model as typeof model & { context_window?: number });
    assert.deepEqual(models.map((m) => m.id), ['auto', 'cheap', 'fast', 'best', 'local/tiny-coder', 'local/big-coder', 'claude/claude-fake']);
    assert.equal(models.find((m) => m.id === 'local/tiny-coder')?.context_window, 32_000);
  });

  it('answers with the routed model, real usage and cost headers, sending the messages verbatim', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'auto', messages: CONVERSATION }).withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.match(data.model, /^(local|claude)\//);
    assert.equal(response.headers.get('x-llm-router-model'), data.model);
    assert.equal(response.headers.get('x-llm-router-cached'), 'false');

    assert.equal(fake().requests.length, 1);
    const sent = fake().requests[0].body as { messages?: { role: string; content: string }[]; system?: string };
    const asSent = data.model.startsWith('claude/')
      ? [{ role: 'system', content: sent.system }, ...sent.messages!]
      : sent.messages!;
    assert.deepEqual(asSent, CONVERSATION, 'the provider got the conversation as given, no prompt of ours');

    const reply = fakeReply(data.model.split('/')[1], CONVERSATION.map((m) => ({ role: m.role, text: String(m.content) })));
    assert.equal(data.choices[0].message.content, reply.text);
    assert.equal(data.choices[0].finish_reason, 'stop');
    assert.deepEqual(data.usage, {
      prompt_tokens: reply.inputTokens,
      completion_tokens: reply.outputTokens,
      total_tokens: reply.inputTokens + reply.outputTokens,
    });
    const cost = Number(response.headers.get('x-llm-router-cost-usd'));
    assert.ok(Math.abs(cost - expectedCost(data.model as 'local/tiny-coder', reply.inputTokens, reply.outputTokens)) < 1e-12);
    assert.equal(response.headers.get('x-llm-router-cost-basis'), 'provider');
  });

  it('streams chunks as text arrives, then a usage chunk and [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'local/big-coder',
      messages: [{ role: 'user', content: 'Summarize this short note about streams please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    const reply = fakeReply('big-coder', [{ role: 'user', text: 'Summarize this short note about streams please' }]);
    assert.equal(text, reply.text);
    assert.ok(chunks.filter((c) => c.choices[0]?.delta.content).length > 1, 'more than one text chunk');
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'local/big-coder'));
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage?.completion_tokens, countWords(reply.text));
    assert.equal(chunks.at(-2)!.choices[0].finish_reason, 'stop');
  });

  it('reports finish_reason "length" for an answer cut at its token limit, plain and streamed', async () => {
    fake().script({ kind: 'truncated' }, { model: 'tiny-coder', times: 2 });
    const request = { model: 'local/tiny-coder', messages: [{ role: 'user' as const, content: 'hello' }] };
    const plain = await client.chat.completions.create(request);
    assert.equal(plain.choices[0].finish_reason, 'length');
    const finishes: (string | null)[] = [];
    for await (const c of await client.chat.completions.create({ ...request, stream: true })) finishes.push(c.choices[0]?.finish_reason ?? null);
    assert.equal(finishes.filter((f) => f !== null).join(), 'length');
    assert.equal((await client.chat.completions.create(request)).choices[0].finish_reason, 'stop');
  });

  it('forces a configured model', async () => {
    const answer = await client.chat.completions.create({ model: 'claude/claude-fake', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(answer.model, 'claude/claude-fake');
    assert.equal(fake().requests[0].apiKey, API_KEYS.claude, 'the key came from the apiKeyEnv variable');
  });

  it('honours max_tokens and temperature', async () => {
    await client.chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hi' }], max_tokens: 17, temperature: 0.7 });
    const body = fake().requests[0].body as { max_tokens?: number; max_completion_tokens?: number; temperature: number };
    assert.equal(body.max_tokens ?? body.max_completion_tokens, 17);
    assert.equal(body.temperature, 0.7);
  });

  it('falls back after a scripted 500, and says which model answered', async () => {
    fake().script({ kind: 'status', status: 500 }, { model: 'tiny-coder' });
    const { data, response } = await client.chat.completions
      .create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hello' }] })
      .withResponse();
    assert.notEqual(data.model, 'local/tiny-coder');
    assert.equal(response.headers.get('x-llm-router-model'), data.model);
    assert.deepEqual(fake().requests.map((r) => r.behaviour), ['status', 'ok']);
  });

  it('falls back invisibly in a stream when the first model fails before any text', async () => {
    fake().script({ kind: 'status', status: 500 }, { model: 'tiny-coder' });
    const stream = await client.chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hello' }], stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const model = chunks[0].model;
    assert.notEqual(model, 'local/tiny-coder');
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), fakeReply(model.split('/')[1], [{ role: 'user', text: 'hello' }]).text);
  });

  it('ends a stream with an error, not a spliced answer, when the model fails after sending text', async () => {
    fake().script({ kind: 'stream-error', status: 500 }, { model: 'tiny-coder' });
    const words = 'one two three four five six seven eight nine ten';
    const stream = await client.chat.completions.create(
      { model: 'local/tiny-coder', messages: [{ role: 'user', content: words }], stream: true },
      { headers: { 'x-llm-router-workspace': 'broken-ws' } },
    );
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
      })(),
      (e: APIError) => /failed after part of its answer was streamed/.test(e.message),
    );
    assert.ok(text.length > 0 && fakeReply('tiny-coder', [{ role: 'user', text: words }]).text.startsWith(text), 'only the first model wrote');
  });

  it('refuses what a web page could send: an Origin header, or a body not declared JSON, before any provider call', async () => {
    const body = JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'spend my money' }] });
    const calls = fake().requests.length;
    const fromPage = await fetch(`${gateway.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    assert.equal(fromPage.status, 403);
    const simple = await fetch(`${gateway.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    assert.equal(simple.status, 415);
    assert.equal(fake().requests.length, calls, 'no provider was called');
  });

  it('rejects a bad body with 400 naming the field', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 42 as unknown as string }] }),
      (e: APIError) => e.status === 400 && e.param === 'messages[0].content' && e.type === 'invalid_request_error',
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'x' }], n: 2 }),
      (e: APIError) => e.status === 400 && e.param === 'n',
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
      (e: APIError) => e.status === 400 && e.param === 'model',
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'local/unknown', messages: [{ role: 'user', content: 'x' }] }),
      (e: APIError) => e.status === 400 && e.code === 'no_candidates',
    );
    assert.equal(fake().requests.length, 0);
  });

  it('answers 502 with every attempt when all candidates fail', async () => {
    fake().script({ kind: 'status', status: 500 }, { times: 'always' });
    await assert.rejects(
      client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hello' }] }),
      (e: APIError) => e.status === 502 && /local\/tiny-coder: .*500/.test(e.message) && /claude\/claude-fake/.test(e.message),
    );
  });

  it('aborts the provider call when the client goes away, and records it as cancelled', async () => {
    fake().script({ kind: 'hang' }, { model: 'tiny-coder' });
    const abort = new AbortController();
    const pending = client.chat.completions.create(
      { model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hello' }] },
      { signal: abort.signal, headers: { 'x-llm-router-workspace': 'abort-ws' } },
    );
    await waitFor(() => fake().requests.length === 1);
    abort.abort();
    await assert.rejects(pending, APIUserAbortError);
    await waitFor(() => fake().requests[0].clientGone === true);
    assert.equal(fake().requests.length, 1, 'no fallback after the client left');
  });

  it('records every request in the ledger under the workspace header', async () => {
    const headers = { 'x-llm-router-workspace': 'ledger-ws', 'x-llm-router-kind': 'explain' };
    const first = await client.chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hello there' }] }, { headers }).withResponse();
    const stream = await client.chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'again' }], stream: true }, { headers });
    for await (const _ of stream);
    // The editor's server on the same storage folder sees what the gateway spent, once the
    // gateway's journal is committed (DEFERRED_COMMIT_MS after a request answered alone).
    const server = await ServerProcess.start({ storageDir: gateway.storageDir, settings: gatewaySettings(fake()) });
    const requestsOf = async (workspaceId: string) => (await server.connection.sendRequest(UsageRequest.type, { workspaceId })).total.requests;
    const seenBy = async (workspaceId: string, count: number) => {
      const deadline = Date.now() + 5_000;
      while ((await requestsOf(workspaceId)) < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, DEFERRED_COMMIT_MS));
      assert.equal(await requestsOf(workspaceId), count, `${workspaceId}: every request counted, once`);
    };
    try {
      await seenBy('ledger-ws', 2);
      const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ledger-ws' });
      assert.deepEqual(Object.keys(usage.byKind), ['explain']);
      assert.ok(usage.total.costUsd > Number(first.response.headers.get('x-llm-router-cost-usd')));
      const cancelled = await server.connection.sendRequest(DashboardRequest.type, { workspaceId: 'abort-ws' });
      assert.deepEqual(cancelled.history.map((h) => h.outcome), ['cancelled']);
      // The stream that broke off after sending text (test above) was billed for that text.
      const broken = await server.connection.sendRequest(DashboardRequest.type, { workspaceId: 'broken-ws' });
      assert.ok(broken.history[0].attempts[0].billed, JSON.stringify(broken.history[0].attempts));
      assert.ok(broken.usage.total.costUsd > 0, 'the broken-off text costs money');

      // An empty header (a script's unset variable) means no header: the default workspace.
      const before = await requestsOf('gateway');
      await client.chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-llm-router-workspace': '' } });
      await seenBy('gateway', before + 1);
    } finally {
      await server.stop();
    }
  });
});

describe('HTTP gateway: token and budget (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess | undefined;

  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });

  it('applies an edited settings file live, and keeps the last good settings when the file turns bad', async () => {
    const own = await GatewayProcess.start({ settings: gatewaySettings(fake()), env });
    try {
      const ownClient = new OpenAI({ baseURL: own.url, apiKey: 'unused-on-loopback', maxRetries: 0 });
      const modelIds = async () => (await ownClient.models.list()).data.map((m) => m.id);
      const eventually = async (what: string, check: () => Promise<boolean> | boolean) => {
        const deadline = Date.now() + 8_000;
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${own.stderr}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      assert.ok(!(await modelIds()).includes('local/added-live'));

      const settings = gatewaySettings(fake());
      const [local, ...others] = settings.providers;
      const edited = { ...settings, providers: [{ ...local, models: [...local.models, { ...local.models[0], id: 'added-live' }] }, ...others] };
      writeFileSync(own.settingsFile, JSON.stringify({ llmRouter: edited }));
      await eventually('the new model', async () => (await modelIds()).includes('local/added-live'));
      assert.match(own.stderr, /settings reloaded from .*settings\.json \(file changed\)/);

      writeFileSync(own.settingsFile, '{ "providers": [ ');
      await eventually('the JSON error', () => /settings not reloaded \(file changed\): --settings .*JSON/.test(own.stderr));
      writeFileSync(own.settingsFile, JSON.stringify({ ...edited, routing: { strategy: 'bogus' } }));
      own.child.kill('SIGHUP');
      await eventually('the invalid setting', () => /settings not reloaded \(SIGHUP\): invalid settings: llmRouter\.routing\.strategy/.test(own.stderr));
      assert.ok((await modelIds()).includes('local/added-live'), 'the last good settings stay active');
      const answer = await ownClient.chat.completions.create({ model: 'local/added-live', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(answer.model, 'local/added-live');
    } finally {
      await own.stop();
    }
  });

  it('requires the token once LLM_ROUTER_GATEWAY_TOKEN is set', async () => {
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: { ...env, LLM_ROUTER_GATEWAY_TOKEN: 's3cret-token-for-tests' } });
    const wrong = new OpenAI({ baseURL: gateway.url, apiKey: 'guess', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), (e: APIError) => e.status === 401);
    await assert.rejects(
      wrong.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }),
      (e: APIError) => e.status === 401,
    );
    assert.equal(fake().requests.length, 0);
    const right = new OpenAI({ baseURL: gateway.url, apiKey: 's3cret-token-for-tests', maxRetries: 0 });
    const answer = await right.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(answer.choices[0].message.content);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    const { code, stderr } = await runGatewayExpectingExit(['--http', '0.0.0.0:0', '--storage', join(tmpdir(), 'llm-router-never-opened')], {
      LLM_ROUTER_GATEWAY_TOKEN: '',
    });
    assert.equal(code, 2);
    assert.match(stderr, /requires a token: set LLM_ROUTER_GATEWAY_TOKEN/);
  });

  it('refuses to start with a token of only spaces, naming the variable', async () => {
    const { code, stderr } = await runGatewayExpectingExit(['--http', '127.0.0.1:0', '--storage', join(tmpdir(), 'llm-router-never-opened')], {
      LLM_ROUTER_GATEWAY_TOKEN: '   ',
    });
    assert.equal(code, 2);
    assert.match(stderr, /LLM_ROUTER_GATEWAY_TOKEN is only spaces/);
  });

  it('answers 402 budget_exceeded once a blocking budget is spent', async () => {
    const budget = { dailyUsd: 1e-6, onExceed: 'block' }; // less than one fake answer costs
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake(), { budget }), env });
    const client = new OpenAI({ baseURL: gateway.url, apiKey: 'x', maxRetries: 0 });
    await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'spend' }] });
    await assert.rejects(
      client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'spend more' }] }),
      (e: APIError) => e.status === 402 && e.type === 'budget_exceeded',
    );
  });
});
