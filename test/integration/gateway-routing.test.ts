// Routing as an OpenAI client of the gateway sees it: logical models and aliases in `model`,
// requests refused with a 400 that says which capability no model has and how to fix it,
// and an agent's tool loop kept on the model that made the calls. A real gateway process,
// the official `openai` SDK, the fake providers.
import assert from 'node:assert/strict';
import OpenAI, { APIError } from 'openai';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const READ_FILE: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
};
const ASK: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'What does src/math.ts export?' };

describe('HTTP gateway: routing by capability, logical models and tool loops (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;
  let client: OpenAI;

  before(async () => {
    const settings = gatewaySettings(fake(), { aliases: { house: { models: ['claude/claude-fake', 'local/tiny-coder'] } } });
    // The Anthropic model is known not to read images; the local ones are left unknown.
    const providers = settings.providers.map((p) =>
      p.id === 'claude' ? { ...p, models: p.models.map((m) => ({ ...m, capabilities: { vision: false } })) } : p,
    );
    gateway = await GatewayProcess.start({ settings: { ...settings, providers }, env: gatewayEnv });
    client = new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0 });
  });
  after(async () => {
    await gateway?.stop();
  });

  it('routes "best" by that strategy and an alias through its own models', async () => {
    const best = await client.chat.completions.create({ model: 'best', messages: [ASK] });
    assert.equal(best.model, 'local/big-coder');
    const house = await client.chat.completions.create({ model: 'house', messages: [ASK] });
    assert.equal(house.model, 'claude/claude-fake');
    const models = [];
    for await (const m of client.models.list()) models.push(m.id);
    assert.ok(models.includes('house'), models.join(', '));
  });

  it('refuses an unknown logical model with a 400 naming the ones that exist', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'clever', messages: [ASK] }), (e: unknown) => {
      assert.ok(e instanceof APIError && e.status === 400, String(e));
      assert.match(e.message, /Unknown model "clever": expected "providerId\/modelId" or one of auto, cheap, fast, best, house/);
      return true;
    });
  });

  it('refuses an image forced onto a model that does not read images with a 400 saying how to fix it, before any call', async () => {
    const image: OpenAI.ChatCompletionMessageParam = {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
      ],
    };
    await assert.rejects(client.chat.completions.create({ model: 'claude/claude-fake', messages: [image] }), (e: unknown) => {
      assert.ok(e instanceof APIError && e.status === 400, String(e));
      assert.match(e.message, /The requested model claude\/claude-fake cannot take this request: it needs image input \(no image input, its settings say "vision": false: set "capabilities": \{ "vision": true \} on llmRouter\.providers\[1\]\.models\[0\] if it does\)/);
      return true;
    });
    assert.equal(fake().requestsFor('claude-fake').length, 0);
  });

  it('keeps an agent\'s tool loop on the model that made the call', async () => {
    fake().script({ kind: 'tool-calls', calls: [{ name: 'read_file', arguments: { path: 'src/math.ts' } }] }, { model: 'big-coder' });
    const first = await client.chat.completions.create({ model: 'local/big-coder', messages: [ASK], tools: [READ_FILE] });
    const message = first.choices[0].message;
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    const call = message.tool_calls![0];
    const next = await client.chat.completions
      .create({
        model: 'auto',
        messages: [ASK, message, { role: 'tool', tool_call_id: call.id, content: 'export function add(a, b) { return a + b; }' }],
        tools: [READ_FILE],
      })
      .withResponse();
    assert.equal(next.data.model, 'local/big-coder');
    assert.equal(next.response.headers.get('x-llm-router-model'), 'local/big-coder');
  });
});
