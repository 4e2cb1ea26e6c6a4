// Command line of HTTP mode: `--http [HOST:]PORT --storage DIR [--settings FILE.json] [--postgres URL]`.
// Pure, so every way of getting it wrong has a unit test and a message that says how to fix it.

export interface GatewayArgs {
  host: string;
  /** 0 asks the OS for a free port (the bound one is printed on stdout). */
  port: number;
  storageDir: string;
  settingsFile?: string;
  /** Team mode: the ledger, developers and limits in this PostgreSQL database (else `team.postgres` in the settings file). */
  postgresUrl?: string;
}

export const USAGE = 'usage: node dist/server.js --http [HOST:]PORT --storage DIR [--settings FILE.json] [--postgres URL]';

/** Loopback by default: a gateway spends money on the user's keys, so exposing it is opt-in. */
export const DEFAULT_HOST = '127.0.0.1';

const FLAGS = new Set(['--http', '--storage', '--settings', '--postgres']);

export function parseGatewayArgs(argv: string[]): GatewayArgs {
  const values = new Map<string, string>();
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitInline(argv[i]);
    // Refused, not skipped: `--postgres URL` silently running on SQLite is worse than no start.
    if (!FLAGS.has(flag)) {
      unknown.push(flag);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value; ${USAGE}`);
    if (values.has(flag)) throw new Error(`${flag} is given twice; ${USAGE}`);
    values.set(flag, value);
  }
  if (unknown.length > 0) throw new Error(`unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.join(' ')}; ${USAGE}`);
  const listen = values.get('--http');
  if (listen === undefined) throw new Error(`--http is required; ${USAGE}`);
  const storageDir = values.get('--storage');
  if (storageDir === undefined) throw new Error(`--storage is required (the ledger lives there); ${USAGE}`);
  const postgresUrl = values.get('--postgres');
  return { ...parseListen(listen), storageDir, settingsFile: values.get('--settings'), ...(postgresUrl === undefined ? {} : { postgresUrl }) };
}

/** `8080`, `0.0.0.0:8080`, `localhost:0` or `[::1]:8080`. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]:|([^:[\]]+):)?(\d+)$/.exec(value);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65_535) throw new Error(`--http ${value}: expected [HOST:]PORT with PORT 0-65535`);
  return { host: match[1] ?? match[2] ?? DEFAULT_HOST, port };
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}
