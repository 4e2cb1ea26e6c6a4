// The fetch the Anthropic SDK reads replies with, bounded as the raw OpenAI transport is
// (raw/read-body.ts, raw/sse-events.ts): the SDK itself buffers a stream's line, or a whole
// JSON body, for as long as bytes keep coming. A provider that sent one line without its end
// grew the router's memory by 300 MB in 20 s (until the call's timeout), and faster or for
// longer would have ended the process. Past the limit the reply fails as malformed: that
// attempt falls back, or the stream ends with an error, as for any broken reply.
import { MalformedResponseError } from '../common/sdk-failure';

/** One event's line may not grow past this: far above any real event. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** A JSON reply (or an error body) may not grow past this: far above any real completion. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const NEWLINE = 0x0a;

export function boundedFetch(limits = { lineBytes: MAX_LINE_BYTES, bodyBytes: MAX_BODY_BYTES }): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const streamed = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    const bounded = response.body.pipeThrough(streamed ? lineLimit(limits.lineBytes) : sizeLimit(limits.bodyBytes));
    return new Response(bounded, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** Passes bytes on while no line (bytes between two newlines) passes `limit`. */
function lineLimit(limit: number): TransformStream<Uint8Array, Uint8Array> {
  let sinceNewline = 0;
  return new TransformStream({
    transform(chunk, controller) {
      const last = chunk.lastIndexOf(NEWLINE);
      sinceNewline = last === -1 ? sinceNewline + chunk.length : chunk.length - 1 - last;
      if (sinceNewline > limit) controller.error(new MalformedResponseError(`a stream event is larger than ${limit} bytes`));
      else controller.enqueue(chunk);
    },
  });
}

/** Passes bytes on while the body stays within `limit`. */
function sizeLimit(limit: number): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, controller) {
      size += chunk.length;
      if (size > limit) controller.error(new MalformedResponseError(`the reply is larger than ${limit} bytes`));
      else controller.enqueue(chunk);
    },
  });
}
