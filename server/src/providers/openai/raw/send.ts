// A chat completion over the raw transport, JSON or streamed, read by the same readers
// as the SDK's replies (complete.ts, stream.ts): same checks, same usage, same errors.
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { readCompletion } from '../complete';
import { StreamedCompletionReader, streamingParams, type StreamSink } from '../stream';
import type { ChatResponse } from '../../types';
import { readBody } from './read-body';
import { readSseEvents } from './sse-events';
import type { RawTransport } from './transport';

export async function rawComplete(
  transport: RawTransport,
  params: ChatCompletionCreateParamsBase,
  apiKey: string | undefined,
  signal: AbortSignal,
): Promise<ChatResponse> {
  const res = await transport.post({ ...params, stream: false }, apiKey, signal, false);
  return readCompletion(JSON.parse(await readBody(res)));
}

export async function rawStream(
  transport: RawTransport,
  params: ChatCompletionCreateParamsBase,
  apiKey: string | undefined,
  signal: AbortSignal,
  sink: StreamSink,
  countTokensWhenUsageMissing: boolean,
): Promise<ChatResponse> {
  const res = await transport.post(streamingParams(params), apiKey, signal, true);
  const reader = new StreamedCompletionReader(params, sink, countTokensWhenUsageMissing);
  await readSseEvents(res, (event) => reader.read(event));
  return reader.answer();
}
