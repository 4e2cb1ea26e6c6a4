// The gateway's limits on a real loopback server (in-process): silent sockets are closed,
// connections are capped, and request bodies are refused before they fill the memory.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { defaultSettings } from '../../../shared/settings';
import { createGatewayServer } from '../../../server/src/gateway/http-server';
import type { GatewayLimits } from '../../../server/src/gateway/limits';
import { Ledger } from '../../../server/src/ledger/ledger';
import { SqliteLedgerStore } from '../../../server/src/ledger/sqlite-store';
import { Router } from '../../../server/src/pipeline/router';
import { makeTempDir, removeDir } from '../ledger/helpers';

interface Raw {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

describe('gateway limits (loopback)', function () {
  this.timeout(10_000);
  let dir: string;
  let ledger: Ledger;
  let server: Server;
  let port: number;

  async function start(limits: Partial<GatewayLimits>, log: (line: string) => void = () => undefined): Promise<void> {
    server = createGatewayServer(new Router(new SqliteLedgerStore(ledger), defaultSettings), { host: '127.0.0.1', log, limits });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }

  function open(): Promise<Raw> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('error', () => undefined);
      const closed = new Promise<void>((r) => socket.once('close', () => r()));
      socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    });
  }

  const post = (bodyLength: number | 'chunked') =>
    `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    (bodyLength === 'chunked' ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${bodyLength}\r\n\r\n`);

  async function until(predicate: () => boolean, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const openConnections = () => new Promise<number>((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));

  async function untilAsync(predicate: () => Promise<boolean>, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await predicate())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  beforeEach(() => {
    dir = makeTempDir();
    ledger = Ledger.open(dir);
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    ledger.close();
    removeDir(dir);
  });

  it('closes connections that send nothing once the header timeout passes, however many there are', async () => {
    await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 50 });
    const silent = await Promise.all(Array.from({ length: 200 }, () => open()));
    await Promise.all(silent.map((s) => s.closed));
    for (const s of silent) assert.ok(s.received() === '' || s.received().startsWith('HTTP/1.1 408'), s.received());
  });

  it('closes a connection beyond the cap at once, and serves again once others close', async () => {
    await start({ maxConnections: 3 });
    const held = await Promise.all([open(), open(), open()]);
    const extra = await open();
    await extra.closed;
    assert.equal(extra.received(), '');
    assert.ok(held.every((s) => !s.socket.destroyed));
    for (const s of held) s.socket.destroy();
    await untilAsync(async () => (await openConnections()) === 0);
    const answer = await fetch(`http://127.0.0.1:${port}/v1/models`);
    assert.equal(answer.status, 200);
  });

  it('answers 413 on a declared Content-Length over the limit without waiting for the body', async () => {
    await start({ maxBodyBytes: 1000 });
    const client = await open();
    client.socket.write(post(5000)); // the body is never sent
    await until(() => client.received().includes('\r\n\r\n'));
    assert.match(client.received(), /^HTTP\/1.1 413/);
    assert.match(client.received(), /body_too_large/);
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    await start({ maxBodyBytes: 1000 });
    const client = await open();
    client.socket.write(post('chunked'));
    const chunk = 'x'.repeat(400);
    for (let i = 0; i < 3; i++) client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`); // 1200 bytes, no end
    await until(() => client.received().includes('\r\n\r\n'));
    assert.match(client.received(), /^HTTP\/1.1 413/);
    await client.closed; // refused half-read: the connection is closed, the rest never read
  });

  it('answers 503 when bodies being read together would pass the shared budget', async () => {
    await start({ maxBodyBytes: 1000, maxBufferedBytes: 1500 });
    const first = await open();
    first.socket.write(post(900) + 'x'.repeat(800)); // held: 100 bytes still to come
    await new Promise((r) => setTimeout(r, 100));
    const second = await open();
    second.socket.write(post(900) + 'x'.repeat(800));
    await until(() => second.received().includes('\r\n\r\n'));
    assert.match(second.received(), /^HTTP\/1.1 503/);
    assert.equal(first.received(), '', 'the first body is still being read');
    first.socket.write('x'.repeat(100));
    await until(() => first.received().includes('\r\n\r\n'));
    assert.match(first.received(), /^HTTP\/1.1 400/); // read whole, then judged (not JSON)
  });

  it('gives back the budget of a body whose client left half-way, without logging it as a gateway fault', async () => {
    const logged: string[] = [];
    await start({ maxBodyBytes: 1000, maxBufferedBytes: 1500 }, (line) => logged.push(line));
    const leaving = await open();
    leaving.socket.write(post(900) + 'x'.repeat(800)); // 100 bytes still to come, never sent
    await new Promise((r) => setTimeout(r, 100));
    leaving.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const next = await open();
    next.socket.write(post(900) + 'x'.repeat(900));
    await until(() => next.received().includes('\r\n\r\n'));
    assert.match(next.received(), /^HTTP\/1.1 400/); // read whole (the budget was free again), then judged (not JSON)
    assert.deepEqual(logged, []);
  });
});
