// The router's conversation -> Messages API `system` and `messages`. The Messages API
// takes the system prompt as a parameter, tool calls as `tool_use` blocks of the
// assistant's turn and their results as `tool_result` blocks at the start of the next
// user turn; consecutive turns of one role are merged, as the API expects.
import type { ContentBlockParam, ImageBlockParam, MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { contentText, type ContentPart, type ConversationMessage, type ImagePart } from '../../../../shared/conversation';
import { UnmappableRequestError } from '../common/sdk-failure';

export interface AnthropicConversation {
  system?: string;
  messages: MessageParam[];
}

export function toAnthropicConversation(messages: readonly ConversationMessage[]): AnthropicConversation {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => contentText(m.content))
    .join('\n\n');
  const turns: MessageParam[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = toBlocks(message);
    if (blocks.length === 0) continue;
    const last = turns.at(-1);
    if (last && last.role === role) {
      const merged = [...asBlocks(last.content), ...blocks];
      // Tool results lead their user turn (the API's rule); the rest keep their order.
      last.content = role === 'user' ? [...merged.filter(isToolResult), ...merged.filter((b) => !isToolResult(b))] : merged;
    } else {
      // Plain text stays a plain string, as most callers send it.
      const plain = typeof message.content === 'string' && message.role !== 'tool' && !message.toolCalls?.length;
      turns.push({ role, content: plain ? (message.content as string) : blocks });
    }
  }
  return { ...(system ? { system } : {}), messages: turns };
}

/** Anthropic's tool ids are `[A-Za-z0-9_-]+`; other providers' ids are mapped the same way on both sides. */
export function anthropicToolId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

function toBlocks(message: ConversationMessage): ContentBlockParam[] {
  if (message.role === 'tool') {
    return [
      {
        type: 'tool_result',
        tool_use_id: anthropicToolId(message.toolCallId ?? ''),
        content: contentBlocks(message.content) as (TextBlockParam | ImageBlockParam)[],
        ...(message.isError ? { is_error: true } : {}),
      },
    ];
  }
  const blocks = contentBlocks(message.content);
  for (const call of message.toolCalls ?? []) {
    blocks.push({ type: 'tool_use', id: anthropicToolId(call.id), name: call.name, input: parseArguments(call.name, call.arguments) });
  }
  return blocks;
}

function contentBlocks(content: string | ContentPart[]): ContentBlockParam[] {
  const parts: ContentPart[] = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
  // The API refuses empty text blocks.
  return parts.filter((p) => p.type !== 'text' || p.text !== '').map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : imageBlock(p)));
}

function imageBlock(image: ImagePart): ImageBlockParam {
  const data = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is.exec(image.url);
  if (!data) return { type: 'image', source: { type: 'url', url: image.url } };
  const mediaType = data[1].toLowerCase() as 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  return { type: 'image', source: { type: 'base64', media_type: mediaType, data: data[2].replace(/\s/g, '') } };
}

function parseArguments(name: string, args: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(args === '' ? '{}' : args);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UnmappableRequestError(`the arguments of an earlier call of tool "${name}" are not a JSON object`);
}

function asBlocks(content: string | ContentBlockParam[]): ContentBlockParam[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function isToolResult(block: ContentBlockParam): boolean {
  return block.type === 'tool_result';
}
