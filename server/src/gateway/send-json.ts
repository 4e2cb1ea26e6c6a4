// One JSON response, with its length, so keep-alive clients know where it ends.
import type { ServerResponse } from 'node:http';
import { closeIfNeverRead } from './unread-reply';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** sendJson for a body already serialised. */
export function sendJsonText(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(json)),
    ...headers,
  });
  res.end(json);
  // A client that never reads a large answer would otherwise hold its connection (one of the capped few) forever.
  closeIfNeverRead(res);
}
