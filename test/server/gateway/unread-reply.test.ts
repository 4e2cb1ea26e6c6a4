// closeIfNeverRead / dropIfUnread on a real loopback connection: a client that takes nothing
// of what waits for it is hung up on; one that reads keeps its connection.
import assert from 'node:assert/strict';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeIfNeverRead, dropIfUnread } from '../../../server/src/gateway/unread-reply';

describe('unread replies', () => {
  let server: Server;
  let onResponse: (res: ServerResponse) => void;
  const limits = { maxUnsentBytes: 1024 * 1024, unreadTimeoutMs: 200 };
  // Far more than the loopback socket's buffers take, so some of it must wait in the process.
  const big = 'x'.repeat(32 * 1024 * 1024);

  beforeEach(async () => {
    server = createServer((_req, res) => onResponse(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends a request; `read` says whether the client reads the reply. Resolves when the server's response closed. */
  function exchange(read: boolean, respond: (res: ServerResponse) => void) {
    const closed = new Promise<{ hungUp: boolean }>((resolve) => {
      onResponse = (res) => {
        // A reply taken whole leaves the connection open (kept alive); one hung up on does not.
        const socket = res.socket!;
        res.once('close', () => setImmediate(() => resolve({ hungUp: socket.destroyed })));
        respond(res);
      };
    });
    const req = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }, (res) => {
      if (read) res.resume();
      else res.pause();
    });
    req.on('error', () => undefined);
    req.end();
    return closed;
  }

  it('hangs up on a client that reads nothing once more than the limit waits for it', async () => {
    const closed = exchange(false, (res) => {
      res.writeHead(200);
      res.write(big);
      dropIfUnread(res, limits);
    });
    assert.deepEqual(await closed, { hungUp: true });
  });

  it('hangs up when none of an ended reply is taken in time, and not on a client that reads it', async () => {
    const unlimited = { maxUnsentBytes: Infinity, unreadTimeoutMs: 200 };
    assert.deepEqual(await exchange(false, (res) => (res.end(big), closeIfNeverRead(res, unlimited))), { hungUp: true });
    // However long reading 32 MB takes on a busy machine, taking some in each period is enough.
    const patient = { maxUnsentBytes: Infinity, unreadTimeoutMs: 2_000 };
    assert.deepEqual(await exchange(true, (res) => (res.end(big), closeIfNeverRead(res, patient))), { hungUp: false });
  });
});
