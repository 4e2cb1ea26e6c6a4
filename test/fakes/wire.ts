// What differs between the two provider APIs the fakes speak: how a request is read
// and how answers and errors are written. Everything else (faults, timing) is shared.
import type { IncomingHttpHeaders } from 'node:http';
import type { Api } from './behaviours';
import type { FakeMessage, FakeReply } from './reply';

/** A tool the request offers: its name and the JSON Schema of its arguments. */
export interface FakeTool {
  name: string;
  schema: Record<string, unknown>;
}

export interface ParsedRequest {
  model: string;
  messages: FakeMessage[];
  stream: boolean;
  /** OpenAI only sends usage in a stream when asked to; Anthropic always does. */
  includeUsage: boolean;
  /** The sampling temperature the request asked for, when it set one. */
  temperature?: number;
  tools: FakeTool[];
  /** Normalised: `required` is OpenAI's `required` and Anthropic's `any`; `{ name }` forces that tool. */
  toolChoice: 'auto' | 'none' | 'required' | { name: string };
  /** False: at most one tool call (OpenAI parallel_tool_calls, Anthropic disable_parallel_tool_use). */
  parallelToolCalls: boolean;
  stop: string[];
  /** OpenAI response_format: answer with JSON, shaped by the schema when one is given. */
  json?: { schema?: Record<string, unknown> };
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
  /** A new id for a tool call, in the provider's own style. */
  toolCallId(): string;
  json(model: string, reply: FakeReply, withUsage: boolean): object;
  events(model: string, reply: FakeReply, options: { withUsage: boolean; includeUsage: boolean }): SseEvent[];
  /** `errorCode` replaces the status's usual error code/type (e.g. OpenAI's insufficient_quota 429). */
  errorBody(status: number, message: string, errorCode?: string): object;
  /** The body of `GET /v1/models` listing these ids. */
  modelList(ids: readonly string[]): object;
  /** The event a stream carries when the provider fails half-way through it. */
  streamError(status: number, message: string): SseEvent;
}

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first body field that is not one of `known`, as both APIs refuse extra inputs. */
export function unknownField(body: Record<string, unknown>, known: ReadonlySet<string>): string | undefined {
  return Object.keys(body).find((field) => !known.has(field));
}

/** `https:` or a base64 `data:image/...` URL, the two kinds of image both APIs take. */
export function isImageUrl(url: unknown): boolean {
  return typeof url === 'string' && (/^https?:\/\//.test(url) || /^data:image\/[a-z0-9.+-]+;base64,/i.test(url));
}

/** A tool name both APIs accept. */
export function isToolName(name: unknown): name is string {
  return typeof name === 'string' && /^[a-zA-Z0-9_-]{1,64}$/.test(name);
}

export function fakeId(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 12)}`;
}
