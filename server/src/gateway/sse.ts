// Server-sent events as OpenAI streams them (`data: <json>\n\n` per event, `data: [DONE]`
// at the end) and as Anthropic does (`event: <type>` before each `data:` line, no [DONE]). Headers go out with the first event, so an error before any text can
// still be answered with a proper status code instead of a 200 stream.
import type { ServerResponse } from 'node:http';

export class SseStream {
  private corked = false;

  constructor(private readonly res: ServerResponse) {}

  /**
   * Holds this turn's writes and sends them together: events that arrive together (a
   * provider's reply often carries many in one packet) leave in one write instead of one
   * system call each. They are held to the end of the event loop's check phase, where the
   * ledger's group commit runs (SqliteLedgerStore.record): when the provider's reply ended in
   * the same packet, the closing chunks written after that commit join the events, and the
   * whole answer leaves in one write (one system call here, one wake-up of the client)
   * instead of two. The release is a second setImmediate, queued from the first, so it runs
   * after every immediate of this turn (the commit's included), in the check phase of the next
   * turn: an event is held at most one more turn of the event loop (which does not wait for
   * I/O while an immediate is pending).
   * The socket is corked, not the response: its buffer keeps every write in order, and
   * ending the response flushes it (a corked response would put its closing chunk first).
   */
  private batch(): void {
    const socket = this.res.socket;
    if (this.corked || !socket || socket.destroyed) return;
    this.corked = true;
    socket.cork();
    setImmediate(() =>
      setImmediate(() => {
        this.corked = false;
        // An ended response uncorked its socket fully; the socket may carry the next request's answer by now.
        if (!this.res.writableEnded) socket.uncork();
      }),
    );
  }

  get started(): boolean {
    return this.res.headersSent;
  }

  start(headers: Record<string, string> = {}): void {
    if (this.started) return;
    this.batch();
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    this.res.flushHeaders();
  }

  send(event: unknown): void {
    this.sendJson(JSON.stringify(event));
  }

  /** An event whose data is already JSON text. */
  sendJson(json: string): void {
    this.start();
    this.batch();
    if (!this.res.destroyed) this.res.write(`data: ${json}\n\n`);
  }

  /** A named event: Anthropic's `event: message_start` etc. */
  sendNamed(name: string, event: unknown): void {
    this.start();
    this.batch();
    if (!this.res.destroyed) this.res.write(`event: ${name}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  /** Ends a stream that has no closing marker of its own. */
  end(): void {
    this.start();
    if (!this.res.destroyed) this.res.end();
  }

  done(): void {
    this.start();
    if (!this.res.destroyed) this.res.end('data: [DONE]\n\n');
  }

  /** An error after the stream started: OpenAI's SDKs raise `data: {"error": ...}` as an APIError. */
  fail(body: unknown, eventName?: string): void {
    const name = eventName === undefined ? '' : `event: ${eventName}\n`;
    if (!this.res.destroyed) this.res.end(`${name}data: ${JSON.stringify(body)}\n\n`);
  }
}
