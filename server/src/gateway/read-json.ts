// Reads a JSON request body, bounded: a request larger than any model's context
// window is refused before it is buffered, not after it filled the memory.
import type { IncomingMessage } from 'node:http';
import { HttpError, invalidRequest } from './http-error';

export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of req) {
    size += (piece as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body larger than ${limit} bytes`, 'invalid_request_error');
    chunks.push(piece as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw invalidRequest(`Request body is not valid JSON: ${(error as Error).message}`, null, 'invalid_json');
  }
}
