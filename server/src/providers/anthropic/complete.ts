// A non-streaming Messages API call, read defensively.
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { CallOptions } from '../common/call-options';
import { MalformedResponseError } from '../common/sdk-failure';
import { tokenCount } from '../common/usage';
import type { ChatResponse } from '../types';

export async function complete(
  client: Anthropic,
  params: MessageCreateParamsBase,
  options: CallOptions,
): Promise<ChatResponse> {
  const message: unknown = await client.messages.create({ ...params, stream: false }, options);
  return readMessage(message);
}

export function readMessage(message: unknown): ChatResponse {
  const body = message as { content?: unknown; usage?: Record<string, unknown> | null; stop_reason?: unknown } | null | undefined;
  if (!body || typeof body !== 'object') throw new MalformedResponseError('the body is not a message');
  if (!Array.isArray(body.content)) throw new MalformedResponseError('no content');
  // Only text blocks are answer text; other block types (e.g. thinking) are not shown to the user.
  const text = body.content
    .filter(isTextBlock)
    .map((block) => block.text)
    .join('');
  if (!body.usage) throw new MalformedResponseError('no usage');
  return {
    text,
    inputTokens: tokenCount(body.usage.input_tokens, 'usage.input_tokens'),
    outputTokens: tokenCount(body.usage.output_tokens, 'usage.output_tokens'),
    ...(body.stop_reason === 'max_tokens' ? { truncated: true } : {}),
  };
}

function isTextBlock(block: unknown): block is { type: 'text'; text: string } {
  const candidate = block as { type?: unknown; text?: unknown } | null;
  return candidate?.type === 'text' && typeof candidate.text === 'string';
}
