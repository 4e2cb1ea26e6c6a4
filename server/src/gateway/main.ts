// HTTP mode of dist/server.js: `--http [HOST:]PORT --storage DIR [--settings FILE.json] [--postgres URL] [--redis URL]`
// (the file is watched: edits apply live, and SIGHUP reloads it at once). With --postgres (or
// `team.postgres` in the settings file) it is a team gateway: the ledger, developers and their
// limits in PostgreSQL, and every request needs a developer's token (team/team-mode.ts). With
// --redis (or `team.redis`) N replicas share breakers, key cooldowns, budget counters, rates
// and the response cache (shared-state/).
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
import { openSharedState } from '../shared-state/open';
import type { Principal } from './principal';
import { readTeamSettings } from './team-settings';
import { optimiseHotCodeSooner } from '../optimise-sooner';
import { capYoungGeneration } from '../young-generation';

export async function main(argv: string[]): Promise<void> {
  const log = (line: string) => process.stderr.write(`llm-router gateway: ${line}\n`);
  try {
    const args = parseGatewayArgs(argv);
    const token = configuredToken(process.env[TOKEN_ENV]);
    const settings = loadSettingsFile(args.settingsFile);
    const teamSettings = readTeamSettings(args.settingsFile);
    const postgresUrl = args.postgresUrl ?? teamSettings.postgres;
    // Team mode needs a developer token on every request, so it may listen on any address.
    const refusal = postgresUrl === undefined ? tokenPolicyError(args.host, token) : undefined;
    if (refusal) throw new Error(refusal);
    if (postgresUrl !== undefined && token) log(`team mode: ${TOKEN_ENV} is not used; each developer sends their own token (admin create-token)`);

    // Unreachable Redis is refused here (exit 2, naming it): N replicas must not run alone by accident.
    const shared = await openSharedState(args.redisUrl ?? teamSettings.redis, log);
    if (shared.description !== 'in-process') log(`shared state: ${shared.description}`);
    const halfTeam = halfTeamWarning(postgresUrl !== undefined, shared.description !== 'in-process');
    if (halfTeam) log(`warning: ${halfTeam}`);
    const team = postgresUrl === undefined ? undefined : await (await import('../team/team-mode')).openTeamMode(postgresUrl, args.storageDir, log, shared);
    const ledger = team?.ledger ?? SqliteLedgerStore.open(args.storageDir, { onNotice: (notice) => log(`warning: ${notice}`) });
    if (ledger.notice) log(`warning: ${ledger.notice}`);
    const router = new Router(ledger, settings, {}, process.env, Date.now, shared);
    router.admission = team?.admission;
    router.teamScopes = team?.budgetScopes;
    for (const warning of router.warnings) log(`warning: ${warning}`);
    const teamAuth = team && {
      principals: team.principals,
      rateRefusal: (p: Principal) => team.limits.rateRefusal(p),
      status: (p: Principal) => team.limits.status(p),
      history: (p: Principal, limit: number) => team.ledger.developerHistory(p.developer, limit),
    };
    const scopes = team && {
      spend: team.ledger.scopeSpend.bind(team.ledger),
      limits: team.directory.limitsFor.bind(team.directory),
      history: team.ledger.developerHistory.bind(team.ledger),
    };
    const server = createGatewayServer(router, { host: args.host, token, log, team: teamAuth, scopes });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(args.port, args.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = args.host.includes(':') ? `[${args.host}]` : args.host;
    process.stdout.write(`${JSON.stringify({ url: `http://${urlHost}:${port}/v1`, host: args.host, port })}\n`);
    // Started: from here on the code that runs is the requests' (see optimise-sooner.ts).
    optimiseHotCodeSooner();
    capYoungGeneration();

    const stopWatching = args.settingsFile === undefined ? () => undefined : reloadSettingsOnChange(args.settingsFile, router, log);
    const stop = () => {
      stopWatching();
      server.close();
      server.closeAllConnections();
      void Promise.all([Promise.resolve(ledger.close()), shared.close()]).finally(() => process.exit(0));
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

/**
 * One of PostgreSQL and Redis without the other runs, but not as one team: said at start so
 * an operator who meant N replicas is not surprised later.
 */
export function halfTeamWarning(postgres: boolean, redis: boolean): string | undefined {
  if (postgres && !redis) {
    return 'no --redis: circuit breakers, key cooldowns, requests per minute, the cache and the budget reservations of requests in flight are this replica\'s own (spend itself is shared through PostgreSQL); run more than one replica with --redis';
  }
  if (redis && !postgres) {
    return 'no --postgres: each replica keeps its own SQLite ledger, so spend, history and developer tokens are not shared, and budget counters re-seed from one replica\'s ledger when Redis loses them; give every replica the same --postgres';
  }
  return undefined;
}
