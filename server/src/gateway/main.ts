// HTTP mode of dist/server.js: `--http [HOST:]PORT --storage DIR [--settings FILE.json]`
// (the file is watched: edits apply live, and SIGHUP reloads it at once).
// API keys come from each provider's `apiKeyEnv` variable (the Router reads the
// environment). Prints one JSON line `{ "url": ".../v1", "host", "port" }` once
// listening, so scripts and tests can use port 0.
import type { AddressInfo } from 'node:net';
import { SqliteLedgerStore } from '../ledger/sqlite-store';
import { Router } from '../pipeline/router';
import { parseGatewayArgs } from './args';
import { configuredToken, TOKEN_ENV, tokenPolicyError } from './auth';
import { createGatewayServer } from './http-server';
import { loadSettingsFile } from './settings-file';
import { reloadSettingsOnChange } from './settings-reload';

export async function main(argv: string[]): Promise<void> {
  const log = (line: string) => process.stderr.write(`llm-router gateway: ${line}\n`);
  try {
    const args = parseGatewayArgs(argv);
    const token = configuredToken(process.env[TOKEN_ENV]);
    const refusal = tokenPolicyError(args.host, token);
    if (refusal) throw new Error(refusal);
    const settings = loadSettingsFile(args.settingsFile);

    const ledger = SqliteLedgerStore.open(args.storageDir, { onNotice: (notice) => log(`warning: ${notice}`) });
    if (ledger.notice) log(`warning: ${ledger.notice}`);
    const router = new Router(ledger, settings);
    for (const warning of router.warnings) log(`warning: ${warning}`);
    const server = createGatewayServer(router, { host: args.host, token, log });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(args.port, args.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = args.host.includes(':') ? `[${args.host}]` : args.host;
    process.stdout.write(`${JSON.stringify({ url: `http://${urlHost}:${port}/v1`, host: args.host, port })}\n`);

    const stopWatching = args.settingsFile === undefined ? () => undefined : reloadSettingsOnChange(args.settingsFile, router, log);
    const stop = () => {
      stopWatching();
      server.close();
      server.closeAllConnections();
      ledger.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // A stray rejection must cost one request, never the gateway.
    process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${String(reason)}`));
  } catch (error) {
    log((error as Error).message);
    process.exit(2);
  }
}
