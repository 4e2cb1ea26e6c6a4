// PostgreSQL stopped for real (pg_ctl stop) under the ledger: requests still resolve once
// fsynced to the local journal, count against budgets meanwhile, the operator is told once,
// and they reach PostgreSQL exactly once when it is back, also after a replay that had
// half-succeeded before a crash.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { journalId } from '../../server/src/ledger/journal';
import { inTransaction } from '../../server/src/ledger/postgres/driver';
import { POSTGRES_JOURNAL_DIR, PostgresLedgerStore } from '../../server/src/ledger/postgres/store';
import { insertRequest } from '../../server/src/ledger/postgres/writer';
import { aRecord, makeTempDir, removeDir } from '../server/ledger/helpers';
import { createDatabase, usePostgres } from './harness/postgres';

const postgres = usePostgres();

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function countRows(url: string): Promise<{ requests: number; dailyRequests: number }> {
  const pool = new Pool({ connectionString: url });
  try {
    const { rows } = await pool.query(
      'SELECT (SELECT COUNT(*)::int FROM requests) AS requests, (SELECT COALESCE(SUM(requests), 0)::int FROM daily_totals) AS "dailyRequests"',
    );
    return rows[0];
  } finally {
    await pool.end();
  }
}

describe('PostgreSQL ledger with PostgreSQL down', function () {
  this.timeout(90_000);
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('journals requests while PostgreSQL is stopped, counts them in spend, and writes each once when it is back', async () => {
    const url = await createDatabase(postgres(), 'journal_outage');
    const log: string[] = [];
    const today = new Date();
    const store = await PostgresLedgerStore.open(url, { storageDir: dir, log: (line) => log.push(line), replayEveryMs: 200, connectTimeoutMs: 1_000 });
    try {
      await store.record(aRecord({ at: today.getTime(), costUsd: 0.25 }));
      assert.deepEqual(await store.spend('ws-1', today), { todayUsd: 0.25, monthUsd: 0.25 });

      await postgres().stop();
      for (let i = 0; i < 3; i++) await store.record(aRecord({ at: today.getTime(), costUsd: 0.5 }));
      assert.equal(store.pendingCount, 3);
      const journal = path.join(dir, POSTGRES_JOURNAL_DIR, `${process.pid}.jsonl`);
      assert.equal(fs.readFileSync(journal, 'utf8').trim().split('\n').length, 3, 'each request fsynced to the journal');
      // The last spend read plus what was journaled since: budgets keep counting.
      assert.deepEqual(await store.spend('ws-1', today), { todayUsd: 1.75, monthUsd: 1.75 });
      assert.equal(log.filter((l) => /failed .*journaled in/.test(l)).length, 1, `told once: ${log.join(' | ')}`);

      await postgres().start();
      await until(() => store.pendingCount === 0, 'the journal is replayed');
      assert.deepEqual(await countRows(url), { requests: 4, dailyRequests: 4 });
      assert.deepEqual(await store.spend('ws-1', today), { todayUsd: 1.75, monthUsd: 1.75 });
      assert.ok(log.some((l) => /answers again: 3 journaled request\(s\) written/.test(l)), log.join(' | '));
      assert.equal(fs.existsSync(journal), false, 'the journal is emptied once written');
    } finally {
      await store.close();
    }
  });

  it('replays a dead process\'s journal at start without counting twice a request whose commit had landed, and says which requests it wrote', async () => {
    const url = await createDatabase(postgres(), 'journal_replay');
    // The commit of this request landed, but its process journaled it anyway (the answer to COMMIT was lost).
    const landed = { id: journalId(), record: aRecord({ costUsd: 0.25 }) };
    const notYet = { id: journalId(), record: aRecord({ costUsd: 0.5 }) };
    const first = await PostgresLedgerStore.open(url, { storageDir: dir, log: () => undefined });
    await inTransaction(first.pool, (client) => insertRequest(client, { uid: landed.id, record: landed.record }));
    await first.close();
    // A journal left by a process that is gone.
    const deadPid = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    fs.mkdirSync(path.join(dir, POSTGRES_JOURNAL_DIR), { recursive: true });
    fs.writeFileSync(path.join(dir, POSTGRES_JOURNAL_DIR, `${deadPid}.jsonl`), `${JSON.stringify(landed)}\n${JSON.stringify(notYet)}\n`);

    const log: string[] = [];
    const told: number[] = [];
    const onReplayed = async (records: readonly { costUsd: number | null }[]): Promise<void> => void told.push(...records.map((r) => r.costUsd ?? 0));
    const store = await PostgresLedgerStore.open(url, { storageDir: dir, log: (line) => log.push(line), onReplayed });
    try {
      assert.equal(store.pendingCount, 0);
      assert.deepEqual(await countRows(url), { requests: 2, dailyRequests: 2 });
      // The team mode re-seeds the shared budget counters of what was written late, this start's adopted journal included.
      assert.deepEqual(told.sort(), [0.25, 0.5], 'the adopted requests, told as written');
      const usage = await store.usage('ws-1', new Date(aRecord().at));
      assert.equal(usage.total.costUsd, 0.75);
      assert.ok(log.some((l) => /2 journaled request\(s\) from an earlier run/.test(l)), log.join(' | '));
    } finally {
      await store.close();
    }
  });

  it('writes text with U+0000 without it, and sets a request PostgreSQL refuses aside without holding back later ones', async () => {
    const url = await createDatabase(postgres(), 'journal_refused');
    const log: string[] = [];
    const store = await PostgresLedgerStore.open(url, { storageDir: dir, log: (line) => log.push(line) });
    try {
      await store.record(aRecord({ attempts: [{ model: 'p/a', ok: false, error: 'HTTP 500: bad\u0000bytes' }] }));
      const [entry] = await store.history('ws-1', 1);
      assert.equal(entry.attempts[0].error, 'HTTP 500: badbytes');

      // Finite for JavaScript, beyond PostgreSQL's BIGINT: refused as data, not an outage.
      await store.record(aRecord({ inputTokens: 1e20 }));
      await store.record(aRecord({ costUsd: 0.25 }));
      assert.equal(store.pendingCount, 0, 'later requests go straight to PostgreSQL');
      const refused = fs.readFileSync(path.join(dir, 'postgres-refused.jsonl'), 'utf8').trim().split('\n');
      assert.equal(refused.length, 1);
      assert.equal(JSON.parse(refused[0]).record.inputTokens, 1e20);
      assert.deepEqual(await countRows(url), { requests: 2, dailyRequests: 2 });
      assert.ok(log.some((l) => /refused a request .*kept in/.test(l)), log.join(' | '));
      assert.ok(!log.some((l) => /journaled in/.test(l)), 'not reported as an outage');
    } finally {
      await store.close();
    }
  });

  it('adopts a dead replica\'s damaged journal: a cut line and an entry that cannot be written are set aside, the rest is written, later requests go straight in', async () => {
    const url = await createDatabase(postgres(), 'journal_damaged');
    const good = { id: journalId(), record: aRecord({ costUsd: 0.25 }) };
    // Parses as a request, but its attempts cannot be read: writing it throws in our own code, not in PostgreSQL.
    const unwritable = { id: journalId(), record: { ...aRecord({ costUsd: 0.5 }), attempts: [null] } };
    const later = { id: journalId(), record: aRecord({ costUsd: 1 }) };
    const deadPid = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    fs.mkdirSync(path.join(dir, POSTGRES_JOURNAL_DIR), { recursive: true });
    const cut = JSON.stringify({ id: journalId(), record: aRecord() }).slice(0, 50);
    fs.writeFileSync(path.join(dir, POSTGRES_JOURNAL_DIR, `${deadPid}.jsonl`), [good, unwritable, later].map((e) => JSON.stringify(e)).join('\n') + `\n${cut}`);

    const log: string[] = [];
    const store = await PostgresLedgerStore.open(url, { storageDir: dir, log: (line) => log.push(line) });
    try {
      assert.equal(store.pendingCount, 0, 'nothing left waiting behind the bad entry');
      assert.deepEqual(await countRows(url), { requests: 2, dailyRequests: 2 });
      const refused = fs.readFileSync(path.join(dir, 'postgres-refused.jsonl'), 'utf8').trim().split('\n');
      assert.deepEqual(refused.map((l) => JSON.parse(l).id), [unwritable.id]);
      await store.record(aRecord({ costUsd: 2 }));
      assert.equal(store.pendingCount, 0, 'a new request goes straight to PostgreSQL');
      assert.deepEqual(await countRows(url), { requests: 3, dailyRequests: 3 });
      assert.ok(!log.some((l) => /journaled in/.test(l)), `not reported as an outage: ${log.join(' | ')}`);
    } finally {
      await store.close();
    }
  });
});
