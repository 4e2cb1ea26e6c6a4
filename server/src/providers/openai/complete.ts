// A non-streaming chat completion, read defensively: OpenAI-compatible servers vary.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { ToolCall } from '../../../../shared/conversation';
import { MalformedResponseError } from '../common/sdk-failure';
import { readUsage } from './usage';
import type { ChatResponse } from '../types';
import type { CallOptions } from '../common/call-options';

export async function complete(
  client: OpenAI,
  params: ChatCompletionCreateParamsBase,
  options: CallOptions,
): Promise<ChatResponse> {
  const completion: unknown = await client.chat.completions.create({ ...params, stream: false }, options);
  return readCompletion(completion);
}

export function readCompletion(completion: unknown): ChatResponse {
  const body = completion as { choices?: unknown; usage?: Record<string, unknown> | null } | null | undefined;
  if (!body || typeof body !== 'object') throw new MalformedResponseError('the body is not a chat completion');
  if (!Array.isArray(body.choices) || body.choices.length === 0) throw new MalformedResponseError('no choices');
  const choice = body.choices[0] as { message?: { content?: unknown; tool_calls?: unknown; refusal?: unknown }; finish_reason?: unknown } | undefined;
  const message = choice?.message;
  if (!message || typeof message !== 'object') throw new MalformedResponseError('no message in the first choice');
  const content = message.content ?? '';
  if (typeof content !== 'string') throw new MalformedResponseError('message content is not text');
  if (!body.usage) throw new MalformedResponseError('no usage');
  const toolCalls = readToolCalls(message.tool_calls);
  return {
    text: content,
    ...readUsage(body.usage),
    ...(choice?.finish_reason === 'length' ? { truncated: true } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    // The model declined: `content` is null and `refusal` holds its words.
    ...(typeof message.refusal === 'string' && message.refusal !== '' ? { refusal: message.refusal } : {}),
  };
}

/** `message.tool_calls`: function calls only, as only function tools are ever sent. */
function readToolCalls(raw: unknown): ToolCall[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new MalformedResponseError('tool_calls is not a list');
  return raw.map((item: unknown, index) => {
    const call = item as { id?: unknown; type?: unknown; function?: { name?: unknown; arguments?: unknown } } | null;
    const name = call?.function?.name;
    const args = call?.function?.arguments;
    if (typeof name !== 'string' || name === '' || typeof args !== 'string') {
      throw new MalformedResponseError(`tool call ${index} is not a function call with a name and arguments`);
    }
    // A few OpenAI-compatible servers send no ids; the result still needs one to answer.
    // A call of a tool without parameters may come with empty arguments: it takes none.
    return { id: typeof call?.id === 'string' && call.id !== '' ? call.id : `call_${index}`, name, arguments: args === '' ? '{}' : args };
  });
}
