// `npm run bench`: every benchmark, one after another, each in its own process so
// they do not disturb each other's heap and JIT state.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = ['need.bench.ts', 'route.bench.ts', 'execute.bench.ts', 'gateway.bench.ts', 'ledger.bench.ts'];

let failed = false;
for (const bench of BENCHES) {
  console.log(`\n== ${bench} ==`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, bench)], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
