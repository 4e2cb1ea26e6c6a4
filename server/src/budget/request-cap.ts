// `llmRouter.budget.maxRequestUsd`: the most one request may cost. Selection skips models
// whose estimated cost is above it; the answer's length is then capped so that the
// prompt plus the longest allowed answer stays under it on the router's token count.
// (The billed cost is what the provider reports; its tokenizer may count a little differently.)
import type { ModelInfo } from '../catalog/types';

const TOKENS_PER_MILLION = 1_000_000;

/**
 * The most output tokens `model` may write for a prompt of `inputTokens` without the
 * request costing more than `capUsd`; undefined when there is no cap or the output is free.
 */
export function outputTokensWithinCap(model: ModelInfo, inputTokens: number, capUsd: number | undefined): number | undefined {
  if (capUsd === undefined || model.inputUsdPerMTok === undefined || model.outputUsdPerMTok === undefined) return undefined;
  if (model.outputUsdPerMTok === 0) return undefined;
  const left = capUsd - (model.inputUsdPerMTok * inputTokens) / TOKENS_PER_MILLION;
  return Math.max(0, Math.floor((left * TOKENS_PER_MILLION) / model.outputUsdPerMTok));
}
