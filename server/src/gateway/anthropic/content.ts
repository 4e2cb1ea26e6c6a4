// Anthropic `messages` -> the router's conversation. Text and images keep their order;
// an assistant's `tool_use` blocks become its tool calls; each `tool_result` block of a
// user turn becomes its own `tool` message (the neutral model's shape), placed before the
// rest of that turn as the Messages API requires. `thinking` blocks of earlier turns are
// dropped: they only matter to the Anthropic model that wrote them.
import { z } from 'zod';
import type { ContentPart, ConversationMessage, ToolCall } from '../../../../shared/conversation';
import { invalidRequest } from '../http-error';
import { checkedImageUrl, dataImageUrl } from '../image-url';
import { formatPath, parseAt } from '../issue';
import { checkDepth, ToolCallIds } from '../tool-checks';

type Path = (string | number)[];

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion(
    'type',
    [
      z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
      z.looseObject({ type: z.literal('url'), url: z.string() }),
    ],
    { error: 'expected an image source of type "base64" or "url" (files are not supported)' },
  ),
});
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1).max(512),
  name: z.string().min(1).max(256),
  input: z.record(z.string(), z.unknown(), { error: 'the input of a tool call must be a JSON object' }),
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string({ error: 'a tool result needs the tool_use_id it answers' }).min(1).max(512),
  content: z.unknown().optional(),
  is_error: z.boolean().nullish(),
});
// `system` turns inside `messages`: Claude Code 2.1 sends later instructions this way.
const message = z.looseObject({
  role: z.enum(['user', 'assistant', 'system'], { error: 'expected "user", "assistant" or "system"' }),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string({ error: 'a content block needs a type' }) }))], {
    error: 'expected a string or an array of content blocks',
  }),
});

// Built once, not per request: a zod schema costs more to build than to run.
const messageList = z.array(message, { error: 'expected an array of messages' }).min(1, 'at least one message is required');

const DROPPED = new Set(['thinking', 'redacted_thinking']);

export function toConversation(raw: unknown): ConversationMessage[] {
  const list = parseAt(messageList, raw, ['messages']);
  const calls = new ToolCallIds();
  return list.flatMap((m, index) => {
    const at: Path = ['messages', index];
    if (typeof m.content === 'string') return [{ role: m.role, content: m.content }];
    if (m.role === 'system') return [systemTurn(m.content, at)];
    return m.role === 'assistant' ? [assistantTurn(m.content, at, calls)] : userTurn(m.content, at, calls);
  });
}

/** A system turn is instructions: text blocks only. */
function systemTurn(blocks: { type: string }[], at: Path): ConversationMessage {
  const text = blocks.map((block, i) => parseAt(textBlock, block, [...at, 'content', i]).text);
  return { role: 'system', content: text.join('\n') };
}

function assistantTurn(blocks: { type: string }[], at: Path, calls: ToolCallIds): ConversationMessage {
  const parts: ContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  blocks.forEach((block, i) => {
    const where: Path = [...at, 'content', i];
    if (block.type === 'text') parts.push({ type: 'text', text: parseAt(textBlock, block, where).text });
    else if (block.type === 'tool_use') {
      const use = parseAt(toolUseBlock, block, where);
      checkDepth(use.input, `${formatPath(where)}.input`, 'invalid_tool_arguments');
      calls.add(use.id);
      toolCalls.push({ id: use.id, name: use.name, arguments: JSON.stringify(use.input) });
    } else if (!DROPPED.has(block.type)) throw unsupportedBlock(block.type, where);
  });
  return { role: 'assistant', content: joinText(parts), ...(toolCalls.length ? { toolCalls } : {}) };
}

function userTurn(blocks: { type: string }[], at: Path, calls: ToolCallIds): ConversationMessage[] {
  const results: ConversationMessage[] = [];
  const parts: ContentPart[] = [];
  blocks.forEach((block, i) => {
    const where: Path = [...at, 'content', i];
    if (block.type === 'tool_result') results.push(toolResult(block, where, calls));
    else parts.push(userPart(block, where));
  });
  const rest: ConversationMessage[] = parts.length ? [{ role: 'user', content: parts.every(isText) ? joinText(parts) : parts }] : [];
  return [...results, ...rest];
}

function toolResult(block: unknown, at: Path, calls: ToolCallIds): ConversationMessage {
  const result = parseAt(toolResultBlock, block, at);
  calls.requireEarlier(result.tool_use_id, formatPath([...at, 'tool_use_id']));
  const content = result.content;
  let parts: ContentPart[];
  if (content === undefined || content === null) parts = [];
  else if (typeof content === 'string') parts = [{ type: 'text', text: content }];
  else if (Array.isArray(content)) parts = content.map((item, i) => userPart(item, [...at, 'content', i]));
  else throw invalidRequest(`Invalid '${formatPath([...at, 'content'])}': expected a string or an array of text and image blocks`, formatPath([...at, 'content']), 'invalid_value');
  return {
    role: 'tool',
    toolCallId: result.tool_use_id,
    content: parts.every(isText) ? joinText(parts) : parts,
    ...(result.is_error ? { isError: true } : {}),
  };
}

/** A text or image block of a user turn or a tool result. */
function userPart(block: unknown, at: Path): ContentPart {
  const type = (block as { type?: unknown } | null)?.type;
  if (type === 'text') return { type: 'text', text: parseAt(textBlock, block, at).text };
  if (type !== 'image') throw unsupportedBlock(String(type), at);
  const { source } = parseAt(imageBlock, block, at);
  const param = formatPath([...at, 'source', source.type === 'base64' ? 'data' : 'url']);
  return { type: 'image', url: source.type === 'base64' ? dataImageUrl(source.data, param) : checkedImageUrl(source.url, param) };
}

function unsupportedBlock(type: string, at: Path) {
  const param = formatPath([...at, 'type']);
  return invalidRequest(`Invalid '${param}': "${type}" blocks are not supported by the LLM Router gateway (text, image, tool_use and tool_result are)`, param, 'invalid_value');
}

const isText = (part: ContentPart) => part.type === 'text';

/** Text-only content as one string, the way most callers send it. */
function joinText(parts: ContentPart[]): string | ContentPart[] {
  if (!parts.every(isText)) return parts;
  return parts.map((p) => (p as { text: string }).text).join('\n');
}
