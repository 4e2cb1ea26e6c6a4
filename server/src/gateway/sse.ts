// Server-sent events as OpenAI streams them (`data: <json>\n\n` per event, `data: [DONE]`
// at the end) and as Anthropic does (`event: <type>` before each `data:` line, no [DONE]). Headers go out with the first event, so an error before any text can
// still be answered with a proper status code instead of a 200 stream.
import type { ServerResponse } from 'node:http';
import { closeIfNeverRead, dropIfUnread } from './unread-reply';

/** Text written to a response and not yet sent, shared by every SseStream on it (the error path makes its own). */
const held = new WeakMap<ServerResponse, { text: string }>();

export class SseStream {
  constructor(private readonly res: ServerResponse) {}

  /**
   * Holds this turn's events and sends them together: events that arrive together (a
   * provider's reply often carries many in one packet) leave in one write of one chunk
   * instead of a write each (each a pass through the HTTP framing, and on an uncorked
   * socket a system call). They are held to the end of the event loop's check phase, where
   * the ledger's group commit runs (SqliteLedgerStore.record): when the provider's reply
   * ended in the same packet, the closing chunks written after that commit join the events,
   * and the whole answer (headers included) leaves in one write, one wake-up of the client.
   * The release is a second setImmediate, queued from the first, so it runs after every
   * immediate of this turn (the commit's included), in the check phase of the next turn: an
   * event is held at most one more turn of the event loop (which does not wait for I/O while
   * an immediate is pending).
   */
  private hold(text: string): void {
    const waiting = held.get(this.res);
    if (waiting) {
      waiting.text += text;
      return;
    }
    const batch = { text };
    held.set(this.res, batch);
    setImmediate(() => setImmediate(() => this.release(batch)));
  }

  /** Sends the held batch (the headers alone when it has no event yet), unless the response has taken it since. */
  private release(batch: { text: string }): void {
    if (held.get(this.res) !== batch) return;
    held.delete(this.res);
    if (this.res.writableEnded || this.res.destroyed) return;
    if (batch.text !== '') {
      this.res.write(batch.text);
      dropIfUnread(this.res);
    } else this.res.flushHeaders();
  }

  /** What is held, for the write that ends the response: it goes first, in the same write. */
  private take(): string {
    const batch = held.get(this.res);
    held.delete(this.res);
    return batch?.text ?? '';
  }

  get started(): boolean {
    return this.res.headersSent;
  }

  /** Sets the headers; they leave with this turn's events (see hold). */
  start(headers: Record<string, string> = {}): void {
    if (this.started) return;
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    this.hold('');
  }

  send(event: unknown): void {
    this.sendJson(JSON.stringify(event));
  }

  /** An event whose data is already JSON text. */
  sendJson(json: string): void {
    this.start();
    if (!this.res.destroyed) this.hold(`data: ${json}\n\n`);
  }

  /** A named event: Anthropic's `event: message_start` etc. */
  sendNamed(name: string, event: unknown): void {
    this.start();
    if (!this.res.destroyed) this.hold(`event: ${name}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  /** Ends a stream that has no closing marker of its own. */
  end(): void {
    this.start();
    if (!this.res.destroyed) this.finish(this.take());
  }

  done(): void {
    this.start();
    if (!this.res.destroyed) this.finish(`${this.take()}data: [DONE]\n\n`);
  }

  /** An error after the stream started: OpenAI's SDKs raise `data: {"error": ...}` as an APIError. */
  fail(body: unknown, eventName?: string): void {
    const name = eventName === undefined ? '' : `event: ${eventName}\n`;
    if (!this.res.destroyed) this.finish(`${this.take()}${name}data: ${JSON.stringify(body)}\n\n`);
  }

  private finish(text: string): void {
    this.res.end(text);
    closeIfNeverRead(this.res);
  }
}
