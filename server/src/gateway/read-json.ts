// Reads a JSON request body, bounded twice: one body may not pass its limit (checked on
// the declared Content-Length before reading, then on every chunk as it arrives), and all
// bodies being read at once may not pass a shared budget, so memory stays bounded however
// many clients send at the same time.
import type { IncomingMessage } from 'node:http';
import { HttpError, invalidRequest } from './http-error';

/** Bytes of request bodies held in memory right now, across requests. */
export class BodyBudget {
  private used = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  take(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}

export async function readJson(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);
  let size = 0;
  const chunks: Buffer[] = [];
  try {
    for await (const piece of req) {
      const bytes = piece as Buffer;
      size += bytes.length;
      if (size > limit) throw tooLarge(limit);
      if (!budget.take(bytes.length)) {
        size -= bytes.length;
        throw new HttpError(503, 'The gateway is reading too many request bodies at once; retry shortly', 'server_error', null, 'busy');
      }
      chunks.push(bytes);
    }
    return parse(Buffer.concat(chunks));
  } finally {
    budget.give(size);
  }
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalidRequest(`Request body is not valid JSON: ${(error as Error).message}`, null, 'invalid_json');
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `Request body larger than ${limit} bytes`, 'invalid_request_error', null, 'body_too_large');
}
