// ChatRequest -> Messages API parameters.
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { ChatRequest } from '../types';

/**
 * `request.temperature` is not sent: the Messages API deprecated sampling temperature and
 * SDK 1.x no longer has the parameter.
 */
export function toMessageParams(request: ChatRequest): MessageCreateParamsBase {
  // The Messages API takes the system prompt as a parameter, not as a message.
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  const messages = request.messages
    .filter((message) => message.role !== 'system')
    .map((message) => ({ role: message.role as 'user' | 'assistant', content: message.content }));
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    messages,
    ...(system ? { system } : {}),
  };
}
