// `npm run test:chaos`: runs every fault scenario against real processes on 127.0.0.1 and
// prints one line per scenario. Exits non-zero when a scenario throws.
import { damagedLedger, framingFaults, hangingFirstChoice, httpExhaustion, killUnderLoad, ledgerLocked } from './scenarios';
import { inputStalls, providerAfter200, unreadClients } from './second-probe';

const SCENARIOS: [string, () => Promise<string>][] = [
  ['framing', framingFaults],
  ['http', httpExhaustion],
  ['damaged ledger', damagedLedger],
  ['hanging first choice', hangingFirstChoice],
  ['ledger lock', ledgerLocked],
  ['kill -9', killUnderLoad],
  ['input stalls', inputStalls],
  ['provider faults after 200', providerAfter200],
  ['unread clients', unreadClients],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  let failed = false;
  for (const [name, run] of SCENARIOS) {
    if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
    try {
      console.log(await run());
    } catch (error) {
      failed = true;
      console.log(`${name}: FAILED: ${(error as Error).stack ?? String(error)}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
