// `npm start`: a walk through the router server as an editor would use it, against
// fake OpenAI-compatible and Anthropic providers on 127.0.0.1 (no network, no keys
// of yours). Spawns the real dist/server.js over stdio and prints what it decides,
// what it answers, what it costs and how it copes when a provider fails.
import { randomBytes } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { CheckProvidersRequest, ExecuteRequest, GatewayRequest, RouteRequest, UsageRequest, type ExecuteParams } from '../shared/protocol';
import { FakeProviders } from '../test/fakes/fake-providers';
import { READ_FILE } from '../test/fakes/tool-fixtures';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from '../test/integration/fixtures';
import { ServerProcess } from '../test/integration/server-process';

const usd = (v: number) => `$${v.toFixed(6)}`;

async function main() {
  const fake = await FakeProviders.start({ chunkDelayMs: 15 });
  const server = await ServerProcess.start({ settings: fakeSettings(fake, { budget: { dailyUsd: 1 } }), apiKeys: API_KEYS });
  try {
    console.log(`LLM Router demo: server ${process.execPath} dist/server.js --stdio, fake providers at 127.0.0.1:${fake.port}\n`);

    section('0. Check the providers first: each key lists the models (free), typos show up');
    const check = await server.connection.sendRequest(CheckProvidersRequest.type, {});
    for (const p of check.providers) {
      const keys = p.keys.map((k) => `${k.key} ${k.ok ? `ok in ${k.latencyMs} ms` : k.error}`).join('; ');
      console.log(`${p.providerId.padEnd(8)} ${p.status.padEnd(8)} ${p.listedModels ?? 0} models listed; ${keys}`);
    }

    section('1. A completion at the cursor: easy, so the cheap fast model takes it');
    const cursor = { ...SAMPLE_DOC, selection: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } } };
    const decision = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'demo', kind: 'completion', document: cursor });
    console.log(`router/route -> ${decision.model}, ~${usd(decision.estimatedCostUsd)}`);
    decision.reasons.forEach((r) => console.log(`  - ${r}`));

    section('2. "explain this" with no kind given: classified, streamed, billed from reported usage');
    await run(server, { workspaceId: 'demo', prompt: 'explain what this function does', document: SAMPLE_DOC }, true);

    section('3. A hard refactor of a big selection: routed to a strong model');
    const big = Array.from({ length: 300 }, (_, i) => `  state.total${i} += await queue.take(${i});`).join('\n');
    await run(server, {
      workspaceId: 'demo',
      kind: 'refactor',
      prompt: 'remove the race condition and redesign the concurrency',
      document: { uri: 'file:///demo/worker.ts', languageId: 'typescript', text: big, selection: { start: { line: 0, character: 0 }, end: { line: 299, character: 5 } } },
    });

    section('4. The cheap model answers 429 with retry-after: 30 -> fallback to the next');
    fake.script({ kind: 'status', status: 429, retryAfter: '30' }, { model: 'tiny-coder' });
    await run(server, { workspaceId: 'demo', kind: 'summarize', document: SAMPLE_DOC, prompt: 'in two bullets' });

    section('5. The same request again: answered from the cache at $0');
    await run(server, { workspaceId: 'demo', kind: 'summarize', document: SAMPLE_DOC, prompt: 'in two bullets' });

    section('6. A coding agent through the gateway the editor hosts: a tool call out, its result back, on both APIs');
    await agentTurns(server, fake);

    section('7. What this workspace spent (router/usage), by model and by client');
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'demo' });
    console.log(`today ${usd(usage.today.costUsd)} over ${usage.today.requests} requests; budget $1.00/day: ${usage.budget.state}`);
    for (const [model, t] of Object.entries(usage.byModel)) console.log(`  ${model.padEnd(28)} ${t.requests} requests  ${usd(t.costUsd)}`);
    for (const [client, t] of Object.entries(usage.byClient)) console.log(`  ${client.padEnd(28)} ${t.requests} requests  ${usd(t.costUsd)}`);
    console.log(`\nLedger: ${server.storageDir}/ledger.sqlite (removed when the demo ends). Protocol: docs/protocol.md`);
  } finally {
    await server.stop();
    await fake.stop();
  }
}

async function run(server: ServerProcess, params: ExecuteParams, stream = false) {
  const token = `demo-${Date.now()}`;
  let streamed = 0;
  const progress = stream
    ? server.connection.onProgress(ExecuteRequest.progress, token, (v) => {
        streamed++;
        process.stdout.write(v.delta);
      })
    : undefined;
  const r = await server.connection.sendRequest(ExecuteRequest.type, stream ? { ...params, partialResultToken: token } : params);
  progress?.dispose();
  if (stream) console.log(`\n  (${streamed} streamed deltas)`);
  else console.log(r.text);
  console.log(`-> ${r.model} (${r.kind}) ${r.usage.inputTokens} in / ${r.usage.outputTokens} out tokens = ${usd(r.usage.costUsd)}${r.cached ? ', cached' : ''}`);
  for (const a of r.attempts) console.log(`  attempt ${a.model}: ${a.ok ? 'ok' : a.error}`);
  r.reasons.forEach((reason) => console.log(`  - ${reason}`));
}

/**
 * What an agent does on each turn: the router server hosts the HTTP gateway (router/gateway),
 * and the official OpenAI and Anthropic SDKs call it with a tool; the fake provider is
 * scripted to call it, the "agent" sends the tool's result back, and the model answers.
 */
async function agentTurns(server: ServerProcess, fake: FakeProviders) {
  const token = randomBytes(24).toString('hex');
  const gateway = await server.connection.sendRequest(GatewayRequest.type, { action: 'start', port: 0, token, workspaceId: 'demo' });
  console.log(`router/gateway -> ${gateway.url} (loopback, token required), counted in workspace "demo"`);
  const question = 'What does src/math.ts export?';
  const file = 'export function area(r: number) { return Math.PI * r * r; }';

  const openai = new OpenAI({ baseURL: gateway.url, apiKey: token, maxRetries: 0, defaultHeaders: { 'x-llm-router-client': 'demo-agent (OpenAI API)' } });
  const tools = [{ type: 'function' as const, function: READ_FILE }];
  fake.script({ kind: 'tool-calls', calls: [{ name: 'read_file', arguments: { path: 'src/math.ts' } }] });
  const first = await openai.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: question }], tools });
  const call = first.choices[0].message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
  console.log(`OpenAI API: ${first.model} calls ${call.function.name}(${call.function.arguments}) [finish_reason ${first.choices[0].finish_reason}]`);
  const second = await openai.chat.completions.create({
    model: 'auto',
    messages: [{ role: 'user', content: question }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: file }],
    tools,
  });
  console.log(`  the result goes back to the same model: ${second.model} answers "${second.choices[0].message.content?.slice(0, 60)}..."`);

  const anthropic = new Anthropic({ baseURL: gateway.url!.replace(/\/v1$/, ''), apiKey: token, maxRetries: 0, defaultHeaders: { 'x-llm-router-client': 'demo-agent (Anthropic API)' } });
  const anthropicTools = [{ name: READ_FILE.name, description: READ_FILE.description, input_schema: READ_FILE.parameters as Anthropic.Tool.InputSchema }];
  fake.script({ kind: 'tool-calls', calls: [{ name: 'read_file', arguments: { path: 'src/math.ts' } }] });
  const ask = { role: 'user' as const, content: question };
  const turn = await anthropic.messages.create({ model: 'auto', max_tokens: 500, messages: [ask], tools: anthropicTools });
  const use = turn.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')!;
  console.log(`Anthropic API: ${turn.model} calls ${use.name}(${JSON.stringify(use.input)}) [stop_reason ${turn.stop_reason}]`);
  const answer = await anthropic.messages.create({
    model: 'auto',
    max_tokens: 500,
    messages: [ask, { role: 'assistant', content: turn.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: file }] }],
    tools: anthropicTools,
  });
  const text = answer.content.find((b): b is Anthropic.TextBlock => b.type === 'text')?.text ?? '';
  console.log(`  ${answer.model} answers "${text.slice(0, 60)}..."`);
  await server.connection.sendRequest(GatewayRequest.type, { action: 'stop' });
}

function section(title: string) {
  console.log(`\n=== ${title}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
