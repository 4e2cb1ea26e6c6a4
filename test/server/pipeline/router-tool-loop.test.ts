// Router.execute through the real SDKs against the fake providers: a tool loop's next turn
// goes back to the model that made its calls (with fallback), a logical model routes by its
// strategy, and a request no model can take is refused before any call.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import { SqliteLedgerStore } from '../../../server/src/ledger/sqlite-store';
import { RouterError } from '../../../server/src/pipeline/errors';
import { Router } from '../../../server/src/pipeline/router';
import { ErrorCodes, type ConversationMessage, type ExecuteParams } from '../../../shared/protocol';
import { parseSettings } from '../../../shared/settings';
import { useFakeProviders } from '../../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from '../../integration/fixtures';

describe('Router: tool loops and logical models (fake providers)', () => {
  const fake = useFakeProviders();
  let dir: string;
  let ledger: Ledger;
  let router: Router;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'router-tool-loop-'));
    ledger = Ledger.open(dir);
    const parsed = parseSettings(fakeSettings(fake(), { cache: { enabled: false } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    router = new Router(new SqliteLedgerStore(ledger), parsed.settings, API_KEYS, {});
  });
  afterEach(() => {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sink = () => ({ signal: new AbortController().signal });
  const tools = [{ name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }];
  const task: ConversationMessage = { role: 'user', content: 'What does src/math.ts export?' };
  const exec = (over: Partial<ExecuteParams>) => router.execute({ workspaceId: 'ws', kind: 'ask', messages: [task], tools, ...over }, sink());

  /** The next turn of a loop: the task, the assistant's calls as the router returned them, a result for each. */
  const answering = (calls: { id: string; name: string; arguments: string }[]): ConversationMessage[] => [
    task,
    { role: 'assistant', content: '', toolCalls: calls },
    ...calls.map((c): ConversationMessage => ({ role: 'tool', toolCallId: c.id, content: 'export function add(a, b) { return a + b; }' })),
  ];

  it('sends the turn that answers a tool call back to the model that made it, with the call ids it issued', async () => {
    // The caller forces big-coder for the first turn, and it calls a tool.
    fake().script({ kind: 'tool-calls', calls: [{ name: 'read_file', arguments: { path: 'src/math.ts' } }] }, { model: 'big-coder' });
    const first = await exec({ model: 'local/big-coder' });
    assert.equal(first.finishReason, 'tool_calls');
    const calls = first.toolCalls!;
    // Left to routing, the same request would go to the cheap model...
    assert.equal((await exec({})).model, 'local/tiny-coder');
    // ...but the turn answering big-coder's call goes back to big-coder.
    const next = await exec({ messages: answering(calls) });
    assert.equal(next.model, 'local/big-coder');
    assert.ok(next.reasons.includes('continues the tool loop started by local/big-coder'), next.reasons.join('\n'));
    const sent = fake().requestsFor('big-coder').at(-1)!.body as { messages: { role: string; tool_call_id?: string }[] };
    assert.equal(sent.messages[2].tool_call_id, calls[0].id);
    // Calls it never returned are routed afresh.
    assert.equal((await exec({ messages: answering([{ ...calls[0], id: 'call_from_elsewhere' }]) })).model, 'local/tiny-coder');
  });

  it('keeps an Anthropic tool loop on Claude, across two rounds of calls', async () => {
    fake().script({ kind: 'tool-calls', calls: [{ name: 'read_file', arguments: { path: 'a.ts' } }] }, { model: 'claude-fake', times: 2 });
    const first = await exec({ model: 'claude/claude-fake' });
    const second = await exec({ messages: answering(first.toolCalls!) });
    assert.equal(second.model, 'claude/claude-fake');
    assert.equal(second.finishReason, 'tool_calls');
    const third = await exec({ messages: [...answering(first.toolCalls!), { role: 'assistant', content: '', toolCalls: second.toolCalls }, { role: 'tool', toolCallId: second.toolCalls![0].id, content: 'b' }] });
    assert.equal(third.model, 'claude/claude-fake');
    assert.equal(third.finishReason, 'stop');
  });

  it('falls back from the loop\'s model when it fails', async () => {
    fake().script({ kind: 'tool-calls', calls: [{ name: 'read_file', arguments: { path: 'a.ts' } }] }, { model: 'big-coder' });
    const first = await exec({ model: 'local/big-coder' });
    fake().script({ kind: 'status', status: 500 }, { model: 'big-coder', times: 'always' });
    const result = await exec({ messages: answering(first.toolCalls!) });
    assert.deepEqual(result.attempts.map((a) => [a.model, a.ok]), [['local/big-coder', false], ['local/tiny-coder', true]]);
  });

  it('routes "best" to the strongest model and refuses an unknown name before calling anything', async () => {
    assert.equal((await exec({ model: 'best' })).model, 'local/big-coder');
    await assert.rejects(exec({ model: 'clever' }), (e: unknown) => e instanceof RouterError && e.code === ErrorCodes.InvalidParams && /one of auto, cheap, fast, best/.test(e.message));
  });

  it('refuses JSON schema output forced onto a model that says it has none, with 1003, without calling it', async () => {
    const parsed = parseSettings(fakeSettings(fake(), { cache: { enabled: false } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    parsed.settings.providers[0].models[0].capabilities = { jsonSchema: false };
    router.updateSettings(parsed.settings);
    const json = { responseFormat: { type: 'json_schema' as const, name: 'answer', schema: { type: 'object' } } };
    await assert.rejects(
      exec({ model: 'local/tiny-coder', options: json }),
      (e: unknown) => e instanceof RouterError && e.code === ErrorCodes.NoCandidates && e.message.startsWith('The requested model local/tiny-coder cannot take this request: it needs tool calling and JSON schema output (no JSON schema output, its settings say "jsonSchema": false'),
    );
    assert.equal(fake().requests.length, 0);
  });
});
