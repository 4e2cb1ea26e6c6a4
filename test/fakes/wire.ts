// What differs between the two provider APIs the fakes speak: how a request is read
// and how answers and errors are written. Everything else (faults, timing) is shared.
import type { IncomingHttpHeaders } from 'node:http';
import type { Api } from './behaviours';
import type { FakeMessage, FakeReply } from './reply';

export interface ParsedRequest {
  model: string;
  messages: FakeMessage[];
  stream: boolean;
  /** OpenAI only sends usage in a stream when asked to; Anthropic always does. */
  includeUsage: boolean;
  /** The sampling temperature the request asked for, when it set one. */
  temperature?: number;
}

export interface SseEvent {
  event?: string;
  data: string;
}

export interface Wire {
  api: Api;
  path: string;
  /** The parsed request, or a message saying why the provider would reject it with a 400. */
  parse(body: unknown): ParsedRequest | string;
  apiKey(headers: IncomingHttpHeaders): string | undefined;
  json(model: string, reply: FakeReply, withUsage: boolean): object;
  events(model: string, reply: FakeReply, options: { withUsage: boolean; includeUsage: boolean }): SseEvent[];
  /** `errorCode` replaces the status's usual error code/type (e.g. OpenAI's insufficient_quota 429). */
  errorBody(status: number, message: string, errorCode?: string): object;
  /** The body of `GET /v1/models` listing these ids. */
  modelList(ids: readonly string[]): object;
  /** The event a stream carries when the provider fails half-way through it. */
  streamError(status: number, message: string): SseEvent;
}

/** Message content as both APIs allow it: a string or a list of text blocks. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.map((block) =>
    block && typeof block === 'object' && typeof block.text === 'string' ? block.text : undefined,
  );
  return texts.every((t) => t !== undefined) ? texts.join('\n') : undefined;
}

/** Reads `[{role, content}]`, or says what is wrong with it. */
export function parseMessages(raw: unknown): FakeMessage[] | string {
  if (!Array.isArray(raw) || raw.length === 0) return 'messages: must be a non-empty array';
  const messages: FakeMessage[] = [];
  for (const [index, item] of raw.entries()) {
    const text = item && typeof item === 'object' ? contentText(item.content) : undefined;
    if (typeof item?.role !== 'string' || text === undefined) {
      return `messages.${index}: needs a role and text content`;
    }
    messages.push({ role: item.role, text });
  }
  return messages;
}

export function fakeId(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 12)}`;
}
