// Server-sent events as OpenAI streams them (`data: <json>\n\n` per event, `data: [DONE]`
// at the end) and as Anthropic does (`event: <type>` before each `data:` line, no [DONE]). Headers go out with the first event, so an error before any text can
// still be answered with a proper status code instead of a 200 stream.
import type { ServerResponse } from 'node:http';

export class SseStream {
  private corked = false;

  constructor(private readonly res: ServerResponse) {}

  /**
   * Holds this turn's writes and sends them together when it ends: events that arrive
   * together (a provider's reply often carries many in one packet) leave in one write
   * instead of one system call each. Each event still goes out in the turn it arrived.
   * The socket is corked, not the response: its buffer keeps every write in order, and
   * ending the response flushes it (a corked response would put its closing chunk first).
   */
  private batch(): void {
    const socket = this.res.socket;
    if (this.corked || !socket || socket.destroyed) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
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
