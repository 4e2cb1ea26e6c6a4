// router/execute with a conversation and tools, end to end: a real server process, the
// official SDKs inside it, fake providers making tool calls on 127.0.0.1.
import assert from 'node:assert/strict';
import { ExecuteRequest, UsageRequest, type ExecuteProgress } from '../../shared/protocol';
import type { ConversationMessage, ToolCallDelta } from '../../shared/conversation';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, expectedCost, fakeSettings, PRICES } from './fixtures';
import { ServerProcess } from './server-process';

const READ_FILE = {
  name: 'read_file',
  description: 'Read a file of the workspace',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};
const MESSAGES: ConversationMessage[] = [
  { role: 'system', content: 'You are a coding agent.' },
  { role: 'user', content: 'Read src/a.ts and src/b.ts and tell me what they export' },
];
const CALLS = [
  { name: 'read_file', arguments: { path: 'src/a.ts' } },
  { name: 'read_file', arguments: { path: 'src/b.ts' } },
];

describe('router server: tool calls (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  beforeEach(async () => {
    const settings = fakeSettings(fake(), { cache: { enabled: false } });
    // A cached price for the Anthropic model, so reads and writes of its prompt cache bill differently.
    const [local, claude] = settings.providers;
    const providers = [local, { ...claude, models: [{ ...claude.models[0], cachedInputUsdPerMTok: 0.1 }] }];
    server = await ServerProcess.start({ settings: { ...settings, providers }, apiKeys: API_KEYS });
  });
  afterEach(async () => {
    await server.stop();
  });

  /** Sends router/execute streaming to a progress token; returns the result and what streamed. */
  async function execute(params: Record<string, unknown>, token: string) {
    const progress: ExecuteProgress[] = [];
    const disposable = server.connection.onProgress(ExecuteRequest.progress, token, (p) => void progress.push(p));
    try {
      const result = await server.connection.sendRequest(ExecuteRequest.type, {
        workspaceId: 'ws-tools', messages: MESSAGES, tools: [READ_FILE], partialResultToken: token, ...params,
      });
      return { result, progress };
    } finally {
      disposable.dispose();
    }
  }

  it('returns the tool calls a model made, streamed as toolCall pieces, with their cost in the ledger', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, text: 'Reading both.' }, { model: 'tiny-coder' });

    const { result, progress } = await execute({ model: 'local/tiny-coder' }, 'tools-1');

    assert.equal(result.finishReason, 'tool_calls');
    assert.equal(result.text, 'Reading both.');
    assert.deepEqual(result.toolCalls?.map((c) => [c.name, JSON.parse(c.arguments)]), CALLS.map((c) => [c.name, c.arguments]));
    const pieces = progress.flatMap((p) => (p.toolCall ? [p.toolCall] : []));
    for (const [index, call] of (result.toolCalls ?? []).entries()) {
      const mine: ToolCallDelta[] = pieces.filter((p) => p.index === index);
      assert.deepEqual(mine[0], { index, id: call.id, name: call.name });
      assert.equal(mine.map((p) => p.arguments ?? '').join(''), call.arguments);
    }
    assert.equal(progress.filter((p) => !p.toolCall).map((p) => p.delta).join(''), 'Reading both.');
    const sent = fake().requests[0].body as { tools: unknown[] };
    assert.deepEqual(sent.tools, [{ type: 'function', function: READ_FILE }]);
    const cost = expectedCost('local/tiny-coder', result.usage.inputTokens, result.usage.outputTokens);
    assert.ok(Math.abs(result.usage.costUsd - cost) < 1e-12, `${result.usage.costUsd} vs ${cost}`);
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws-tools' });
    assert.equal(usage.total.requests, 1);
    assert.ok(Math.abs(usage.total.costUsd - cost) < 1e-12);
  });

  it('sends the tool results back with the calls they answer, and gets the answer', async () => {
    const conversation: ConversationMessage[] = [
      ...MESSAGES,
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"src/a.ts"}' }] },
      { role: 'tool', toolCallId: 'call_1', content: 'export const a = 1;' },
    ];

    const { result } = await execute({ model: 'claude/claude-fake', messages: conversation }, 'tools-2');

    assert.equal(result.finishReason, 'stop');
    assert.equal(result.text, 'Fake claude-fake answers: export const a = 1;');
    assert.equal(fake().requests[0].behaviour, 'ok', 'the provider accepted the tool_result for its tool_use');
  });

  it('falls back when a call\'s arguments are not JSON, billing the failed reply from its reported usage', async () => {
    fake().script({ kind: 'invalid-tool-arguments' }, { model: 'tiny-coder' });
    // Whichever model the router falls back to makes a good call.
    fake().script({ kind: 'tool-calls', calls: CALLS.slice(0, 1) });

    const { result, progress } = await execute({ model: 'local/tiny-coder' }, 'tools-3');

    assert.notEqual(result.model, 'local/tiny-coder');
    assert.deepEqual(result.toolCalls?.map((c) => JSON.parse(c.arguments)), [CALLS[0].arguments]);
    const [failed] = result.attempts;
    assert.equal(failed.model, 'local/tiny-coder');
    assert.match(failed.error ?? '', /not a JSON object/);
    assert.equal(failed.billed?.reported, true);
    assert.ok(progress.some((p) => p.reset), 'the client was told to drop the first model\'s pieces');
    const answer = expectedCost(result.model as keyof typeof PRICES, result.usage.inputTokens, result.usage.outputTokens);
    assert.ok(Math.abs(result.usage.costUsd - answer - (failed.billed?.costUsd ?? 0)) < 1e-12);
    assert.ok((failed.billed?.costUsd ?? 0) > 0);
  });

  it('bills a streamed tool call that broke off, and falls back', async () => {
    fake().script({ kind: 'tool-calls', calls: CALLS, cut: true }, { model: 'tiny-coder' });

    const { result, progress } = await execute({ model: 'local/tiny-coder' }, 'tools-4');

    assert.notEqual(result.model, 'local/tiny-coder');
    const [broken] = result.attempts;
    assert.equal(broken.ok, false);
    assert.ok(progress.some((p) => p.toolCall) && progress.some((p) => p.reset));
    assert.equal(broken.billed?.reported, undefined, 'an estimate: a broken stream reports no usage');
    assert.ok((broken.billed?.outputTokens ?? 0) > 0, 'the streamed pieces of the call are billed output');
    assert.equal(result.usage.estimated, true);
  });

  it('bills Anthropic prompt cache reads at the cached price and writes at the write price, and says so', async () => {
    fake().script({ kind: 'cached-prompt', cachedTokens: 2, writtenTokens: 3 }, { model: 'claude-fake' });

    const { result } = await execute({ model: 'claude/claude-fake', tools: undefined }, 'tools-5');

    assert.equal(result.usage.cachedInputTokens, 2);
    assert.equal(result.usage.cacheWriteInputTokens, 3);
    const price = PRICES['claude/claude-fake'];
    const { inputTokens, outputTokens } = result.usage;
    const cost = ((inputTokens - 5) * price.in + 2 * 0.1 + 3 * price.in + outputTokens * price.out) / 1_000_000;
    assert.ok(Math.abs(result.usage.costUsd - cost) < 1e-12, `${result.usage.costUsd} vs ${cost}`);
    assert.ok(result.reasons.includes('2 prompt tokens read from claude/claude-fake\'s prompt cache: billed at $0.1/MTok instead of $1'), result.reasons.join('\n'));
    assert.ok(result.reasons.includes('3 prompt tokens written to claude/claude-fake\'s prompt cache: no cache-write price known, billed at the input price ($1/MTok)'), result.reasons.join('\n'));
  });
});
