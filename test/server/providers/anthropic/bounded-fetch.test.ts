// boundedFetch against a real loopback server: what a provider sends passes through
// unchanged, except a stream line or a JSON body past its limit, which fails as malformed
// and closes the connection instead of being buffered for as long as bytes keep coming.
import assert from 'node:assert/strict';
import { boundedFetch } from '../../../../server/src/providers/anthropic/bounded-fetch';
import { MalformedResponseError } from '../../../../server/src/providers/common/sdk-failure';
import { useLoopbackResponder } from '../../loopback-responder';

describe('boundedFetch', () => {
  const server = useLoopbackResponder();
  const limits = { lineBytes: 1024, bodyBytes: 4096 };
  const url = () => `http://127.0.0.1:${server.port()}/v1/messages`;

  it('passes a stream and a JSON body within the limits through unchanged, with status and headers', async () => {
    const events = `event: ping\ndata: {"type":"ping"}\n\n${`data: ${'x'.repeat(1000)}\n\n`.repeat(20)}`;
    server.respond = (res) => res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_1' }).end(events);
    const streamed = await boundedFetch(limits)(url());
    assert.equal(streamed.status, 200);
    assert.equal(streamed.headers.get('request-id'), 'req_1');
    assert.equal(await streamed.text(), events);

    server.respond = (res) => res.writeHead(429, { 'content-type': 'application/json' }).end('{"type":"error"}');
    const refused = await boundedFetch(limits)(url());
    assert.equal(refused.status, 429);
    assert.equal(await refused.text(), '{"type":"error"}');
  });

  it('fails a stream whose line passes the limit as malformed, and stops reading it', async () => {
    let closed!: Promise<void>;
    server.respond = (res) => {
      closed = new Promise((resolve) => res.once('close', resolve));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\ndata: ');
      // An endless line: written until the reader hangs up.
      const more = () => res.write('y'.repeat(512), () => setImmediate(more));
      more();
    };
    const response = await boundedFetch(limits)(url());
    await assert.rejects(response.text(), (error) => error instanceof MalformedResponseError && /larger than 1024 bytes/.test(error.message));
    await closed;
  });

  it('fails a JSON body past the limit as malformed', async () => {
    server.respond = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"x":"${'z'.repeat(8192)}"}`);
    const response = await boundedFetch(limits)(url());
    await assert.rejects(response.json(), (error) => error instanceof MalformedResponseError && /larger than 4096 bytes/.test(error.message));
  });
});
