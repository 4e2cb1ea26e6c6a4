// A throwaway redis-server for tests: 127.0.0.1, a free port, no persistence, data in a temp
// folder; it can be stopped and started again on the same port (an outage), and is removed
// after the suite, also when a test fails (and on process exit, should mocha be killed).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../integration/free-port';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
const START_TIMEOUT_MS = 10_000;

/** The redis-server binary, or an error that says how to install it. */
export function redisServerBinary(): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `redis-server not found (looked in ${CANDIDATES.join(', ')}): install it with \`apt-get install -y redis-server\` ` +
        '(Debian/Ubuntu) to run the team tests',
    );
  }
  return found;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'llmr-redis-')));
    try {
      await server.startProcess();
    } catch (error) {
      await server.remove();
      throw error;
    }
    return server;
  }

  /** Stops the server as an outage would (SIGKILL by default: no goodbye to its clients). */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT'); // a paused server must be able to die
    child.kill(signal);
    await exited;
    running.delete(child);
    this.child = undefined;
  }

  /** Freezes the server (SIGSTOP): its sockets stay open but nothing answers. `resume()` thaws it. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Starts it again on the same port, empty (it never saves): a restart that lost the data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.startProcess();
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private startProcess(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    const child = spawn(redisServerBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      let output = '';
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`redis-server on port ${this.port} ${why}:\n${output}`));
      };
      const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        running.delete(child);
        if (!output.includes('Ready to accept connections')) fail(`exited with ${code}`);
      });
    });
  }
}

/** Mocha hooks: one Redis for the file's tests, removed at the end whatever happened. */
export function useRedis(): () => RedisServer {
  let server: RedisServer | undefined;
  before(async function () {
    this.timeout(20_000);
    server = await RedisServer.start();
  });
  after(async () => {
    await server?.remove();
  });
  return () => {
    if (!server) throw new Error('redis is not started');
    return server;
  };
}

