// Turns one parsed request plus its scripted behaviour into bytes on the wire.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Api, Behaviour } from './behaviours';
import { buildReply } from './build-reply';
import type { ParsedRequest, SseEvent, Wire } from './wire';

export interface Timing {
  delayMs: number;
  chunkDelayMs: number;
}

export interface Exchange {
  wire: Wire;
  request: ParsedRequest;
  apiKey: string | undefined;
  res: ServerResponse;
  /** Aborted when the client goes away or the fake stops: stop writing. */
  signal: AbortSignal;
}

export async function respond(exchange: Exchange, behaviour: Behaviour | undefined, timing: Timing): Promise<void> {
  const { wire, request, res } = exchange;
  const reply = buildReply(wire, request, behaviour);
  const events = () => wire.events(request.model, reply, { withUsage: true, includeUsage: request.includeUsage });
  const firstHalf = () => {
    const all = events();
    return all.slice(0, Math.floor(all.length / 2));
  };
  const cut = async () => {
    if (request.stream) return writeEvents(exchange, firstHalf(), 0, true);
    writeHalfJson(res, wire.json(request.model, reply, true), false);
    res.end();
  };
  const streamError = (status: number) => wire.streamError(status, defaultMessage(status, exchange.apiKey));

  switch (behaviour?.kind) {
    case 'status':
      return sendError(exchange, behaviour);
    case 'hang':
      return;
    case 'reset':
      if (request.stream) await writeEvents(exchange, firstHalf(), 0);
      else writeHalfJson(res, wire.json(request.model, reply, true), true);
      res.socket?.destroy();
      return;
    case 'malformed':
      // Named like a real event: the Anthropic SDK skips events without a name unread.
      if (request.stream) {
        const [first, second] = events();
        return writeEvents(exchange, [first, { event: second.event, data: '{"id": "broken' }], 0, true);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('this is not JSON {');
      return;
    case 'tool-calls':
      if (behaviour.cut) return cut();
      break;
    case 'cut':
      return cut();
    case 'stall':
      // Half the events, then nothing: the socket stays open until the client gives up or the fake stops.
      if (request.stream) return writeEvents(exchange, firstHalf(), 0);
      return;
    case 'fixed-temperature':
      if (wire.api === 'openai' && request.temperature !== undefined && request.temperature !== 1) {
        return sendJson(res, 400, { error: {
          message: `Unsupported value: 'temperature' does not support ${request.temperature} with this model. Only the default (1) value is supported.`,
          type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value',
        } });
      }
      break;
    case 'endless-line':
      return endlessLine(exchange, request.stream ? events()[0] : undefined, behaviour.megabytes);
    case 'keep-alive':
      if (!request.stream) return;
      return keepAlive(exchange, events()[0], wire.api, behaviour.everyMs);
    case 'stream-error':
      if (!request.stream) return sendError(exchange, { kind: 'status', status: behaviour.status });
      return writeEvents(exchange, [...firstHalf(), streamError(behaviour.status)], 0, true);
  }

  const slow = behaviour?.kind === 'slow' ? behaviour : undefined;
  if (!(await pause(slow?.delayMs ?? timing.delayMs, exchange.signal))) return;
  const withUsage = behaviour?.kind !== 'missing-usage';
  if (!request.stream) {
    // Writing the answer takes the model as long whether it streams or not: a slow JSON
    // answer arrives when its last event would have.
    const writingMs = (slow?.chunkDelayMs ?? 0) * Math.max(0, events().length - 1);
    if (!(await pause(writingMs, exchange.signal))) return;
    sendJson(res, 200, wire.json(request.model, reply, withUsage));
    return;
  }
  const all = wire.events(request.model, reply, { withUsage, includeUsage: request.includeUsage });
  await writeEvents(exchange, all, slow?.chunkDelayMs ?? timing.chunkDelayMs, true);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(exchange: Exchange, fault: Extract<Behaviour, { kind: 'status' }>): void {
  sendFault(exchange.res, exchange.wire, fault, exchange.apiKey);
}

/** An HTTP error in the wire's own format, with the fault's retry headers. */
export function sendFault(res: ServerResponse, wire: Wire, fault: Extract<Behaviour, { kind: 'status' }>, apiKey: string | undefined): void {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  const message = fault.message ?? defaultMessage(fault.status, apiKey);
  sendJson(res, fault.status, wire.errorBody(fault.status, message, fault.errorCode), headers);
}

/**
 * Messages like the real providers'. The 401 one quotes the received key in full on
 * purpose: a worst case that proves the adapters keep keys out of their own errors.
 */
function defaultMessage(status: number, apiKey: string | undefined): string {
  if (status === 401) return `Incorrect API key provided: ${apiKey ?? '(none)'}`;
  if (status === 429) return 'Rate limit reached for requests. Please try again later.';
  if (status === 529) return 'Overloaded';
  if (status === 503) return 'The engine is currently overloaded, please try again later';
  if (status >= 500) return 'The server had an error while processing your request.';
  return `Request failed with status ${status}`;
}

async function writeEvents(exchange: Exchange, events: SseEvent[], chunkDelayMs: number, end = false): Promise<void> {
  const { res, signal } = exchange;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [index, sse] of events.entries()) {
    if (index > 0 && !(await pause(chunkDelayMs, signal))) return;
    if (signal.aborted) return;
    res.write(`${sse.event ? `event: ${sse.event}\n` : ''}data: ${sse.data}\n\n`);
  }
  if (end) res.end();
}

/**
 * Sends half of a JSON body. Announcing the full length makes the client wait for the
 * rest (so a socket destroy reads as a reset); without it, ending reads as a complete, truncated body.
 */
function writeHalfJson(res: ServerResponse, body: object, announceFullLength: boolean): void {
  const text = JSON.stringify(body);
  const length = announceFullLength ? { 'content-length': String(Buffer.byteLength(text)) } : {};
  res.writeHead(200, { 'content-type': 'application/json', ...length });
  res.write(text.slice(0, Math.floor(text.length / 2)));
}

/** The first event (a stream) or nothing (a JSON body), then one line of `megabytes` without its end. */
async function endlessLine(exchange: Exchange, first: SseEvent | undefined, megabytes: number): Promise<void> {
  const { res, signal } = exchange;
  res.writeHead(200, { 'content-type': first ? 'text/event-stream' : 'application/json' });
  res.write(first ? `${first.event ? `event: ${first.event}\n` : ''}data: ${first.data}\n\n${first.event ? 'event: content_block_delta\n' : ''}data: {"x":"` : '{"x":"');
  const piece = 'a'.repeat(64 * 1024);
  for (let sent = 0; sent < megabytes * 1024 * 1024 && !signal.aborted; sent += piece.length) {
    // Written as fast as the reader takes it: waits for the socket to drain, never buffers ahead.
    if (!res.write(piece)) await once(res, 'drain', { signal }).catch(() => undefined);
  }
}

/** The first event, then an event that carries nothing every `everyMs` until the client goes away. */
async function keepAlive(exchange: Exchange, first: SseEvent, api: Api, everyMs: number): Promise<void> {
  const { res, signal } = exchange;
  const empty = api === 'anthropic' ? 'event: ping\ndata: {"type":"ping"}\n\n' : `data: ${emptyChunk(first.data)}\n\n`;
  await writeEvents(exchange, [first], 0);
  while (await pause(everyMs, signal)) res.write(empty);
}

/** An OpenAI chunk like `data` (same id and model) whose choice carries an empty delta. */
function emptyChunk(data: string): string {
  const chunk = JSON.parse(data) as Record<string, unknown>;
  return JSON.stringify({ ...chunk, choices: [{ index: 0, delta: {}, finish_reason: null }] });
}

/** Waits unless the exchange is over first; says whether to carry on. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms > 0) await sleepFor(ms, undefined, { signal }).catch(() => undefined);
  return !signal.aborted;
}
