// The SQLite store's group commit: requests that finish in the same turn of the event loop
// share one transaction, a request alone in its turn goes to the journal and is committed
// with later ones, and each promise resolves only once its request is durable.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as fs from 'node:fs';
import { LEDGER_FILE } from '../../../server/src/ledger/database';
import { JOURNAL_DIR } from '../../../server/src/ledger/journal';
import { SqliteLedgerStore } from '../../../server/src/ledger/sqlite-store';
import { DEFERRED_COMMIT_MS, Ledger } from '../../../server/src/ledger/ledger';
import { aRecord, assertUsdEqual, freshLedgerEachTest, makeTempDir, removeDir } from './helpers';

describe('SqliteLedgerStore group commit', () => {
  const fresh = freshLedgerEachTest();
  const store = () => new SqliteLedgerStore(fresh.ledger);

  /** Frames written to the write-ahead log since the last call (which empties it): what the commits wrote. */
  function walFramesSinceLast(): number {
    const db = new DatabaseSync(path.join(fresh.dir, LEDGER_FILE));
    try {
      const [row] = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').all() as { log: number }[];
      db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
      return row.log;
    } finally {
      db.close();
    }
  }

  it('resolves each request of a group only once its row is in the ledger', async () => {
    const s = store();
    const records = [1, 2, 3, 4, 5].map((n) => aRecord({ costUsd: n / 100, latencyMs: n }));

    const ids = await Promise.all(records.map(async (record) => {
      const id = await s.record(record);
      assert.ok(fresh.ledger.history('ws-1', 10).some((row) => row.latencyMs === record.latencyMs), 'resolved before its commit');
      return id;
    }));

    assert.equal(new Set(ids).size, 5);
    assert.equal(fresh.ledger.history('ws-1', 10).length, 5);
  });

  it('writes one transaction for requests of the same turn, fewer log frames than one each', async () => {
    const s = store();
    walFramesSinceLast();
    for (let n = 0; n < 5; n++) fresh.ledger.record(aRecord());
    const oneEach = walFramesSinceLast();

    await Promise.all([0, 1, 2, 3, 4].map(() => s.record(aRecord())));
    const grouped = walFramesSinceLast();

    assert.equal(fresh.ledger.history('ws-1', 20).length, 10);
    assert.ok(grouped < oneEach, `${grouped} frames grouped, ${oneEach} one by one`);
  });

  it('adds up a group’s rollups per row to the same totals as its requests committed one by one', async () => {
    const day1 = new Date(2025, 2, 10, 12, 0).getTime();
    const day2 = new Date(2025, 2, 11, 9, 0).getTime();
    const group = [
      aRecord({ costUsd: 0.01 }),
      aRecord({ costUsd: 0.02, client: 'cursor' }),
      aRecord({ costUsd: 0.03, at: day2 }),
      aRecord({ workspaceId: 'ws-2', costUsd: 0.04 }),
      aRecord({ model: 'anthropic/claude-haiku', costUsd: null, kind: 'refactor' }),
      aRecord({ cached: true, costUsd: 0, inputTokens: 0, outputTokens: 0 }),
      aRecord({ outcome: 'failed', costUsd: 0.05, client: 'cursor' }),
      aRecord({
        costUsd: 0.06, at: day1, tokensEstimated: true,
        attempts: [
          { model: 'openai/gpt-4o', ok: false, latencyMs: 10, billed: { inputTokens: 7, outputTokens: 3, costUsd: 0.005 } },
          { model: 'openai/gpt-4o-mini', ok: true, latencyMs: 420 },
        ],
      }),
      aRecord({ costUsd: 0.07 }),
    ];
    const oneByOneDir = makeTempDir();
    const oneByOne = Ledger.open(oneByOneDir);
    try {
      for (const record of group) oneByOne.record(record);
      const s = store();
      await Promise.all(group.map((record) => s.record(record)));

      const rows = (dir: string, sql: string) => {
        const db = new DatabaseSync(path.join(dir, LEDGER_FILE));
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      };
      for (const table of ['daily_totals', 'client_totals']) {
        const sql = `SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`;
        const grouped = rows(fresh.dir, sql);
        const single = rows(oneByOneDir, sql);
        assert.ok(single.length >= 4, `${table}: several rows to compare`);
        assert.equal(grouped.length, single.length, `${table}: as many rows`);
        grouped.forEach((row, i) => {
          const { cost_usd: cost, ...rest } = row;
          const { cost_usd: expectedCost, ...expectedRest } = single[i];
          assert.deepEqual(rest, expectedRest, `${table} row ${i}`);
          assertUsdEqual(cost as number, expectedCost as number, `${table} row ${i} cost`);
        });
      }
    } finally {
      oneByOne.close();
      removeDir(oneByOneDir);
    }
  });

  it('fails only the request that cannot be written, committing the rest of its group', async () => {
    const s = store();
    const bad = aRecord({ inputTokens: -1 });

    const results = await Promise.allSettled([s.record(aRecord()), s.record(bad), s.record(aRecord())]);

    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(fresh.ledger.history('ws-1', 10).length, 2);
  });

  it('counts requests waiting for their commit in the spend budgets read meanwhile', async () => {
    const s = store();
    const at = Date.now();

    const recorded = s.record(aRecord({ at, costUsd: 0.25 }));
    const spend = await s.spend('ws-1', new Date(at));
    await recorded;

    assertUsdEqual(spend.todayUsd, 0.25);
    assertUsdEqual((await s.spend('ws-1', new Date(at))).todayUsd, 0.25);
  });

  describe('a request alone in its turn', () => {
    const journalLines = () => {
      const file = path.join(fresh.dir, JOURNAL_DIR, `${process.pid}.jsonl`);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').length : 0;
    };
    const rowsOnDisk = () => {
      const db = new DatabaseSync(path.join(fresh.dir, LEDGER_FILE), { readOnly: true });
      try {
        return Number(db.prepare('SELECT COUNT(*) AS n FROM requests').get()?.n);
      } finally {
        db.close();
      }
    };

    it('is durable when its promise resolves: in the journal, or already committed', async () => {
      const s = store();
      for (let n = 1; n <= 5; n++) {
        await s.record(aRecord());
        assert.equal(journalLines() + rowsOnDisk(), n);
      }
    });

    it('reaches the database file by itself within moments, and the journal empties', async () => {
      const s = store();
      for (let n = 0; n < 3; n++) await s.record(aRecord());
      const deadline = Date.now() + 5_000;
      while (rowsOnDisk() < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, DEFERRED_COMMIT_MS));
      assert.equal(rowsOnDisk(), 3);
      assert.equal(journalLines(), 0);
    });

    it('is seen at once by the ledger\'s readers and budgets in this process', async () => {
      const s = store();
      await s.record(aRecord({ costUsd: 0.25, at: Date.now() }));
      assert.equal((await s.spend('ws-1')).todayUsd, 0.25);
      assert.equal((await s.history('ws-1', 10)).length, 1);
      assert.equal(rowsOnDisk(), 1, 'the read committed it');
    });
  });
});
