// Malformed params and invalid settings never take the server down.
import assert from 'node:assert/strict';
import { ErrorCodes, ExecuteRequest, RouteRequest, type InvalidParamsData } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

describe('router server: bad input (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  before(async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake()), apiKeys: API_KEYS });
  });
  after(async () => {
    await server.stop();
  });

  const bad: [string, unknown, string][] = [
    ['a missing workspaceId', { prompt: 'hi' }, 'workspaceId'],
    ['an unknown kind', { workspaceId: 'w', kind: 'poem', prompt: 'hi' }, 'kind'],
    ['a number as prompt', { workspaceId: 'w', prompt: 42 }, 'prompt'],
    ['neither prompt nor document', { workspaceId: 'w' }, 'prompt'],
    ['a negative selection line', { workspaceId: 'w', document: { ...SAMPLE_DOC, selection: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } } }, 'document.selection.start.line'],
    ['params that are not an object', 'hello', ''],
  ];
  for (const [label, params, path] of bad) {
    it(`answers -32602 naming the field for ${label}, and keeps serving`, async () => {
      await assert.rejects(server.connection.sendRequest(RouteRequest.method, params), (e: { code: number; data: InvalidParamsData }) => {
        assert.equal(e.code, ErrorCodes.InvalidParams);
        assert.equal(e.data.path, path);
        return true;
      });
      const ok = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'hello there' });
      assert.ok(ok.model);
    });
  }

  it('rejects a malformed model name on execute with -32602', async () => {
    await assert.rejects(
      server.connection.sendRequest(ExecuteRequest.method, { workspaceId: 'w', prompt: 'hi', model: 'no-slash' }),
      (e: { code: number; data: InvalidParamsData }) => e.code === ErrorCodes.InvalidParams && e.data.path === 'model',
    );
  });

  it('reports invalid settings naming the setting and keeps the last good configuration', async () => {
    await server.changeSettings({ budget: { dailyUsd: 'lots' }, providers: [] });
    await server.waitFor(() => server.messages.some((m) => m.message.includes('llmRouter.budget.dailyUsd')));
    const stillRouted = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'hi', kind: 'ask' });
    assert.match(stillRouted.model, /^(local|claude)\//, 'the previous providers are still in use');
  });

  it('applies valid settings live', async () => {
    const only = fakeSettings(fake());
    only.providers = only.providers.filter((p) => p.id === 'claude');
    // Messages are handled in order, so the route below sees the new settings.
    await server.changeSettings(only);
    const { model } = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'hi', kind: 'ask' });
    assert.equal(model, 'claude/claude-fake');
    await server.changeSettings(fakeSettings(fake()));
  });

  it('answers a provider garbage reply by failing that attempt, not the server', async () => {
    fake().script({ kind: 'malformed' }, { times: 'always', model: 'claude-fake' });
    const r = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'w', prompt: 'hi', model: 'claude/claude-fake' });
    assert.notEqual(r.model, 'claude/claude-fake');
    fake().clearScripts();
  });
});

describe('router server: invalid settings at start (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  before(async () => {
    // One typo next to working providers, as a hand-edited settings.json has it.
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { routing: { strategy: 'cheapestt' } }), apiKeys: API_KEYS });
  });
  after(async () => {
    await server.stop();
  });

  it('keeps the valid settings (the providers) and names the invalid one, once', async () => {
    await server.waitFor(() => server.messages.some((m) => m.message.includes('llmRouter.routing.strategy')));
    const routed = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'hi', kind: 'ask' });
    assert.match(routed.model, /^(local|claude)\//, 'the configured providers are in use');
    // The editor sends the same settings again right after start: no second toast about them.
    await server.changeSettings(fakeSettings(fake(), { routing: { strategy: 'cheapestt' } }));
    await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'hi', kind: 'ask' });
    assert.equal(server.messages.filter((m) => m.message.includes('llmRouter.routing.strategy')).length, 1, JSON.stringify(server.messages));
  });
});
