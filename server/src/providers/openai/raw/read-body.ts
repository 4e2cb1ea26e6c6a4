// A whole response body, bounded: a provider's reply is read into memory only up to a
// limit far above any real completion, so a runaway upstream cannot exhaust the router.
// Read with listeners rather than an async iterator: this runs for every JSON reply.
import type { IncomingMessage } from 'node:http';
import { MalformedResponseError } from '../../common/sdk-failure';

export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

export function readBody(res: IncomingMessage, limit = MAX_REPLY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    res.on('data', (piece: Buffer) => {
      size += piece.length;
      if (size > limit) {
        fail(new MalformedResponseError(`the reply is larger than ${limit} bytes`));
        res.destroy();
        return;
      }
      chunks.push(piece);
    });
    res.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    res.once('error', fail);
    // Closed before its end (the connection reset, or the call aborted): the body is incomplete.
    // Every reply closes, most after their end: the error (and its stack) only when it is one.
    res.once('close', () => {
      if (!settled) fail(Object.assign(new Error('the connection closed before the reply ended'), { code: 'ECONNRESET' }));
    });
  });
}
