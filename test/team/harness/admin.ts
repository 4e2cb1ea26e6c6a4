// Runs `node dist/server.js admin --postgres URL ...` as a real process, as an operator would.
import { spawn } from 'node:child_process';
import { SERVER_JS } from '../../integration/server-process';

export interface AdminRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function admin(postgresUrl: string, ...args: string[]): Promise<AdminRun> {
  const child = spawn(process.execPath, [SERVER_JS, 'admin', '--postgres', postgresUrl, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Creates a developer and returns their token (the one line admin prints on stdout). */
export async function createToken(postgresUrl: string, name: string, team?: string): Promise<string> {
  const run = await admin(postgresUrl, 'create-token', name, ...(team === undefined ? [] : ['--team', team]));
  if (run.code !== 0) throw new Error(`create-token ${name} failed (${run.code}): ${run.stderr}`);
  return run.stdout.trim();
}
