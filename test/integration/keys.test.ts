// Where the server gets provider keys: initializationOptions, router/setApiKeys, or
// the environment variable a provider's settings name.
import assert from 'node:assert/strict';
import { ExecuteRequest, SetApiKeysNotification } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { ServerProcess } from './server-process';

const TO_CLAUDE = { workspaceId: 'ws', prompt: 'hello', model: 'claude/claude-fake' };

describe('router server: API keys (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.stop();
  });

  it('does not call a provider that needs a key before one is given, then uses the key sent by router/setApiKeys', async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }) });
    const without = await server.connection.sendRequest(ExecuteRequest.type, TO_CLAUDE);
    assert.notEqual(without.model, 'claude/claude-fake');
    assert.equal(fake().requestsFor('claude-fake').length, 0, 'nothing was sent without a key');
    await server.connection.sendNotification(SetApiKeysNotification.type, { apiKeys: { claude: 'test-key-late' } });
    const withKey = await server.connection.sendRequest(ExecuteRequest.type, TO_CLAUDE);
    assert.equal(withKey.model, 'claude/claude-fake');
    assert.equal(fake().requestsFor('claude-fake')[0].apiKey, 'test-key-late');
  });

  it('reads comma-separated keys from the environment variable named by apiKeyEnv', async () => {
    const settings = fakeSettings(fake(), { cache: { enabled: false } });
    (settings.providers[1] as { apiKeyEnv?: string }).apiKeyEnv = 'LLM_ROUTER_TEST_CLAUDE_KEYS';
    server = await ServerProcess.start({ settings, env: { LLM_ROUTER_TEST_CLAUDE_KEYS: 'test-env-a, test-env-b' } });
    fake().script({ kind: 'status', status: 401 }, { key: 'test-env-a', times: 'always' });
    const r = await server.connection.sendRequest(ExecuteRequest.type, TO_CLAUDE);
    assert.equal(r.model, 'claude/claude-fake');
    assert.deepEqual(fake().requestsFor('claude-fake').map((q) => q.apiKey), ['test-env-a', 'test-env-b']);
  });
});
