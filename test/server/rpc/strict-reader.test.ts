import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { FrameParser, FramingError } from '../../../server/src/rpc/frame-parser';
import { StrictStreamReader } from '../../../server/src/rpc/strict-reader';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('FrameParser', () => {
  it('returns every message a chunk completes, and keeps a partial one for the next chunk', () => {
    const parser = new FrameParser();
    const two = frame('{"a":1}') + frame('{"b":"é"}');
    const messages = parser.push(Buffer.from(two + frame('{"c":3}').slice(0, 10)));
    assert.deepEqual(messages, [{ a: 1 }, { b: 'é' }]);
    assert.equal(parser.midFrame, true);
    assert.deepEqual(parser.push(Buffer.from(frame('{"c":3}').slice(10))), [{ c: 3 }]);
    assert.equal(parser.midFrame, false);
  });

  it('accepts a CR at the end of a chunk whose LF comes next', () => {
    const parser = new FrameParser();
    assert.deepEqual(parser.push(Buffer.from('Content-Length: 2\r')), []);
    assert.deepEqual(parser.push(Buffer.from('\n\r\n{}')), [{}]);
  });

  for (const [name, bytes] of [
    ['LF-only headers', 'Content-Length: 2\n\n{}'],
    ['a signed length', 'Content-Length: +2\r\n\r\n{}'],
    ['two lengths', 'Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}'],
    ['an endless header block', 'X: ' + 'a'.repeat(9000)],
  ] as const) {
    it(`throws a FramingError on ${name}`, () => {
      assert.throws(() => new FrameParser().push(Buffer.from(bytes)), FramingError);
    });
  }
});

describe('StrictStreamReader', () => {
  it('reports a frame left incomplete longer than its timeout as an error', async () => {
    const input = new PassThrough();
    const reader = new StrictStreamReader(input, 50);
    const errors: Error[] = [];
    reader.onError((e) => void errors.push(e));
    reader.listen(() => assert.fail('no message expected'));
    input.write('Content-Length: 10\r\n\r\n{"a"');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /incomplete/);
  });

  it('delivers whole messages and reports nothing while frames are complete', async () => {
    const input = new PassThrough();
    const reader = new StrictStreamReader(input, 50);
    const errors: Error[] = [];
    const got: unknown[] = [];
    reader.onError((e) => void errors.push(e));
    reader.listen((m) => void got.push(m));
    input.write(frame('{"jsonrpc":"2.0","method":"x"}'));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(got, [{ jsonrpc: '2.0', method: 'x' }]);
    assert.deepEqual(errors, []);
  });

  it('reads no further requests while more replies wait for the client than the limit, and reads on once it caught up', async () => {
    const input = new PassThrough();
    // Replies go to a stream nobody reads yet: its backlog is what waits for the client.
    const output = new PassThrough({ highWaterMark: 1024 });
    const reader = new StrictStreamReader(input, 50, output, 64 * 1024);
    const got: unknown[] = [];
    reader.onError((e) => assert.fail(e));
    reader.listen((m) => {
      got.push(m);
      output.write('r'.repeat(10_000)); // a 10 KB reply to each request
    });
    const requests = Array.from({ length: 200 }, (_, i) => frame(`{"jsonrpc":"2.0","id":${i},"method":"x"}`));
    for (const request of requests) input.write(request);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(got.length < 200, `read ${got.length} of 200 requests with ${output.writableLength} bytes of replies unread`);
    assert.equal(input.isPaused(), true);
    // The client reads its replies: the rest of its requests are read, and no frame is taken for broken.
    output.resume();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(got.length, 200);
  });
});

