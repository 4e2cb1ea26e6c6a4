// Spawns the bundled router server (dist/server.js --stdio) as a real process and talks
// to it over LSP-framed JSON-RPC, as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { UsageChangedNotification, type UsageReport } from '../../shared/protocol';

export const SERVER_JS = resolve(__dirname, '../../dist/server.js');

export interface StartOptions {
  settings?: unknown;
  apiKeys?: Record<string, string | string[]>;
  /** Reuse a ledger folder (e.g. after a crash); a fresh temp folder otherwise. */
  storageDir?: string;
  env?: NodeJS.ProcessEnv;
  /** The team gateway's token (team mode: settings `team.gatewayUrl`), sent like the API keys. */
  teamToken?: string;
}

export class ServerProcess {
  readonly usageEvents: UsageReport[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly storageDir: string,
    private readonly ownsStorage: boolean,
  ) {}

  static async start(options: StartOptions = {}): Promise<ServerProcess> {
    const storageDir = options.storageDir ?? mkdtempSync(join(tmpdir(), 'llm-router-it-'));
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const server = new ServerProcess(child, connection, storageDir, options.storageDir === undefined);
    child.stderr!.on('data', (d: Buffer) => (server.stderr += d.toString()));
    connection.onNotification(UsageChangedNotification.type, (u) => void server.usageEvents.push(u));
    connection.onNotification('window/showMessage', (m: { type: number; message: string }) => void server.messages.push(m));
    connection.onNotification('window/logMessage', (m: { message: string }) => void server.logs.push(m.message));
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { storageDir, settings: options.settings, apiKeys: options.apiKeys, teamToken: options.teamToken },
    });
    await connection.sendNotification('initialized', {});
    return server;
  }

  changeSettings(llmRouter: unknown): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { llmRouter } });
  }

  /** Waits until `predicate` holds, polling; fails after `ms`. */
  async waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the server');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** SIGKILL, as a crash would: no shutdown, no flush. */
  async kill(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
    this.connection.dispose();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 2_000);
        await this.connection.sendNotification('exit');
      } catch {
        this.child.kill('SIGKILL');
      }
      await withTimeout(exited, 2_000).catch(() => this.child.kill('SIGKILL'));
    }
    this.connection.dispose();
    if (this.ownsStorage) rmSync(this.storageDir, { recursive: true, force: true });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
