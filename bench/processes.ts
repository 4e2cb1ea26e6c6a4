// What the A/B and warm-up benches share: starting a process that prints `{"port":N}` as its
// first line, stopping one and waiting for it, and the settings that point a gateway at the
// zero-latency upstream.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export async function spawnWithPort(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done);
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited (${code})`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

/** Stops a process and waits for it: its storage is removed next, which a live gateway would notice. */
export function stopProcess(child: ChildProcess): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  return exited;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Writes `dir/settings.json`: one model on the upstream at `port`, cache off; returns its path. */
export function upstreamSettings(dir: string, port: number): string {
  const settings = join(dir, 'settings.json');
  writeFileSync(settings, JSON.stringify({
    providers: [{ id: 'up', type: 'openai-compatible', baseUrl: `http://127.0.0.1:${port}/v1`, models: [{ id: 'm', inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4, contextWindow: 32_000 }] }],
    cache: { enabled: false },
  }));
  return settings;
}
