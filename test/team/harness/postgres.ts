// A throwaway PostgreSQL for tests: its own cluster in a temp folder, on 127.0.0.1 on a
// free port, never the system's cluster or port 5432. PostgreSQL refuses to run as root,
// so when the tests run as root the cluster belongs to the `postgres` system user (which
// the Debian package creates) and its commands run through runuser.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../integration/free-port';

const run = promisify(execFile);

export const INSTALL_HINT = 'install PostgreSQL (Debian/Ubuntu: `apt-get install -y postgresql`)';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/router */
  url: string;
  port: number;
  /** Stops the server (pg_ctl stop -m fast), keeping its data: for outage tests. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /**
   * Freezes the server and every backend (SIGSTOP): connections stay open and new ones are
   * accepted by the kernel, but nothing answers, as a hung database host would behave.
   */
  pause(): void;
  /** Thaws what pause() froze (SIGCONT). */
  resume(): void;
  /** Stops it and removes its folder; safe to call twice (a paused server is resumed first). */
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder, or undefined when none is installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

export interface StartOptions {
  /** More server settings, e.g. `-c shared_preload_libraries=pg_stat_statements` for the team benchmark. */
  serverOptions?: string;
}

export async function startPostgres(startOptions: StartOptions = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`PostgreSQL is not installed: ${INSTALL_HINT}`);
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-router-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  // As root, every command runs as `postgres`, which must own the folder.
  const exec = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  let running = false;
  const start = async () => {
    // The socket goes in our folder too, so nothing is written to /var/run/postgresql.
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200 ${startOptions.serverOptions ?? ''}`;
    await exec('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  // The postmaster and its children (backends, checkpointer, walwriter...): all of them, or a
  // backend still running would answer the connections it holds.
  const serverPids = (): number[] => {
    const pidFile = path.join(data, 'postmaster.pid');
    if (!fs.existsSync(pidFile)) return [];
    const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const children = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => parentOf(pid) === postmaster);
    return [postmaster, ...children];
  };
  let paused: number[] = [];
  const signal = (pids: number[], name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name);
      } catch {
        // gone already
      }
    }
  };
  const pause = () => {
    paused = serverPids();
    signal(paused, 'SIGSTOP');
  };
  const resume = () => {
    signal(paused, 'SIGCONT');
    paused = [];
  };
  let destroyed = false;
  const destroy = async () => {
    if (destroyed) return;
    destroyed = true;
    resume();
    try {
      await stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    await start();
    await exec('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'router']);
  } catch (error) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
    await destroy().catch(() => undefined);
    throw new Error(`could not start a test PostgreSQL: ${(error as Error).message}\n${log}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/router`, port, stop, start, pause, resume, destroy };
}

/** The parent of a process (from /proc), or undefined when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** For mocha: one PostgreSQL for the suite (started in before, removed in after, also on failure). */
export function usePostgres(): () => TestPostgres {
  let instance: TestPostgres | undefined;
  before(async function () {
    this.timeout(120_000);
    instance = await startPostgres();
  });
  after(async function () {
    this.timeout(60_000);
    await instance?.destroy();
  });
  return () => {
    if (!instance) throw new Error('the test PostgreSQL is not running');
    return instance;
  };
}

/** A fresh empty database on the test server, for one test: its URL. */
export async function createDatabase(server: TestPostgres, name: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return server.url.replace(/\/router$/, `/${name}`);
}
