import { FakeProviders } from '../fakes/fake-providers';
import { gatewayEnv, gatewaySettings } from '../integration/gateway-fixtures';
import { GatewayProcess } from '../integration/gateway-process';
async function main() {
  const fake = await FakeProviders.start();
  const gateway = await GatewayProcess.start({ settings: gatewaySettings(fake), env: gatewayEnv });
  const mode = process.argv[2] ?? '400';
  if (mode !== 'ok') fake.script({ kind: 'status', status: Number(mode), message: 'PROVIDER SAYS NO' }, { times: 'always' });
  console.log(gateway.url);
  const t0 = Date.now();
  setInterval(() => console.error(`t=${((Date.now() - t0) / 1000).toFixed(0)}s provider requests=${fake.requests.length}`), 5000);
  process.on('SIGTERM', async () => { await gateway.stop(); await fake.stop(); process.exit(0); });
}
void main();
