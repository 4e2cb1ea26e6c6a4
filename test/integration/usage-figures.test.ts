// Dollar figures as a script reading the router's reports gets them: a ledger whose costs
// sum to float noise in floating point (0.000012 + 0.0000211 + 0.000022 is
// 0.000055100000000000004) reads back 0.0000551 over JSON-RPC and over the gateway's
// /v1/router endpoints, from a real `dist/server.js`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardRequest, UsageRequest, type DashboardResult, type UsageReport } from '../../shared/protocol';
import { Ledger } from '../../server/src/ledger/ledger';
import { aRecord } from '../server/ledger/helpers';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';
import { ServerProcess } from './server-process';

const WORKSPACE = 'ws-figures';
const COSTS = [0.000012, 0.0000211, 0.000022];
const CLEAN = '0.0000551';

/** A storage folder whose ledger holds today's three requests of COSTS. */
function seededStorage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-figures-'));
  const ledger = Ledger.open(dir);
  const now = Date.now();
  COSTS.forEach((costUsd, i) => ledger.record(aRecord({ workspaceId: WORKSPACE, at: now - i, costUsd, client: 'it-agent' })));
  ledger.close();
  return dir;
}

/** Every dollar figure of a usage report that sums the three requests. */
function summedFigures(usage: UsageReport): number[] {
  return [usage.today, usage.month, usage.total, ...Object.values(usage.byModel), ...Object.values(usage.byKind), ...Object.values(usage.byClient)]
    .map((totals) => totals.costUsd);
}

function assertClean(figures: number[], where: string): void {
  assert.ok(figures.length > 0);
  for (const figure of figures) assert.equal(String(figure), CLEAN, `${where}: ${figure}`);
}

describe('usage figures without float noise (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();

  it('answers router/usage and router/dashboard over JSON-RPC with the summed cost as a person writes it', async () => {
    const storageDir = seededStorage();
    const server = await ServerProcess.start({ settings: gatewaySettings(fake()), storageDir });
    try {
      const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: WORKSPACE });
      assertClean(summedFigures(usage), 'router/usage');
      assertClean([usage.allWorkspaces!.today.costUsd, usage.allWorkspaces!.month.costUsd], 'router/usage allWorkspaces');
      const dashboard: DashboardResult = await server.connection.sendRequest(DashboardRequest.type, { workspaceId: WORKSPACE, days: 1 });
      assertClean([dashboard.daily[0].costUsd, dashboard.savings.actualUsd], 'router/dashboard');
    } finally {
      await server.stop();
      rmSync(storageDir, { recursive: true, force: true });
    }
  });

  it('answers GET /v1/router/usage and /v1/router/dashboard with the summed cost as a person writes it', async () => {
    const gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv, storageDir: seededStorage() });
    try {
      const get = async (path: string) => {
        const response = await fetch(`${gateway.url}/${path}`, { headers: { 'x-llm-router-workspace': WORKSPACE } });
        assert.equal(response.status, 200);
        // The body as a script reads it: the figure is in the JSON text itself.
        const text = await response.text();
        assert.doesNotMatch(text, /0\.0000551000/, text);
        return JSON.parse(text) as unknown;
      };
      assertClean(summedFigures((await get('router/usage')) as UsageReport), 'GET /v1/router/usage');
      const dashboard = (await get('router/dashboard?days=1')) as DashboardResult;
      assertClean([...summedFigures(dashboard.usage), dashboard.daily[0].costUsd], 'GET /v1/router/dashboard');
    } finally {
      await gateway.stop();
    }
  });
});
