// How long a call of a model may stay silent. A model that reasons thinks before its first
// token, often for tens of seconds and on hard prompts for minutes, and over chat
// completions it shows nothing meanwhile: held to the limits of a model that answers at
// once, three such calls in parallel were cut as a hang (billed, and the model's circuit
// opened) and a lone one was cut at the attempt timeout. It gets REASONING_PATIENCE times
// both limits instead.
import type { ModelInfo } from '../catalog/types';
import type { ResilienceOptions } from './run-types';

export const REASONING_PATIENCE = 4;

const patience = (model: ModelInfo) => (model.reasoning ? REASONING_PATIENCE : 1);

/** The attempt timeout for `model`: how long a call may go without a sign of life. */
export function timeoutFor(options: Pick<ResilienceOptions, 'timeoutMs'>, model: ModelInfo): number {
  return options.timeoutMs * patience(model);
}

/**
 * How fast, at the least, a healthy model writes its answer, in tokens per second. Hosted
 * models write several times faster (Anthropic's SDK reckons 128k tokens an hour, about 36
 * a second, when it sizes its own timeout for a call that does not stream).
 */
export const WRITING_FLOOR_TOKENS_PER_SECOND = 20;

/**
 * Whether an answer of up to `maxTokens` may take a healthy `model` longer to write than
 * its attempt timeout. Such a call is streamed from the provider even when the client wants
 * the answer whole: its timeout then counts from its last token, so a long answer that keeps
 * coming is kept and one that stops is cut, where a call that does not stream shows no life
 * until its end and would be cut at the timeout however healthy.
 */
export function mayOutlastTimeout(options: Pick<ResilienceOptions, 'timeoutMs'>, model: ModelInfo, maxTokens: number): boolean {
  return (maxTokens * 1000) / WRITING_FLOOR_TOKENS_PER_SECOND > timeoutFor(options, model);
}

/** The first-byte deadline for `model`'s streamed calls (see stalls.ts). */
export function firstByteFor(options: Pick<ResilienceOptions, 'firstByteTimeoutMs'>, model: ModelInfo): number {
  return options.firstByteTimeoutMs * patience(model);
}
