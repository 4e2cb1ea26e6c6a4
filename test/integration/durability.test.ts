// The ledger survives a crash: what a client saw is on disk; keys never are.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    // Every file the server left, the ledger's journal folder included.
    const files = readdirSync(storageDir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(storageDir, f)).isFile());
    const onDisk = files.map((f) => readFileSync(join(storageDir, f)).toString('latin1')).join('');
    assert.ok(!onDisk.includes(API_KEYS.claude), 'the API key is not in the ledger files');
    assert.ok(!first.stderr.includes(API_KEYS.claude) && !first.logs.join('').includes(API_KEYS.claude), 'nor in the logs');
  });

  it('starts with a fresh ledger, and warns the user where the old file went, when the ledger on disk is unreadable', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'llm-router-broken-'));
    try {
      writeFileSync(join(broken, 'ledger.sqlite'), 'not a database at all '.repeat(500));
      const server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), storageDir: broken });
      try {
        await server.waitFor(() => server.messages.length > 0);
        assert.match(server.messages[0].message, /usage ledger could not be read .* moved to .*ledger\.sqlite\.unreadable-/);
        assert.equal(server.messages[0].type, 2, 'a warning');
        const r = await server.connection.sendRequest(ExecuteRequest.type, { workspaceId: 'ws', prompt: 'still works?' });
        const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'ws' });
        assert.equal(usage.total.requests, 1);
        assert.ok(r.text);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
