// A whole response body, bounded: a provider's reply is read into memory only up to a
// limit far above any real completion, so a runaway upstream cannot exhaust the router.
import type { IncomingMessage } from 'node:http';
import { MalformedResponseError } from '../../common/sdk-failure';

export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

export async function readBody(res: IncomingMessage, limit = MAX_REPLY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of res) {
    const bytes = piece as Buffer;
    size += bytes.length;
    if (size > limit) {
      res.destroy();
      throw new MalformedResponseError(`the reply is larger than ${limit} bytes`);
    }
    chunks.push(bytes);
  }
  return chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
}
