// A coding agent's tool round trip through the HTTP gateway (a real dist/server.js --http
// process): turn 1 asks with a tool the model must call, turn 2 sends the call's result
// back for the answer. Measured per round trip on both faces (OpenAI chat completions,
// JSON and streamed; Anthropic messages) against the same two calls made directly to the
// fake provider with the official SDK. Loopback only; stops by itself.
// Run after `npm run build`: node --import tsx bench/gateway.bench.ts
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { FakeProviders } from '../test/fakes/fake-providers';
import { API_KEYS } from '../test/integration/fixtures';
import { gatewayEnv, gatewaySettings } from '../test/integration/gateway-fixtures';
import { GatewayProcess } from '../test/integration/gateway-process';
import { ms, sample, summarise } from './stats';

const N = 200;
const WARMUP = 30;

const READ_FILE = { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
const openaiTools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: READ_FILE }];
const anthropicTools: Anthropic.Tool[] = [{ name: READ_FILE.name, description: READ_FILE.description, input_schema: READ_FILE.parameters as Anthropic.Tool.InputSchema }];

/** Two turns over the OpenAI API: a forced call, then its result answered. */
async function openaiRoundTrip(client: OpenAI, model: string, i: number, stream: boolean): Promise<void> {
  const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: `read the file and explain it, take ${i}` }];
  const first = stream
    ? await client.chat.completions.stream({ model, messages: ask, tools: openaiTools, tool_choice: 'required' }).finalChatCompletion()
    : await client.chat.completions.create({ model, messages: ask, tools: openaiTools, tool_choice: 'required' });
  const message = first.choices[0].message;
  const call = message.tool_calls?.[0];
  if (!call) throw new Error('no tool call in turn 1');
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    ...ask,
    { role: 'assistant', content: message.content ?? null, tool_calls: message.tool_calls },
    { role: 'tool', tool_call_id: call.id, content: 'export const answer = 42;' },
  ];
  if (stream) await client.chat.completions.stream({ model, messages, tools: openaiTools }).finalChatCompletion();
  else await client.chat.completions.create({ model, messages, tools: openaiTools });
}

/** Two turns over the Anthropic API. */
async function anthropicRoundTrip(client: Anthropic, model: string, i: number): Promise<void> {
  const ask: Anthropic.MessageParam[] = [{ role: 'user', content: `read the file and explain it, take ${i}` }];
  const first = await client.messages.create({ model, max_tokens: 500, messages: ask, tools: anthropicTools, tool_choice: { type: 'any' } });
  const use = first.content.find((b) => b.type === 'tool_use');
  if (!use) throw new Error('no tool_use in turn 1');
  await client.messages.create({
    model,
    max_tokens: 500,
    tools: anthropicTools,
    messages: [...ask, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'export const answer = 42;' }] }],
  });
}

async function compare(label: string, viaGateway: (i: number) => Promise<void>, direct: (i: number) => Promise<void>) {
  await sample(WARMUP, viaGateway);
  await sample(WARMUP, direct);
  // Interleaved so drift in machine load hits both alike.
  const routed: number[] = [];
  const straight: number[] = [];
  for (let i = 0; i < N; i++) {
    routed.push(...(await sample(1, () => viaGateway(i))));
    straight.push(...(await sample(1, () => direct(i))));
  }
  const r = summarise(routed);
  const d = summarise(straight);
  console.log(`${label}`);
  console.log(`  direct SDK, 2 calls to the fake:  p50 ${ms(d.p50)}  p99 ${ms(d.p99)}`);
  console.log(`  through the gateway:              p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`);
  console.log(`  gateway overhead per round trip:  p50 ${ms(r.p50 - d.p50)}  p99 ${ms(r.p99 - d.p99)}  (${N} round trips each)`);
}

async function main() {
  const fake = await FakeProviders.start();
  const gateway = await GatewayProcess.start({ settings: gatewaySettings(fake), env: gatewayEnv });
  try {
    const viaOpenai = new OpenAI({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
    const viaAnthropic = new Anthropic({ baseURL: gateway.url.replace(/\/v1$/, ''), apiKey: 'unused', maxRetries: 0 });
    const directOpenai = new OpenAI({ baseURL: fake.openaiUrl, apiKey: 'unused', maxRetries: 0 });
    const directAnthropic = new Anthropic({ baseURL: fake.anthropicUrl, apiKey: API_KEYS.claude, maxRetries: 0 });
    await compare(
      'OpenAI face, JSON (local/tiny-coder):',
      (i) => openaiRoundTrip(viaOpenai, 'local/tiny-coder', i, false),
      (i) => openaiRoundTrip(directOpenai, 'tiny-coder', i, false),
    );
    await compare(
      'OpenAI face, streamed (local/tiny-coder):',
      (i) => openaiRoundTrip(viaOpenai, 'local/tiny-coder', i, true),
      (i) => openaiRoundTrip(directOpenai, 'tiny-coder', i, true),
    );
    await compare(
      'Anthropic face, JSON (claude/claude-fake):',
      (i) => anthropicRoundTrip(viaAnthropic, 'claude/claude-fake', i),
      (i) => anthropicRoundTrip(directAnthropic, 'claude-fake', i),
    );
  } finally {
    await gateway.stop();
    await fake.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
