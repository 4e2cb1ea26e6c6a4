// A model that declined to answer, said plainly where the answer would be: an empty answer
// would read as a broken one. Pure, so unit-tested.
import type { ExecuteResult } from '../../../shared/protocol';

/** "The model declined to answer: “…”" with its words, or without them when it gave none (Anthropic's refusal); undefined when it answered. */
export function refusalNotice(result: Pick<ExecuteResult, 'refusal'>): string | undefined {
  if (result.refusal === undefined) return undefined;
  const words = result.refusal.trim();
  return words === '' ? 'The model declined to answer.' : `The model declined to answer: “${words}”`;
}

/** The answer's text with the refusal notice after what the model wrote before declining, if anything. */
export function answerWithRefusal(result: Pick<ExecuteResult, 'text' | 'refusal'>): string {
  const notice = refusalNotice(result);
  if (notice === undefined) return result.text;
  return result.text === '' ? notice : `${result.text}\n\n${notice}`;
}
