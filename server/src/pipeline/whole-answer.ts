// Whether a call whose client wants the answer whole is streamed from the provider all the
// same. A call that does not stream shows no sign of life until its end, so one that may take
// longer to write than its attempt timeout is streamed and assembled here: its timeout then
// counts from the last token (resilience/patience.ts). Streaming costs the gateway CPU on every
// such call (10-20% of its work per request under load, by bench/ab-gateway.ts), so a call is
// streamed only when its answer may really be that long.
import type { ModelInfo } from '../catalog/types';
import type { TypicalOutput } from '../ledger/typical-output';
import { mayOutlastTimeout, type ResilienceOptions } from '../resilience';

/**
 * How many times the median of the workspace's recent answers of the kind an answer is taken
 * to reach at most (answer lengths have a long tail: about the 95th percentile of a log-normal
 * spread of one e-fold).
 */
export const LIKELY_OVER_TYPICAL = 5;

/** Answers of the kind the median must be over before it stands in for the call's limit. */
export const TYPICAL_SAMPLES_NEEDED = 5;

export interface AnswerLength {
  /** The call's output limit (maxTokens sent to the provider). */
  limitTokens: number;
  /** The client set that limit itself: it may want that much, so the limit stands. */
  limitGiven: boolean;
  /** The workspace's recent answers of the request's kind, if any. */
  typical?: TypicalOutput;
}

/** The longest answer the call is likely to write. */
export function likelyAnswerTokens({ limitTokens, limitGiven, typical }: AnswerLength): number {
  if (limitGiven || !typical || typical.samples < TYPICAL_SAMPLES_NEEDED) return limitTokens;
  return Math.min(limitTokens, Math.ceil(typical.tokens * LIKELY_OVER_TYPICAL));
}

/** Whether `model`'s whole answer is asked for as a stream (see the top of this file). */
export function streamWholeAnswer(options: Pick<ResilienceOptions, 'timeoutMs'>, model: ModelInfo, length: AnswerLength): boolean {
  return mayOutlastTimeout(options, model, likelyAnswerTokens(length));
}
