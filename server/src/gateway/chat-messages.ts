// OpenAI chat messages -> the router's conversation. Every role OpenAI defines for a chat
// with tools is taken (system/developer, user with text and images, assistant with tool
// calls, tool results); the legacy `function` role and `function_call` are refused with a
// 400 that says what to send instead. Tool turns are checked against each other here.
import { z } from 'zod';
import type { ContentPart, ConversationMessage, ToolCall } from '../../../shared/conversation';
import { invalidRequest } from './http-error';
import { checkedImageUrl } from './image-url';
import { formatPath as pathText, parseAt } from './issue';
import { checkArguments, ToolCallIds } from './tool-checks';

const MAX_ID = 512;
const LEGACY = 'the legacy function-calling fields are not supported: send "tools" and "tool_calls" instead';

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).nullish() }),
});
const userPart = z.discriminatedUnion('type', [textPart, imagePart], {
  error: 'expected a "text" or "image_url" part (audio and file parts are not supported)',
});
const assistantPart = z.discriminatedUnion('type', [textPart, z.looseObject({ type: z.literal('refusal'), refusal: z.string() })], {
  error: 'expected a "text" or "refusal" part',
});

const toolCall = z.looseObject({
  id: z.string().min(1).max(MAX_ID),
  type: z.literal('function', { error: 'expected "function"' }).optional(),
  function: z.looseObject({ name: z.string().min(1).max(256), arguments: z.string() }),
});

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;
const KNOWN_ROLES: ReadonlySet<unknown> = new Set(ROLES);
const envelope = z.looseObject({
  role: z.enum(ROLES, { error: `expected "system", "developer", "user", "assistant" or "tool"` }),
});
const assistantFields = z.looseObject({
  tool_calls: z.array(toolCall).max(1_000).nullish(),
  function_call: z.null({ error: LEGACY }).optional(),
});
const toolFields = z.looseObject({ tool_call_id: z.string({ error: 'a tool message needs the id of the call it answers' }).min(1).max(MAX_ID) });

const CONTENT_EXPECTED = 'expected a string or an array of content parts';

// Built once: a zod schema costs more to build than to run, and these run per request.
const messageList = z.array(z.unknown(), { error: 'expected an array of messages' }).min(1, 'at least one message is required');
const assistantParts = z.array(assistantPart);
const textParts = z.array(textPart);
const userParts = z.array(userPart).max(10_000);

export function toConversation(raw: unknown): ConversationMessage[] {
  // The schemas run only where a hand check would not do: they were a per-message cost.
  const list = Array.isArray(raw) && raw.length > 0 ? raw : parseAt(messageList, raw, ['messages']);
  const calls = new ToolCallIds();
  return list.map((item, index) => toMessage(item, ['messages', index], calls));
}

function toMessage(item: unknown, at: (string | number)[], calls: ToolCallIds): ConversationMessage {
  if ((item as { role?: unknown } | null)?.role === 'function') throw invalidRequest(`Invalid '${pathText([...at, 'role'])}': ${LEGACY}`, pathText([...at, 'role']), 'invalid_value');
  const { role, content } = (hasKnownRole(item) ? item : parseAt(envelope, item, at)) as { role: string; content?: unknown };
  switch (role) {
    case 'system':
    case 'developer':
      // `developer` is OpenAI's newer name for the system role.
      return { role: 'system', content: textContent(content, [...at, 'content']) };
    case 'user':
      return { role: 'user', content: userContent(content, [...at, 'content']) };
    case 'assistant':
      return assistantMessage(item, content, at, calls);
    default: {
      const { tool_call_id: id } = parseAt(toolFields, item, at);
      calls.requireEarlier(id, pathText([...at, 'tool_call_id']));
      return { role: 'tool', toolCallId: id, content: textContent(content, [...at, 'content']) };
    }
  }
}

function hasKnownRole(item: unknown): boolean {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && KNOWN_ROLES.has((item as { role?: unknown }).role);
}

function assistantMessage(item: unknown, content: unknown, at: (string | number)[], calls: ToolCallIds): ConversationMessage {
  const fields = parseAt(assistantFields, item, at);
  const toolCalls: ToolCall[] = (fields.tool_calls ?? []).map((call, i) => {
    checkArguments(call.function.arguments, pathText([...at, 'tool_calls', i, 'function', 'arguments']));
    calls.add(call.id);
    return { id: call.id, name: call.function.name, arguments: call.function.arguments };
  });
  // Content may be null (or absent) on a turn that only calls tools.
  const text =
    content === null || content === undefined
      ? ''
      : typeof content === 'string'
        ? content
        : parseAt(assistantParts, content, [...at, 'content'])
            .map((p) => (p.type === 'text' ? p.text : p.refusal))
            .join('\n');
  return { role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) };
}

/** System and tool content: a string, or text parts joined by newlines. */
function textContent(content: unknown, at: (string | number)[]): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidRequest(`Invalid '${pathText(at)}': ${CONTENT_EXPECTED}`, pathText(at), 'invalid_value');
  return parseAt(textParts, content, at)
    .map((p) => p.text)
    .join('\n');
}

/** User content: a string, or text and image parts in order. */
function userContent(content: unknown, at: (string | number)[]): string | ContentPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidRequest(`Invalid '${pathText(at)}': ${CONTENT_EXPECTED}`, pathText(at), 'invalid_value');
  const parts = parseAt(userParts, content, at);
  // Text only: one string, as the caller would have written it.
  if (parts.every((p) => p.type === 'text')) return parts.map((p) => (p as { text: string }).text).join('\n');
  return parts.map((part, i): ContentPart => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    const url = checkedImageUrl(part.image_url.url, pathText([...at, i, 'image_url', 'url']));
    return { type: 'image', url, ...(part.image_url.detail ? { detail: part.image_url.detail } : {}) };
  });
}
