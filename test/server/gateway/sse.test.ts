// SseStream on a real loopback server: events leave by the turn after the one they were
// written in (held through its check phase, where the ledger commits), in order, and an
// error event written through another SseStream on the same response (the gateway's error
// path) comes after them.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { SseStream } from '../../../server/src/gateway/sse';
import { useLoopbackResponder } from '../loopback-responder';

describe('SseStream', () => {
  const server = useLoopbackResponder();

  /** The body as it arrives: `onText` sees the text received so far each time more comes. */
  function get(onText: (text: string) => void = () => undefined): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
    const port = server.port();
    return new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (piece: string) => onText((text += piece)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      }).on('error', reject).end();
    });
  }

  it('sends each turn’s events when the turn ends, without waiting for the stream’s end', async () => {
    let second: () => void = () => undefined;
    server.respond = (res) => {
      const sse = new SseStream(res);
      sse.start({ 'x-model': 'p/m' });
      sse.sendJson('{"n":1}');
      sse.send({ n: 2 });
      second = () => {
        sse.sendNamed('progress', { n: 3 });
        sse.done();
      };
    };
    const answer = await get((text) => {
      // The second turn is written only once the first turn's events were received.
      if (text === 'data: {"n":1}\n\ndata: {"n":2}\n\n') setTimeout(second, 10);
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['x-model'], 'p/m');
    assert.equal(answer.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(answer.text, 'data: {"n":1}\n\ndata: {"n":2}\n\nevent: progress\ndata: {"n":3}\n\ndata: [DONE]\n\n');
  });

  it('holds a turn’s events through the check phase where the ledger commits, so an answer that ends there leaves in one write', async () => {
    let sentAtCommit: number | undefined;
    let writes = 0;
    server.respond = (res) => {
      // The socket's own writes (one system call each), under the HTTP framing's several pieces.
      const socket = res.socket! as Socket & { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
      for (const name of ['_write', '_writev'] as const) {
        const original = socket[name].bind(socket);
        socket[name] = (...args: unknown[]) => {
          writes++;
          original(...args);
        };
      }
      const sse = new SseStream(res);
      sse.start();
      sse.sendJson('{"n":1}');
      // Where SqliteLedgerStore's group commit runs; the gateway then writes the stream's end.
      setImmediate(() => {
        sentAtCommit = socket.bytesWritten;
        sse.sendJson('{"n":2}');
        sse.done();
      });
    };
    const answer = await get();
    assert.equal(sentAtCommit, 0, 'nothing has left before the commit: the headers and first event are held');
    assert.equal(writes, 1, 'headers, events and the end leave in one system call');
    assert.equal(answer.text, 'data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');
  });

  it('puts an error event written through another SseStream after the events already written', async () => {
    server.respond = (res) => {
      const sse = new SseStream(res);
      sse.sendJson('{"n":1}');
      new SseStream(res).fail({ error: { message: 'broke' } }, 'error');
    };
    const answer = await get();
    assert.equal(answer.text, 'data: {"n":1}\n\nevent: error\ndata: {"error":{"message":"broke"}}\n\n');
  });

  it('sends the headers of a started stream in its turn, before any event', async () => {
    let later: () => void = () => undefined;
    server.respond = (res) => {
      const sse = new SseStream(res);
      sse.start();
      later = () => sse.end();
    };
    const port = server.port();
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        later();
      }).on('error', reject).end();
    });
    assert.equal(status, 200);
  });
});
