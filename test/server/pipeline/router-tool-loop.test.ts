// Router.execute through the real SDKs against the fake providers: a tool loop's next turn
// goes back to the model that made its calls (with fallback), a logical model routes by its
// strategy, and a request no model can take is refused before any call.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import { RouterError } from '../../../server/src/pipeline/errors';
import { Router } from '../../../server/src/pipeline/router';
import { ToolCallOwners } from '../../../server/src/route/tool-loop';
import { ErrorCodes, type ConversationMessage, type ExecuteParams } from '../../../shared/protocol';
import { parseSettings } from '../../../shared/settings';
import { useFakeProviders } from '../../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from '../../integration/fixtures';

describe('Router: tool loops and logical models (fake providers)', () => {
  const fake = useFakeProviders();
  let dir: string;
  let ledger: Ledger;
  let owners: ToolCallOwners;
  let router: Router;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'router-tool-loop-'));
    ledger = Ledger.open(dir);
    owners = new ToolCallOwners();
    const parsed = parseSettings(fakeSettings(fake(), { cache: { enabled: false } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    router = new Router(ledger, parsed.settings, API_KEYS, {}, Date.now, owners);
  });
  afterEach(() => {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sink = () => ({ signal: new AbortController().signal });
  const tools = [{ name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }];
  const task: ConversationMessage = { role: 'user', content: 'What does src/math.ts export?' };
  const exec = (over: Partial<ExecuteParams>) => router.execute({ workspaceId: 'ws', kind: 'ask', messages: [task], tools, ...over }, sink());

  it('sends the turn that answers a tool call back to the model that made it, and routes afresh when it does not know who made the calls', async () => {
    // The first turn goes where routing sends it: the cheap model.
    const first = await exec({});
    assert.equal(first.model, 'local/tiny-coder');
    // Say big-coder made call_1 on an earlier turn (as Router.execute records from a result's toolCalls).
    owners.remember([{ id: 'call_1', name: 'read_file', arguments: '{"path":"src/math.ts"}' }], 'local/big-coder');
    const loop: ConversationMessage[] = [
      task,
      { role: 'assistant', content: 'Reading it.', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"src/math.ts"}' }] },
      { role: 'tool', toolCallId: 'call_1', content: 'export function add(a, b) { return a + b; }' },
    ];
    const next = await exec({ messages: loop });
    assert.equal(next.model, 'local/big-coder');
    assert.ok(next.reasons.includes('continues the tool loop started by local/big-coder'), next.reasons.join('\n'));
    const sent = fake().requestsFor('big-coder')[0].body as { messages: { role: string; tool_call_id?: string }[] };
    assert.equal(sent.messages[2].tool_call_id, 'call_1');
    const unknownIds = loop.map((m) => (m.toolCalls ? { ...m, toolCalls: [{ ...m.toolCalls[0], id: 'call_other' }] } : m.role === 'tool' ? { ...m, toolCallId: 'call_other' } : m));
    assert.equal((await exec({ messages: unknownIds })).model, 'local/tiny-coder');
  });

  it('falls back from the loop\'s model when it fails', async () => {
    owners.remember([{ id: 'call_9', name: 'read_file', arguments: '{}' }], 'local/big-coder');
    fake().script({ kind: 'status', status: 500 }, { model: 'big-coder', times: 'always' });
    const result = await exec({
      messages: [task, { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 'call_9', name: 'read_file', arguments: '{}' }] }, { role: 'tool', toolCallId: 'call_9', content: 'text' }],
    });
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
