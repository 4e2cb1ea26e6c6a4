// PostgreSQL stopped (pg_ctl) under a running team gateway: developers keep getting answers,
// each one journaled on the gateway's disk before it is released, the operator is told on
// stderr once, and every request reaches PostgreSQL under its developer once it is back.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { Pool } from 'pg';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
import { createToken } from './harness/admin';
import { usePostgres, type TestPostgres } from './harness/postgres';

describe('team gateway with PostgreSQL down (processes)', function () {
  this.timeout(90_000);
  const postgres = usePostgres();
  describe('one gateway, PostgreSQL stopped and started again', outageSuite(postgres));
});

function outageSuite(postgres: () => TestPostgres) {
  return function (this: Mocha.Suite) {
    const fake = useFakeProviders();
    let gateway: GatewayProcess | undefined;
    after(async () => {
      await gateway?.stop();
    });

    it('answers while PostgreSQL is down, tells the operator once, and writes every request under its developer when it is back', async () => {
      const url = postgres().url;
      const token = await createToken(url, 'alice', 'core');
      gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv, extraArgs: ['--postgres', url] });
      const client = new OpenAI({ baseURL: gateway.url, apiKey: token, maxRetries: 0 });
      const ask = () => client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Explain closures' }] });
      await ask();

      await postgres().stop();
      const during = [await ask(), await ask()];
      for (const answer of during) assert.ok(answer.choices[0].message.content, 'answered while PostgreSQL is down');
      const told = gateway.stderr.match(/PostgreSQL at \S+ failed \(.*\): requests are journaled in \S+postgres-pending/g) ?? [];
      assert.equal(told.length, 1, gateway.stderr);

      await postgres().start();
      const pool = new Pool({ connectionString: url });
      try {
        const deadline = Date.now() + 30_000;
        let rows: { developer: string; outcome: string }[] = [];
        while (Date.now() < deadline) {
          rows = (await pool.query("SELECT developer, outcome FROM requests WHERE developer = 'alice'")).rows;
          if (rows.length >= 3) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        assert.deepEqual(rows, [1, 2, 3].map(() => ({ developer: 'alice', outcome: 'ok' })));
        await new Promise((r) => setTimeout(r, 300));
        assert.match(gateway.stderr, /answers again: 2 journaled request\(s\) written/);
        const again = (await pool.query("SELECT COUNT(*)::int AS n FROM requests WHERE developer = 'alice'")).rows[0].n;
        assert.equal(again, 3, 'written once');
      } finally {
        await pool.end();
      }
    });
  };
}
