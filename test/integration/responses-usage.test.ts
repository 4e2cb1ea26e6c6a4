// Usage on the gateway's OpenAI faces as the provider reported it, read through the official
// SDK: the output tokens a reasoning model spent thinking (OpenAI's
// completion_tokens_details.reasoning_tokens) in the Responses API's
// output_tokens_details.reasoning_tokens (it was always 0) and in chat completions'
// completion_tokens_details; the prompt tokens read from the prompt cache (OpenAI's
// cached_tokens, Anthropic's cache reads) in input_tokens_details.cached_tokens, with
// input_tokens counting every prompt token as OpenAI's does. Reasoning tokens are billed as
// the output tokens they are: the ledger's cost is the provider's whole output at its price.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { expectedCost } from './fixtures';
import { useGatewayWithOpenAi } from './gateway-fixtures';

const THINKING = 256;
const PROMPT = 'Why does a lock-free queue need a compare-and-swap';

describe('HTTP gateway: usage the provider reported, on the Responses API and chat completions (integration)', function () {
  this.timeout(30_000);
  const { fake, gateway, openai } = useGatewayWithOpenAi();

  const headers = (workspace: string) => ({ headers: { 'x-llm-router-workspace': workspace } });

  async function totalCost(workspace: string, requests: number): Promise<number> {
    for (let waited = 0; ; waited += 50) {
      const usage = (await (await fetch(`${gateway().url}/router/usage`, headers(workspace))).json()) as { total: { requests: number; costUsd: number } };
      if (usage.total.requests >= requests || waited > 5_000) return usage.total.costUsd;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  for (const stream of [false, true]) {
    it(`reports the reasoning tokens an OpenAI reasoning model spent in output_tokens_details (${stream ? 'responses.stream' : 'responses.create'}), billed as output`, async () => {
      const plain = await openai().responses.create({ model: 'local/tiny-coder', input: PROMPT }, headers(`plain-${stream}`));
      assert.equal(plain.usage?.output_tokens_details.reasoning_tokens, 0, 'a model that did not reason');

      fake().script({ kind: 'reasoning', reasoningTokens: THINKING }, { model: 'tiny-coder' });
      const workspace = `reasoning-${stream}`;
      const thought = stream
        ? await openai().responses.stream({ model: 'local/tiny-coder', input: PROMPT }, headers(workspace)).finalResponse()
        : await openai().responses.create({ model: 'local/tiny-coder', input: PROMPT }, headers(workspace));
      assert.equal(thought.output_text, plain.output_text);
      assert.equal(thought.usage?.output_tokens_details.reasoning_tokens, THINKING);
      assert.equal(thought.usage?.output_tokens, plain.usage!.output_tokens + THINKING, 'reasoning is part of the output');
      assert.equal(thought.usage?.total_tokens, thought.usage!.input_tokens + thought.usage!.output_tokens);
      const cost = await totalCost(workspace, 1);
      assert.ok(Math.abs(cost - expectedCost('local/tiny-coder', thought.usage!.input_tokens, thought.usage!.output_tokens)) < 1e-12, `billed ${cost}`);
    });
  }

  it('reports them in chat completions too (completion_tokens_details.reasoning_tokens), streamed and not', async () => {
    fake().script({ kind: 'reasoning', reasoningTokens: THINKING }, { model: 'tiny-coder', times: 2 });
    const whole = await openai().chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: PROMPT }] });
    assert.equal(whole.usage?.completion_tokens_details?.reasoning_tokens, THINKING);
    const chunks = await openai().chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: PROMPT }], stream: true, stream_options: { include_usage: true } });
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of chunks) usage = chunk.usage ?? usage;
    assert.equal(usage?.completion_tokens_details?.reasoning_tokens, THINKING);
  });

  for (const [model, cachedTokens, writtenTokens] of [['local/tiny-coder', 3, 0], ['claude/claude-fake', 2, 3]] as const) {
    it(`reports the prompt tokens ${model} read from its prompt cache in input_tokens_details.cached_tokens, within input_tokens`, async () => {
      const plain = await openai().responses.create({ model, input: PROMPT });
      fake().script({ kind: 'cached-prompt', cachedTokens, writtenTokens }, { model: model.split('/')[1] });
      const cached = await openai().responses.stream({ model, input: PROMPT }).finalResponse();
      assert.equal(cached.usage?.input_tokens_details.cached_tokens, cachedTokens);
      // OpenAI's input_tokens counts the cached part: Anthropic's reads and writes are added to its own count.
      assert.equal(cached.usage?.input_tokens, plain.usage?.input_tokens);
      assert.equal(cached.usage?.output_tokens_details.reasoning_tokens, 0);
    });
  }
});
