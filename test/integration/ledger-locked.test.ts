// Another process holds the ledger's write lock (BEGIN EXCLUSIVE) while the gateway
// serves: nothing waits on it, no paid answer fails, and every answered request reaches
// the ledger once the lock is released.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import OpenAI from 'openai';
import { LEDGER_FILE } from '../../server/src/ledger/database';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { GatewayProcess } from './gateway-process';
import { countRequests, holdWriteLock } from './ledger-lock';

const REQUESTS = 12;

describe('ledger locked by another process (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess | undefined;
  after(async () => {
    await gateway?.stop();
  });

  it('keeps answering, with no 500 and /v1/models fast, and records every answer once the lock frees', async () => {
    const settings = fakeSettings(fake(), { cache: { enabled: false }, providers: fakeSettings(fake()).providers.filter((p) => p.id === 'local') });
    gateway = await GatewayProcess.start({ settings, env: { LLM_ROUTER_GATEWAY_TOKEN: '' } });
    const file = join(gateway.storageDir, LEDGER_FILE);
    const lock = await holdWriteLock(file);
    try {
      const client = new OpenAI({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
      const answers = await Promise.all(
        Array.from({ length: REQUESTS }, (_, i) => client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: `question ${i}` }] })),
      );
      assert.equal(answers.length, REQUESTS);
      for (const answer of answers) assert.ok(answer.choices[0].message.content);
      const models = await client.models.list();
      assert.ok(models.data.length > 0, 'answered while the lock is still held');
      assert.equal(countRequests(file), 0, 'nothing could reach the ledger yet');
      assert.equal(fake().requests.length, REQUESTS);
    } finally {
      await lock.release();
    }
    const deadline = Date.now() + 10_000;
    while (countRequests(file) < REQUESTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(countRequests(file), REQUESTS, 'every answered request is in the ledger');
    assert.doesNotMatch(gateway.stderr, /500|locked/);
  });
});
