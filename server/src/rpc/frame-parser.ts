// LSP base-protocol framing, parsed strictly: `Content-Length: N\r\n` (other headers
// allowed), a blank line, then N bytes of UTF-8 JSON. vscode-jsonrpc's own reader waits
// forever on LF-only headers and goes quiet after a bad Content-Length, leaving a server
// that is alive but answers nothing; here every malformed frame is a FramingError, so the
// server can say so and exit, and the editor restarts it.

export class FramingError extends Error {
  constructor(message: string) {
    super(`malformed message frame: ${message}`);
    this.name = 'FramingError';
  }
}

/** Longer header blocks are not LSP headers (two short lines in practice). */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Larger than any request an editor sends (images included); refuses a typo'd length. */
export const MAX_CONTENT_LENGTH = 64 * 1024 * 1024;

const CRLF2 = Buffer.from('\r\n\r\n');
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class FrameParser {
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength: number | undefined;

  /** True while a frame has started but is not complete (headers or body still missing). */
  get midFrame(): boolean {
    return this.buffer.length > 0 || this.bodyLength !== undefined;
  }

  /** Appends bytes; returns every message they complete. Throws FramingError on a bad frame. */
  push(bytes: Buffer): object[] {
    this.buffer = this.buffer.length === 0 ? bytes : Buffer.concat([this.buffer, bytes]);
    const messages: object[] = [];
    for (;;) {
      if (this.bodyLength === undefined) {
        const end = this.buffer.indexOf(CRLF2);
        const header = end < 0 ? this.buffer : this.buffer.subarray(0, end);
        checkHeaderBytes(header, end < 0);
        if (end < 0) return messages;
        this.bodyLength = contentLength(header.toString('ascii'));
        this.buffer = this.buffer.subarray(end + CRLF2.length);
      }
      if (this.buffer.length < this.bodyLength) return messages;
      const body = this.buffer.subarray(0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = undefined;
      messages.push(parseBody(body));
    }
  }
}

function checkHeaderBytes(header: Buffer, incomplete: boolean): void {
  if (header.length > MAX_HEADER_BYTES) throw new FramingError(`headers longer than ${MAX_HEADER_BYTES} bytes`);
  for (let i = 0; i < header.length; i++) {
    // A lone LF (not after CR) means LF-only headers, which would never end. The very last
    // byte of an incomplete block may be a CR whose LF has not arrived yet.
    if (header[i] === 0x0a && header[i - 1] !== 0x0d) throw new FramingError('header lines must end with CRLF');
    if (header[i] === 0x0d && header[i + 1] !== 0x0a && !(incomplete && i === header.length - 1)) {
      throw new FramingError('a header line has a CR without LF');
    }
  }
}

function contentLength(block: string): number {
  let value: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError(`header line without "name: value": ${JSON.stringify(line.slice(0, 80))}`);
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    if (value !== undefined) throw new FramingError('more than one Content-Length header');
    value = line.slice(colon + 1).trim();
  }
  if (value === undefined) throw new FramingError('no Content-Length header');
  if (!/^\d{1,12}$/.test(value)) throw new FramingError(`Content-Length is not a byte count: ${JSON.stringify(value.slice(0, 40))}`);
  const length = Number(value);
  if (length > MAX_CONTENT_LENGTH) throw new FramingError(`Content-Length ${length} is over the ${MAX_CONTENT_LENGTH}-byte limit`);
  return length;
}

function parseBody(body: Buffer): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(body));
  } catch (error) {
    // A Content-Length too short or too long cuts a message mid-JSON: it lands here.
    throw new FramingError(`body is not UTF-8 JSON (is Content-Length right?): ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new FramingError('body is not a JSON-RPC message object');
  }
  return parsed;
}
