// The all-workspaces budget under concurrency: two router servers (two VS Code windows) on one
// ledger file, each firing many paid requests at once near the limit. Each window reserved its
// requests in flight in its own memory only, so with room for five requests both admitted five
// and spent twice the limit; the reservations are now made on the shared file, so the windows
// together pass the limit by at most one request's maximum cost. A ledger file locked by a third
// process leaves each window to its own reservations: nothing waits, and no row is lost or doubled.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ErrorCodes, ExecuteRequest, type ExecuteResult } from '../../shared/protocol';
import { LEDGER_FILE } from '../../server/src/ledger/database';
import { loadSqlite } from '../../server/src/ledger/sqlite';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';
import { countRequests, holdWriteLock } from './ledger-lock';
import { ServerProcess } from './server-process';

const EACH = 10;
const ROOM = 5;
/** Twenty words: the answer uses the whole of max_tokens, so a request costs its reserved maximum. */
const ANSWER = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');

describe('router server: the all-workspaces budget with two windows firing at once (integration)', function () {
  this.timeout(60_000);
  // Every answer takes long enough for all requests of both windows to be in flight together.
  const fake = useFakeProviders({ delayMs: 300 });
  const servers: ServerProcess[] = [];

  afterEach(async () => {
    // The first started owns the shared folder: it stops (and removes it) last.
    for (const server of servers.splice(0).reverse()) await server.stop();
  });

  const ask = (server: ServerProcess, workspaceId: string, i: number) =>
    server.connection.sendRequest(ExecuteRequest.type, { workspaceId, kind: 'ask', model: 'local/big-coder', prompt: `design a lock-free queue, take ${i}`, maxTokens: 20 });

  /** What one such request costs, on a server of its own. */
  async function oneRequestCost(): Promise<number> {
    const alone = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: API_KEYS });
    try {
      return (await ask(alone, 'calibration', 0)).usage.costUsd;
    } finally {
      await alone.stop();
    }
  }

  async function twoWindows(dailyUsd: number): Promise<[ServerProcess, ServerProcess]> {
    const settings = fakeSettings(fake(), { cache: { enabled: false }, budget: { onExceed: 'warn', allWorkspaces: { dailyUsd, onExceed: 'block' } } });
    const a = await ServerProcess.start({ settings, apiKeys: API_KEYS });
    servers.push(a);
    const b = await ServerProcess.start({ settings, apiKeys: API_KEYS, storageDir: a.storageDir });
    servers.push(b);
    return [a, b];
  }

  const fireBoth = (a: ServerProcess, b: ServerProcess) =>
    Promise.allSettled(Array.from({ length: 2 * EACH }, (_, i) => ask(i % 2 === 0 ? a : b, i % 2 === 0 ? 'ws-a' : 'ws-b', i)));

  it(`admits together only what fits under the limit: room for ${ROOM} requests, ${EACH} fired by each window at once`, async () => {
    fake().script({ kind: 'reply', text: ANSWER }, { times: 'always' });
    const cost = await oneRequestCost();
    const limit = ROOM * cost;
    const [a, b] = await twoWindows(limit);
    const calibration = fake().requests.length;

    const results = await fireBoth(a, b);

    const answered = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value as ExecuteResult] : []));
    const spent = answered.reduce((sum, r) => sum + r.usage.costUsd, 0);
    // Each window alone used to admit all five: ten requests, twice the limit.
    assert.ok(spent <= limit + cost + 1e-12, `spent ${spent} against a limit of ${limit}: ${answered.length} requests of ${cost} admitted`);
    assert.ok(answered.length >= ROOM - 1, `the room was used: ${answered.length} admitted`);
    for (const refused of results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: number; data?: { scope?: string } }] : []))) {
      assert.equal(refused.code, ErrorCodes.BudgetBlocked);
      assert.equal(refused.data?.scope, 'all-workspaces');
    }
    assert.equal(fake().requests.length - calibration, answered.length, 'no provider call for a refused request');
    // Every reservation is given back once its request's row is in the file.
    const deadline = Date.now() + 5_000;
    while (reservationsLeft(a.storageDir) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(reservationsLeft(a.storageDir), 0);
  });

  it('keeps both windows answering while a third process holds the ledger locked, and records every answer once after', async () => {
    const [a, b] = await twoWindows(1_000);
    const file = join(a.storageDir, LEDGER_FILE);
    const lock = await holdWriteLock(file);
    let answered: number;
    try {
      const results = await fireBoth(a, b);
      answered = results.filter((r) => r.status === 'fulfilled').length;
      assert.equal(answered, 2 * EACH, 'every request answered while the file is locked');
      assert.equal(countRequests(file), 0, 'nothing reached the file yet');
    } finally {
      await lock.release();
    }
    const deadline = Date.now() + 10_000;
    while (countRequests(file) < answered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // a row recorded twice would show by now
    assert.equal(countRequests(file), answered, 'each answer recorded once');
  });
});

function reservationsLeft(storageDir: string): number {
  const db = new (loadSqlite().DatabaseSync)(join(storageDir, LEDGER_FILE), { readOnly: true });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM budget_reservations').get() as { n: number }).n);
  } finally {
    db.close();
  }
}
