// ChatRequest -> chat.completions parameters.
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { ChatRequest } from '../types';
import { toOpenAIMessages } from './messages';

/**
 * OpenAI's own API wants `max_completion_tokens` (its reasoning models reject `max_tokens`);
 * OpenAI-compatible servers (Ollama, vLLM, LM Studio) reliably understand only `max_tokens`.
 */
export type TokenLimitParam = 'max_completion_tokens' | 'max_tokens';

/** `withTemperature: false` leaves the temperature to the model's default (see fixed-temperature.ts). */
export function toChatParams(request: ChatRequest, tokenLimitParam: TokenLimitParam, withTemperature = true): ChatCompletionCreateParamsBase {
  const limit =
    tokenLimitParam === 'max_tokens' ? { max_tokens: request.maxTokens } : { max_completion_tokens: request.maxTokens };
  return {
    model: request.model,
    messages: toOpenAIMessages(request.messages),
    ...(withTemperature ? { temperature: request.temperature } : {}),
    ...limit,
  };
}
