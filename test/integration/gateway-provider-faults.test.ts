// Provider faults after a 200 that a third probe (session 11) found the gateway reporting
// wrongly, through the official SDKs on both of its faces against the fake providers:
// - an Anthropic `event: error` with overloaded_error after part of the answer reached the
//   client: the client is told the provider was overloaded (it used to read api_error, which
//   Claude Code does not retry as an overload), and the part streamed is still billed;
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { APIError } from 'openai';
import type { HistoryEntry } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const WORDS = 'one two three four five six seven eight nine ten';

describe('HTTP gateway: provider faults after a 200 (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;
  let openai: OpenAI;
  let anthropic: Anthropic;

  before(async () => {
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv });
    openai = new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: gateway.url.replace(/\/v1$/, ''), apiKey: 'unused-on-loopback', maxRetries: 0 });
  });
  after(async () => {
    await gateway.stop();
  });

  async function history(workspace: string): Promise<HistoryEntry[]> {
    const res = await fetch(`${gateway.url}/router/history`, { headers: { 'x-llm-router-workspace': workspace } });
    return ((await res.json()) as { history: HistoryEntry[] }).history;
  }

  it('tells an Anthropic client overloaded_error when Claude sends it mid-stream, and bills the part streamed', async () => {
    fake().script({ kind: 'stream-error', status: 529 }, { model: 'claude-fake' });
    const stream = anthropic.messages.stream(
      { model: 'claude/claude-fake', max_tokens: 100, messages: [{ role: 'user', content: WORDS }] },
      { headers: { 'x-llm-router-workspace': 'overloaded-anthropic' } },
    );
    let text = '';
    stream.on('text', (delta) => (text += delta));
    await assert.rejects(stream.finalMessage(), (e: InstanceType<typeof Anthropic.APIError>) => {
      assert.equal((e.error as { error?: { type?: string } }).error?.type, 'overloaded_error', e.message);
      assert.match(e.message, /failed after part of its answer was streamed/);
      return true;
    });
    assert.ok(text.length > 0, 'part of the answer had been streamed');
    const [entry] = await history('overloaded-anthropic');
    const broken = entry.attempts.find((a) => a.model === 'claude/claude-fake' && !a.ok);
    assert.ok(broken?.billed && broken.billed.outputTokens > 0 && (broken.billed.costUsd ?? 0) > 0, JSON.stringify(entry));
  });

  it('tells an OpenAI client server_is_overloaded when the model it streams from is overloaded mid-stream', async () => {
    fake().script({ kind: 'stream-error', status: 529 }, { model: 'claude-fake' });
    const stream = await openai.chat.completions.create(
      { model: 'claude/claude-fake', messages: [{ role: 'user', content: WORDS }], stream: true },
      { headers: { 'x-llm-router-workspace': 'overloaded-openai' } },
    );
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
      (e: APIError) => {
        const error = e.error as { type?: string; code?: string };
        assert.deepEqual([error.type, error.code], ['server_error', 'server_is_overloaded'], e.message);
        return true;
      },
    );
    assert.ok(text.length > 0, 'part of the answer had been streamed');
    const [entry] = await history('overloaded-openai');
    assert.ok(entry.attempts.some((a) => a.model === 'claude/claude-fake' && !a.ok && (a.billed?.outputTokens ?? 0) > 0), JSON.stringify(entry));
  });

  it('still says api_error to an Anthropic client for a mid-stream failure that is not an overload', async () => {
    fake().script({ kind: 'stream-error', status: 500 }, { model: 'claude-fake' });
    const stream = anthropic.messages.stream({ model: 'claude/claude-fake', max_tokens: 100, messages: [{ role: 'user', content: WORDS }] });
    await assert.rejects(stream.finalMessage(), (e: InstanceType<typeof Anthropic.APIError>) => {
      assert.equal((e.error as { error?: { type?: string } }).error?.type, 'api_error', e.message);
      return true;
    });
  });
});
