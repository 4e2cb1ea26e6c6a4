// The data of each server-sent event of a chat completions stream, parsed, as it arrives.
// OpenAI ends the stream with `data: [DONE]`; an `{"error": ...}` event is a failure
// reported inside the 200 (the SDK raises it as an APIError, this raises WireStreamError).
import type { IncomingMessage } from 'node:http';
import { MalformedResponseError } from '../../common/sdk-failure';
import { WireStreamError, type WireErrorBody } from './wire-errors';

/** One event's data may not grow past this (a runaway line without an end). */
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

export async function* sseData(res: IncomingMessage): AsyncGenerator<unknown> {
  res.setEncoding('utf8');
  let pending = '';
  let data: string[] = [];
  let done = false;
  try {
    // Not destroyed on [DONE]: what follows it is drained so the socket goes back to the pool.
    for await (const piece of res.iterator({ destroyOnReturn: false })) {
      pending += piece as string;
      let end: number;
      while ((end = pending.indexOf('\n')) !== -1) {
        const line = pending.charCodeAt(end - 1) === 13 ? pending.slice(0, end - 1) : pending.slice(0, end);
        pending = pending.slice(end + 1);
        if (line === '') {
          // A blank line ends the event.
          if (data.length === 0) continue;
          const text = data.join('\n');
          data = [];
          if (text === '[DONE]') {
            done = true;
            return;
          }
          yield parseEvent(text);
        } else if (line.startsWith('data:')) {
          data.push(fieldValue(line));
        }
        // `event:`, `id:`, `retry:` and `:` comments carry nothing the reader needs.
      }
      if (pending.length > MAX_EVENT_BYTES) throw new MalformedResponseError(`a stream event is larger than ${MAX_EVENT_BYTES} bytes`);
    }
    // A last event without its blank line still counts, as in the SDK.
    if (pending.startsWith('data:')) data.push(fieldValue(pending));
    const last = data.join('\n');
    if (data.length > 0 && last !== '[DONE]') yield parseEvent(last);
  } finally {
    // Read to its end: nothing to do. Stopped at [DONE]: drain the rest. Stopped early
    // (an error event, a bad chunk, the reader gave up): the socket cannot be reused.
    if (done) res.resume();
    else if (!res.complete) res.destroy();
  }
}

function fieldValue(line: string): string {
  return line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
}

function parseEvent(text: string): unknown {
  const event = JSON.parse(text) as { error?: WireErrorBody } | null;
  if (event && typeof event === 'object' && event.error) throw new WireStreamError(event.error);
  return event;
}
