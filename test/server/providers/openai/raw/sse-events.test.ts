// readSseEvents on a real loopback response: the bytes a server sends, however they are cut
// into packets, come out as parsed events in order; an error event, a reset or a throwing
// reader ends the stream with an error.
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import { readSseEvents } from '../../../../../server/src/providers/openai/raw/sse-events';
import { WireStreamError } from '../../../../../server/src/providers/openai/raw/wire-errors';
import { MalformedResponseError } from '../../../../../server/src/providers/common/sdk-failure';
import { useLoopbackResponder } from '../../../loopback-responder';

describe('readSseEvents', () => {
  const server = useLoopbackResponder();

  function get(): Promise<IncomingMessage> {
    const port = server.port();
    return new Promise((resolve, reject) => request({ host: '127.0.0.1', port }, resolve).on('error', reject).end());
  }

  /** Writes `pieces` one by one, a turn apart, so they arrive as separate reads. */
  function sendInPieces(pieces: string[], end = true) {
    server.respond = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const next = (i: number) => {
        if (i === pieces.length) return void (end && res.end());
        res.write(pieces[i]);
        setTimeout(() => next(i + 1), 5);
      };
      next(0);
    };
  }

  it('reads events cut anywhere into packets, with CRLF lines, comments, named events and data over several lines', async () => {
    const stream = ': keep-alive\r\n\r\ndata: {"n":1}\r\n\r\nevent: chunk\ndata: {"n":\ndata: 2}\n\ndata: {"n":3}\n\ndata: [DONE]\n\n';
    // Cut at every 7th character: inside field names, values, and between CR and LF.
    sendInPieces(stream.match(/[\s\S]{1,7}/g)!);
    const events: unknown[] = [];
    await readSseEvents(await get(), (event) => events.push(event));
    assert.deepEqual(events, [{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('stops at [DONE] and ignores what follows it', async () => {
    sendInPieces(['data: {"n":1}\n\ndata: [DONE]\n\ndata: {"n":2}\n\n']);
    const events: unknown[] = [];
    await readSseEvents(await get(), (event) => events.push(event));
    assert.deepEqual(events, [{ n: 1 }]);
  });

  it('counts a last event that ends without its blank line', async () => {
    sendInPieces(['data: {"n":1}\n\n', 'data: {"n":2}']);
    const events: unknown[] = [];
    await readSseEvents(await get(), (event) => events.push(event));
    assert.deepEqual(events, [{ n: 1 }, { n: 2 }]);
  });

  it('rejects with the provider’s error when an error event comes inside the 200', async () => {
    sendInPieces(['data: {"n":1}\n\n', 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'], false);
    const events: unknown[] = [];
    await assert.rejects(readSseEvents(await get(), (event) => events.push(event)), (error) =>
      error instanceof WireStreamError && error.body?.message === 'overloaded');
    assert.deepEqual(events, [{ n: 1 }]);
  });

  it('rejects when the connection closes before the stream ended', async () => {
    server.respond = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    await assert.rejects(readSseEvents(await get(), () => undefined), (error: NodeJS.ErrnoException) => error.code === 'ECONNRESET');
  });

  it('rejects with what the reader throws, and stops reading', async () => {
    sendInPieces(['data: {"n":1}\n\n', 'data: {"n":2}\n\n'], false);
    const seen: unknown[] = [];
    const refused = new Error('not a chunk I can read');
    await assert.rejects(
      readSseEvents(await get(), (event) => {
        seen.push(event);
        throw refused;
      }),
      (error) => error === refused,
    );
    assert.deepEqual(seen, [{ n: 1 }]);
  });

  it('rejects an event that is not JSON', async () => {
    sendInPieces(['data: {"n": broken\n\n'], false);
    await assert.rejects(readSseEvents(await get(), () => undefined), SyntaxError);
  });

  it('reads one 15 MB event in time of the order of reading the same bytes as short events', async () => {
    // A linear-time peer in the same run, not a wall-clock limit: the line used to be grown
    // piece by piece and searched whole for its end each time, ~1 s for 16 MB.
    const long = `data: {"x":"${'a'.repeat(15 * 1024 * 1024)}"}\n\ndata: [DONE]\n\n`;
    const short = `${`data: {"x":"${'a'.repeat(1000)}"}\n\n`.repeat(15 * 1024)}data: [DONE]\n\n`;
    const timeToRead = async (body: string) => {
      server.respond = (res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(body);
      };
      const started = performance.now();
      let events = 0;
      await readSseEvents(await get(), () => events++);
      return { ms: performance.now() - started, events };
    };
    const shortRead = await timeToRead(short);
    const longRead = await timeToRead(long);
    assert.equal(longRead.events, 1);
    assert.equal(shortRead.events, 15 * 1024);
    assert.ok(longRead.ms < shortRead.ms * 5, `one long event took ${longRead.ms.toFixed(0)} ms, short events ${shortRead.ms.toFixed(0)} ms`);
  });

  it('rejects an event past 16 MB as malformed and stops reading', async () => {
    server.respond = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      res.write(`data: {"x":"${'a'.repeat(17 * 1024 * 1024)}`);
    };
    const events: unknown[] = [];
    await assert.rejects(readSseEvents(await get(), (event) => events.push(event)), (error) =>
      error instanceof MalformedResponseError && /larger than 16777216 bytes/.test(error.message));
    assert.deepEqual(events, [{ n: 1 }]);
  });
});
