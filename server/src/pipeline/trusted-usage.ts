// A provider's token counts are billed money, so they are taken as reported, unless no call
// could have used that many: a count past twice the model's context window (or twice the
// router's estimate of the prompt, if larger) is a corrupt report. One such report (1e12
// tokens for a one-line answer) was recorded as $500,000, and the budget it poisoned
// blocked every request for the rest of the day. Such an answer is billed on the router's
// own count instead (the prompt's estimate in, the answer's text and calls out), flagged
// as estimated, with a warning that names the model and what it reported.
import { plausibleTokenCeiling } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import type { ChatResponse } from '../providers/types';
import { estimateTokens } from '../text/size';

export interface CheckedUsage {
  response: ChatResponse;
  /** Set when the report was not trusted: what the user is told. */
  warning?: string;
}

export function trustedUsage(model: ModelInfo, response: ChatResponse, promptTokens: number): CheckedUsage {
  const ceiling = plausibleTokenCeiling(model, promptTokens);
  if (response.usageEstimated || (response.inputTokens <= ceiling && response.outputTokens <= ceiling)) return { response };
  const { cachedInputTokens: _read, cacheWriteInputTokens: _written, reasoningTokens: _reasoning, ...rest } = response;
  const written = [response.text, ...(response.toolCalls ?? []).map((call) => `${call.name} ${call.arguments}`)].join('\n');
  return {
    response: { ...rest, inputTokens: promptTokens, outputTokens: estimateTokens(written), usageEstimated: true },
    warning:
      `${model.ref} reported ${response.inputTokens} input and ${response.outputTokens} output tokens, more than a call to it can use ` +
      `(context window ${model.contextWindow}): the report was not trusted, and the cost is estimated from the prompt and the answer.`,
  };
}
