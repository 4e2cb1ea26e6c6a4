// Spawns the bundled server in HTTP mode (dist/server.js --http 127.0.0.1:0) and reads
// the bound URL from the JSON line it prints, as a script using the gateway would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVER_JS } from './server-process';

export interface GatewayStartOptions {
  settings: unknown;
  env?: NodeJS.ProcessEnv;
  listen?: string;
  /** Reuse a storage folder (e.g. one holding a damaged ledger); a fresh temp folder otherwise. */
  storageDir?: string;
  /** More command-line arguments, e.g. `--postgres URL` for a team gateway. */
  extraArgs?: string[];
}

export class GatewayProcess {
  stderr = '';

  private constructor(
    readonly child: ChildProcess,
    /** The OpenAI `baseURL`, e.g. http://127.0.0.1:41234/v1 */
    readonly url: string,
    readonly storageDir: string,
  ) {}

  static async start(options: GatewayStartOptions): Promise<GatewayProcess> {
    const storageDir = options.storageDir ?? mkdtempSync(join(tmpdir(), 'llm-router-gw-'));
    const settingsFile = join(storageDir, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(options.settings));
    const args = [SERVER_JS, '--http', options.listen ?? '127.0.0.1:0', '--storage', storageDir, '--settings', settingsFile, ...(options.extraArgs ?? [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before listening: ${stderr}`)));
    });
    const gateway = new GatewayProcess(child, (JSON.parse(line) as { url: string }).url, storageDir);
    gateway.stderr = stderr; // what it said while starting
    child.stderr!.on('data', (d: Buffer) => (gateway.stderr += d.toString()));
    return gateway;
  }

  /** The --settings file the gateway was started with; the gateway watches it. */
  get settingsFile(): string {
    return join(this.storageDir, 'settings.json');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.storageDir, { recursive: true, force: true });
  }
}

/** Runs the gateway's start-up with these args and returns its exit code and stderr (for refusals). */
export function runGatewayExpectingExit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}
