// The ledger survives a crash: what a client saw is on disk; keys never are.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecuteRequest, UsageRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';
import { ServerProcess } from './server-process';

describe('router server: durability and secrets (integration)', () => {
  const fake = useFakeProviders();
  let storageDir: string;

  before(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'llm-router-crash-'));
  });
  after(async () => {
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('keeps every answered request after the server is killed with SIGKILL', async () => {
    const settings = fakeSettings(fake(), { cache: { enabled: false }, trace: 'verbose' });
    const first = await ServerProcess.start({ settings, apiKeys: API_KEYS, storageDir });
    let spent = 0;
    for (let i = 0; i < 5; i++) {
      const r = await first.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', prompt: `question ${i}`, model: 'claude/claude-fake' });
      spent += r.usage.costUsd;
    }
    await first.kill();
    const second = await ServerProcess.start({ settings, apiKeys: API_KEYS, storageDir });
    const usage = await second.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws' });
    await second.stop();
    assert.equal(usage.total.requests, 5);
    assert.ok(Math.abs(usage.total.costUsd - spent) < 1e-12);
    const onDisk = readdirSync(storageDir).map((f) => readFileSync(join(storageDir, f)).toString('latin1')).join('');
    assert.ok(!onDisk.includes(API_KEYS.claude), 'the API key is not in the ledger files');
    assert.ok(!first.stderr.includes(API_KEYS.claude) && !first.logs.join('').includes(API_KEYS.claude), 'nor in the logs');
  });
});
