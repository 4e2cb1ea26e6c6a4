// A ledger with a zeroed page inside, given to both faces as real processes: each moves
// it aside, starts a fresh one, tells the user where the old one is, and keeps serving
// (instead of answering "database disk image is malformed" or exiting at every start).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import OpenAI from 'openai';
import { ExecuteRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { ledgerWithRequests, zeroRequestsRootPage } from '../server/ledger/damage';
import { makeTempDir } from '../server/ledger/helpers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from './fixtures';
import { GatewayProcess } from './gateway-process';
import { ServerProcess } from './server-process';

describe('a ledger damaged inside (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
    ledgerWithRequests(dir);
    zeroRequestsRootPage(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the gateway starts on a fresh ledger, says on stderr where the damaged one went, and answers', async () => {
    const settings = fakeSettings(fake(), { providers: fakeSettings(fake()).providers.filter((p) => p.id === 'local') });
    const gateway = await GatewayProcess.start({ settings, storageDir: dir, env: { LLM_ROUTER_GATEWAY_TOKEN: '' } });
    try {
      const client = new OpenAI({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
      const answer = await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });
      assert.ok(answer.choices[0].message.content);
      assert.match(gateway.stderr, /warning: The usage ledger could not be read \(database disk image is malformed.*moved to \S+ledger\.sqlite\.unreadable-/);
    } finally {
      gateway.child.kill('SIGTERM');
      await new Promise((r) => gateway.child.once('exit', r));
    }
  });

  it('the stdio server warns the user with window/showMessage naming the kept copy, and answers', async () => {
    const server = await ServerProcess.start({ settings: fakeSettings(fake()), apiKeys: API_KEYS, storageDir: dir });
    try {
      await server.waitFor(() => server.messages.length > 0);
      assert.equal(server.messages[0].type, 2); // Warning
      assert.match(server.messages[0].message, /database disk image is malformed.*moved to \S+ledger\.sqlite\.unreadable-/);
      const result = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'w', kind: 'explain', document: SAMPLE_DOC });
      assert.ok(result.text);
    } finally {
      await server.stop();
    }
  });
});
