// Malformed LSP frames, and a way to send one to a real `dist/server.js --stdio` and see
// what becomes of it (framing.test.ts, the chaos run).
import { spawn } from 'node:child_process';
import { SERVER_JS } from './server-process';

const frame = (body: string | Buffer, headers = `Content-Length: ${Buffer.byteLength(body)}\r\n`) =>
  Buffer.concat([Buffer.from(`${headers}\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

const request = (id: number, method: string, params: unknown) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
const PROBE_ID = 99;
const probe = frame(request(PROBE_ID, 'router/usage', { workspaceId: 'w' }));
const usage = request(7, 'router/usage', { workspaceId: 'w' });
const len = Buffer.byteLength(usage);

/** Each fault: the bytes to send before the probe request (or in place of it, split). */
export const FAULTS: { name: string; bytes: Buffer[] }[] = [
  { name: 'no Content-Length', bytes: [frame(usage, 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n')] },
  { name: 'non-numeric Content-Length', bytes: [frame(usage, 'Content-Length: abc\r\n')] },
  { name: 'negative Content-Length', bytes: [frame(usage, `Content-Length: -${len}\r\n`)] },
  { name: 'duplicate Content-Length', bytes: [frame(usage, `Content-Length: ${len}\r\nContent-Length: ${len + 3}\r\n`)] },
  { name: 'Content-Length too short', bytes: [frame(usage, `Content-Length: ${len - 5}\r\n`)] },
  { name: 'Content-Length too long', bytes: [frame(usage, `Content-Length: ${len + 5}\r\n`)] },
  { name: 'huge Content-Length', bytes: [frame(usage, 'Content-Length: 999999999999\r\n')] },
  { name: 'Content-Length 0', bytes: [frame('', 'Content-Length: 0\r\n')] },
  { name: 'LF-only headers', bytes: [Buffer.from(`Content-Length: ${len}\n\n${usage}`)] },
  { name: 'CR-only headers', bytes: [Buffer.from(`Content-Length: ${len}\r\r${usage}`)] },
  { name: 'header line without a colon', bytes: [frame(usage, `Content-Length ${len}\r\n`)] },
  { name: 'body that is not JSON', bytes: [frame('{"jsonrpc":"2.0","id":7,')] },
  { name: 'body that is a JSON array', bytes: [frame(`[${usage}]`)] },
  { name: 'body that is not UTF-8', bytes: [frame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))] },
  { name: 'a request for an unknown method', bytes: [frame(request(7, 'no/such', {}))] },
  { name: 'lower-case header name and an extra header', bytes: [frame(usage, `content-length: ${len}\r\nX-Extra: 1\r\n`)] },
  { name: 'a frame sent one byte at a time', bytes: [...frame(usage)].map((b) => Buffer.from([b])) },
];

export interface Outcome {
  answered: boolean;
  exitCode: number | null;
  stderr: string;
}

export async function sendFault(bytes: Buffer[], storageDir: string): Promise<Outcome> {
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    child.stdin.write(frame(request(1, 'initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { storageDir } })));
    await until(() => stdout.includes('"id":1'), 10_000);
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })));
    for (const piece of bytes) {
      child.stdin.write(piece);
      if (bytes.length > 1) await new Promise((r) => setTimeout(r, 1));
    }
    child.stdin.write(probe);
    const answered = until(() => stdout.includes(`"id":${PROBE_ID}`), 15_000).then(() => true, () => false);
    const result = await Promise.race([answered, exited.then(() => false)]);
    if (result) return { answered: true, exitCode: child.exitCode, stderr };
    const exitCode = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 1_000))]);
    return { answered: false, exitCode, stderr };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

async function until(predicate: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

