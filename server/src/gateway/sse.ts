// Server-sent events as OpenAI streams them (`data: <json>\n\n` per event, `data: [DONE]`
// at the end) and as Anthropic does (`event: <type>` before each `data:` line, no [DONE]). Headers go out with the first event, so an error before any text can
// still be answered with a proper status code instead of a 200 stream.
import type { ServerResponse } from 'node:http';

export class SseStream {
  constructor(private readonly res: ServerResponse) {}

  get started(): boolean {
    return this.res.headersSent;
  }

  start(headers: Record<string, string> = {}): void {
    if (this.started) return;
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    this.res.flushHeaders();
  }

  send(event: unknown): void {
    this.start();
    if (!this.res.destroyed) this.res.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  /** A named event: Anthropic's `event: message_start` etc. */
  sendNamed(name: string, event: unknown): void {
    this.start();
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
