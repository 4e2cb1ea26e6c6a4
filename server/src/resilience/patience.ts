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

/** The first-byte deadline for `model`'s streamed calls (see stalls.ts). */
export function firstByteFor(options: Pick<ResilienceOptions, 'firstByteTimeoutMs'>, model: ModelInfo): number {
  return options.firstByteTimeoutMs * patience(model);
}
