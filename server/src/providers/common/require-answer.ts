// A reply that stopped at its token limit before any text is no answer: a reasoning
// model (o-series, gpt-5) can spend its whole max_completion_tokens thinking. Showing
// nothing would leave the user paying for silence, so it fails the attempt (and the
// router falls back), carrying the tokens the provider reported and billed for it.
import { billedUsageOf } from '../errors';
import type { ChatResponse } from '../types';
import { providerFailure } from './failure-message';

export function requireAnswer(response: ChatResponse, label: string, maxTokens: number): ChatResponse {
  // Tool calls with no text are an answer: the agent runs them.
  if (!response.truncated || response.text.trim() !== '' || response.toolCalls?.length) return response;
  const detail = `the answer was empty: all ${maxTokens} tokens of its limit were used before any text (e.g. by reasoning)`;
  throw providerFailure(label, 'bad_request', { detail }, { billedUsage: billedUsageOf(response) });
}
