// `node dist/server.js admin --postgres URL COMMAND ...`: developers and their limits in a
// team gateway's PostgreSQL.
//   create-token NAME [--team T]   prints the new token once (stdout); only its sha256 is stored
//   list                           developers, teams, created/revoked, limits (never tokens)
//   revoke NAME
//   set-limit (--developer NAME | --team T) [--daily USD] [--monthly USD] [--rpm N]   ("none" removes one)
// Exit codes: 0 done, 1 refused (e.g. no such developer), 2 wrong usage or PostgreSQL unreachable.
import { createPool, redactUrl, type Pool } from '../ledger/postgres/driver';
import { migrate } from '../ledger/postgres/migrations';
import { DeveloperDirectory, type LimitChange, type Limits, type LimitScope } from './developers';

export const ADMIN_USAGE = [
  'usage: node dist/server.js admin --postgres URL COMMAND',
  '  create-token NAME [--team TEAM]',
  '  list',
  '  revoke NAME',
  '  set-limit (--developer NAME | --team TEAM) [--daily USD] [--monthly USD] [--rpm N]   ("none" removes a limit)',
].join('\n');

class UsageError extends Error {}

interface Parsed {
  postgres: string;
  command: string;
  positional: string[];
  flags: Map<string, string>;
}

const COMMAND_FLAGS: Record<string, { positional: number; flags: string[] }> = {
  'create-token': { positional: 1, flags: ['--team'] },
  list: { positional: 0, flags: [] },
  revoke: { positional: 1, flags: [] },
  'set-limit': { positional: 0, flags: ['--developer', '--team', '--daily', '--monthly', '--rpm'] },
};

export function parseAdminArgs(argv: string[]): Parsed {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (flags.has(flag)) throw new UsageError(`${flag} is given twice`);
    flags.set(flag, value);
  }
  const postgres = flags.get('--postgres');
  flags.delete('--postgres');
  if (postgres === undefined) throw new UsageError('--postgres URL is required');
  const [command, ...rest] = positional;
  const spec = command === undefined ? undefined : COMMAND_FLAGS[command];
  if (!spec) throw new UsageError(command === undefined ? 'a command is required' : `unknown command ${command}`);
  const unknown = [...flags.keys()].filter((f) => !spec.flags.includes(f));
  if (unknown.length > 0) throw new UsageError(`${command} does not take ${unknown.join(' ')}`);
  if (rest.length !== spec.positional) throw new UsageError(`${command} takes ${spec.positional === 1 ? 'a NAME' : 'no other argument'}`);
  return { postgres, command, positional: rest, flags };
}

function limitChange(flags: Map<string, string>): LimitChange {
  const change: LimitChange = {};
  const read = (flag: string, integer: boolean): number | null | undefined => {
    const raw = flags.get(flag);
    if (raw === undefined) return undefined;
    if (raw === 'none') return null;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      throw new UsageError(`${flag} ${raw}: expected ${integer ? 'a whole number' : 'an amount in USD'} or "none"`);
    }
    return value;
  };
  const daily = read('--daily', false);
  const monthly = read('--monthly', false);
  const rpm = read('--rpm', true);
  if (daily !== undefined) change.dailyUsd = daily;
  if (monthly !== undefined) change.monthlyUsd = monthly;
  if (rpm !== undefined) change.rpm = rpm;
  if (Object.keys(change).length === 0) throw new UsageError('set-limit needs --daily, --monthly or --rpm');
  return change;
}

function describeLimits(limits: Limits): string {
  const parts = [
    limits.dailyUsd === undefined ? undefined : `daily $${limits.dailyUsd}`,
    limits.monthlyUsd === undefined ? undefined : `monthly $${limits.monthlyUsd}`,
    limits.rpm === undefined ? undefined : `${limits.rpm} requests/min`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? 'no limits' : parts.join(', ');
}

async function run(parsed: Parsed, directory: DeveloperDirectory, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [name] = parsed.positional;
  switch (parsed.command) {
    case 'create-token': {
      const token = await directory.create(name, parsed.flags.get('--team'));
      err(`Token for developer "${name}" (shown only now; the gateway keeps its sha256):`);
      out(token);
      return 0;
    }
    case 'list': {
      out(['NAME', 'TEAM', 'CREATED', 'STATUS', 'LIMITS'].join('\t'));
      for (const d of await directory.list()) {
        const status = d.revokedAt === undefined ? 'active' : `revoked ${new Date(d.revokedAt).toISOString()}`;
        out([d.name, d.team ?? '-', new Date(d.createdAt).toISOString(), status, describeLimits(d.limits)].join('\t'));
      }
      for (const t of await directory.teamLimits()) out(`team ${t.team}: ${describeLimits(t.limits)}`);
      return 0;
    }
    case 'revoke': {
      if (await directory.revoke(name)) {
        out(`Revoked the token of developer "${name}": the gateway refuses it from now on.`);
        return 0;
      }
      err(`No developer "${name}" with a live token.`);
      return 1;
    }
    case 'set-limit': {
      const developer = parsed.flags.get('--developer');
      const team = parsed.flags.get('--team');
      if ((developer === undefined) === (team === undefined)) throw new UsageError('set-limit takes --developer NAME or --team TEAM');
      const scope: LimitScope = developer !== undefined ? { developer } : { team: team as string };
      const limits = await directory.setLimits(scope, limitChange(parsed.flags));
      out(`${developer !== undefined ? `Developer "${developer}"` : `Team "${team}"`}: ${describeLimits(limits)}`);
      return 0;
    }
  }
  return 2;
}

export async function adminMain(argv: string[]): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  let parsed: Parsed;
  try {
    parsed = parseAdminArgs(argv);
    if (parsed.command === 'set-limit') limitChange(parsed.flags);
  } catch (error) {
    err(`llm-router admin: ${(error as Error).message}\n${ADMIN_USAGE}`);
    process.exit(2);
  }
  const pool: Pool = createPool(parsed.postgres, { max: 2 });
  try {
    await migrate(pool);
  } catch (error) {
    err(`llm-router admin: PostgreSQL at ${redactUrl(parsed.postgres)} is unreachable or refused: ${(error as Error).message}`);
    await pool.end().catch(() => undefined);
    process.exit(2);
  }
  let code: number;
  try {
    code = await run(parsed, new DeveloperDirectory(pool), out, err);
  } catch (error) {
    err(`llm-router admin: ${(error as Error).message}${error instanceof UsageError ? `\n${ADMIN_USAGE}` : ''}`);
    code = error instanceof UsageError ? 2 : 1;
  } finally {
    await pool.end().catch(() => undefined);
  }
  process.exit(code);
}
