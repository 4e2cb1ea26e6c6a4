// A model that declined to answer, in the words each API gives a client. OpenAI's refusal
// carries the model's words; Anthropic's stop_reason "refusal" carries none (its docs leave
// the message to the application), so a client of an API whose refusal is a text field gets
// these words instead of an empty field it could not tell from no refusal.
import type { ExecuteResult } from '../../../shared/protocol';

export const DECLINED_WORDS = 'The model declined to answer.';

/** The refusal text to send (the model's words, or DECLINED_WORDS), or undefined when the model did not decline. */
export function refusalWords(result: Pick<ExecuteResult, 'refusal'>): string | undefined {
  if (result.refusal === undefined) return undefined;
  return result.refusal.trim() === '' ? DECLINED_WORDS : result.refusal;
}
