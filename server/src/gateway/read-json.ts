// Reads a JSON request body, bounded twice: one body may not pass its limit (checked on
// the declared Content-Length before reading, then on every chunk as it arrives), and all
// bodies being read at once may not pass a shared budget, so memory stays bounded however
// many clients send at the same time.
import type { IncomingMessage } from 'node:http';
import { bodyNestsDeeperThan, DEPTH_SCAN_FROM_BYTES, MAX_BODY_DEPTH } from './body-depth';
import { CLIENT_CLOSED, HttpError, invalidRequest } from './http-error';

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

/**
 * Read with listeners rather than an async iterator (this runs for every request). A body
 * refused half-way is read no further: the error handler answers it and closes the connection.
 */
export function readJson(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const stop = (error: unknown) => {
      detach();
      budget.give(size);
      size = 0;
      req.pause();
      reject(error);
    };
    const onData = (bytes: Buffer) => {
      if (size + bytes.length > limit) return stop(tooLarge(limit));
      if (!budget.take(bytes.length)) {
        return stop(new HttpError(503, 'The gateway is reading too many request bodies at once; retry shortly', 'server_error', null, 'busy'));
      }
      size += bytes.length;
      chunks.push(bytes);
    };
    const onEnd = () => {
      detach();
      budget.give(size);
      try {
        resolve(parse(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    };
    // The client went away before the body's end ("aborted", then close): nobody to answer, and not the gateway's fault.
    const onClose = () => stop(new HttpError(CLIENT_CLOSED, 'The client closed the connection before its request body ended', 'cancelled', null, 'cancelled'));
    const onError = (error: unknown) => ((error as { code?: unknown }).code === 'ECONNRESET' ? onClose() : stop(error));
    const detach = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('close', onClose);
  });
}

function parse(body: Buffer): unknown {
  if (body.length > DEPTH_SCAN_FROM_BYTES && bodyNestsDeeperThan(body)) {
    throw invalidRequest(`Request body is nested more than ${MAX_BODY_DEPTH} levels deep`, null, 'invalid_json');
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalidRequest(`Request body is not valid JSON: ${(error as Error).message}`, null, 'invalid_json');
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `Request body larger than ${limit} bytes`, 'invalid_request_error', null, 'body_too_large');
}
