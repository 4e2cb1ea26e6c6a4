// ChatRequest -> Messages API parameters.
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { ChatRequest } from '../types';
import { toAnthropicConversation } from './messages';

/**
 * `request.temperature` is not sent: the Messages API deprecated sampling temperature and
 * SDK 1.x no longer has the parameter.
 */
export function toMessageParams(request: ChatRequest): MessageCreateParamsBase {
  const { system, messages } = toAnthropicConversation(request.messages);
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    messages,
    ...(system ? { system } : {}),
  };
}
