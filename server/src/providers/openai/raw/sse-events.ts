// The data of each server-sent event of a chat completions stream, parsed, as it arrives.
// OpenAI ends the stream with `data: [DONE]`; an `{"error": ...}` event is a failure
// reported inside the 200 (the SDK raises it as an APIError, this raises WireStreamError).
import type { IncomingMessage } from 'node:http';
import { MalformedResponseError } from '../../common/sdk-failure';
import { WireStreamError, type WireErrorBody } from './wire-errors';

/** One event's data may not grow past this (a runaway line without an end). */
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * Reads a stream's events as they arrive, handing each one's data, parsed, to `onEvent`
 * (which may throw to stop the stream); resolves at `[DONE]` or at the end. Read with
 * listeners rather than an async iterator: no async step per event, on every streamed call.
 */
export function readSseEvents(res: IncomingMessage, onEvent: (event: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // The line being read when a piece ended without a newline, in pieces: joined once, when
    // its newline comes. Each piece is searched once, so one long line costs linear time (a
    // string grown piece by piece and searched whole each time cost ~1 s for a 16 MB line).
    let partial: string[] = [];
    let partialLength = 0;
    let data: string[] = [];
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
      // Stopped early (an error event, a bad chunk, the reader gave up): the socket cannot be reused.
      if (!res.complete) res.destroy();
    };
    /** The event whose data lines are gathered; true once the stream is over ([DONE]). */
    const dispatch = (): boolean => {
      const text = data.join('\n');
      data = [];
      if (text === '[DONE]') {
        settled = true;
        resolve();
        return true;
      }
      onEvent(parseEvent(text));
      return false;
    };
    /** One line, without its end; true once the stream is over. */
    const readLine = (line: string): boolean => {
      if (line === '') {
        // A blank line ends the event.
        return data.length > 0 && dispatch();
      }
      if (line.startsWith('data:')) data.push(fieldValue(line));
      // `event:`, `id:`, `retry:` and `:` comments carry nothing the reader needs.
      return false;
    };
    res.setEncoding('utf8');
    // After [DONE] the rest is still read (and ignored), so the socket goes back to the pool.
    res.on('data', (piece: string) => {
      if (settled) return;
      try {
        let start = 0;
        let end: number;
        while ((end = piece.indexOf('\n', start)) !== -1) {
          let line = piece.slice(start, end);
          start = end + 1;
          if (partial.length > 0) {
            line = partial.join('') + line;
            partial = [];
            partialLength = 0;
          }
          if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
          if (readLine(line)) return;
        }
        if (start < piece.length) {
          partial.push(start === 0 ? piece : piece.slice(start));
          partialLength += piece.length - start;
          if (partialLength > MAX_EVENT_BYTES) throw new MalformedResponseError(`a stream event is larger than ${MAX_EVENT_BYTES} bytes`);
        }
      } catch (error) {
        fail(error);
      }
    });
    res.once('end', () => {
      if (settled) return;
      try {
        // A last event without its blank line still counts, as in the SDK.
        const last = partial.join('');
        if (last.startsWith('data:')) data.push(fieldValue(last));
        if (data.length > 0 && dispatch()) return;
        settled = true;
        resolve();
      } catch (error) {
        fail(error);
      }
    });
    res.on('error', fail);
    // Closed before its end (the connection reset, or the call aborted): the stream is incomplete.
    res.once('close', () => {
      if (!settled) fail(Object.assign(new Error('the connection closed before the stream ended'), { code: 'ECONNRESET' }));
    });
  });
}

function fieldValue(line: string): string {
  return line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
}

function parseEvent(text: string): unknown {
  const event = JSON.parse(text) as { error?: WireErrorBody } | null;
  if (event && typeof event === 'object' && event.error) throw new WireStreamError(event.error);
  return event;
}
