// A model that declined to answer, said plainly where the answer would be: an empty answer
// would read as a broken one. Pure, so unit-tested.
import type { ExecuteResult } from '../../../shared/protocol';
import { isRefusalWarning } from '../../../shared/refusal-warning';

const DECLINED = 'The model declined to answer';

type Refusal = Pick<ExecuteResult, 'refusal' | 'refusalDetails'>;

/**
 * "The model declined to answer: “…”" with its words, or without them when it gave none
 * (Anthropic's refusal), followed by the provider's explanation when it gave one;
 * undefined when it answered.
 */
export function refusalNotice(result: Refusal): string | undefined {
  if (result.refusal === undefined) return undefined;
  const words = result.refusal.trim();
  return (words === '' ? `${DECLINED}.` : `${DECLINED}: “${words}”`) + providerExplanation(result);
}

/**
 * The provider's account of the refusal (Anthropic's stop_details), as a sentence of its own
 * after the notice, so it is never read as the model's words; '' when it gave none.
 */
function providerExplanation(result: Refusal): string {
  const category = result.refusalDetails?.category?.trim() || undefined;
  const explanation = result.refusalDetails?.explanation?.trim() || undefined;
  if (explanation !== undefined) return ` The provider explains${category === undefined ? '' : ` (${category})`}: ${explanation}`;
  return category === undefined ? '' : ` The provider names the policy category: ${category}.`;
}

/** The answer's text with the refusal notice after what the model wrote before declining, if anything. */
export function answerWithRefusal(result: Pick<ExecuteResult, 'text'> & Refusal): string {
  const notice = refusalNotice(result);
  if (notice === undefined) return result.text;
  return result.text === '' ? notice : `${result.text}\n\n${notice}`;
}

/** The answer's warnings but the one saying the model declined: a face that shows the refusal notice says it once. */
export function warningsBesideRefusal(result: Pick<ExecuteResult, 'warnings' | 'model' | 'refusal'>): string[] {
  return result.refusal === undefined ? result.warnings : result.warnings.filter((w) => !isRefusalWarning(w, result.model));
}

/**
 * The refusal notice as its pieces stream in (`$/progress` refusal): the notice opens with the
 * first piece and closes once the answer is complete, so the words show as they arrive, as
 * what they are. A refusal that did not stream (Anthropic's has no words; a cached answer)
 * comes whole at the end.
 */
export class StreamedRefusal {
  private open = false;

  /** The text to show for a piece of the refusal; `afterText` when the model wrote part of an answer first. */
  piece(words: string, afterText: boolean): string {
    if (this.open) return words;
    this.open = true;
    return `${afterText ? '\n\n' : ''}${DECLINED}: “${words.trimStart()}`;
  }

  /** Whether a piece of the refusal was shown (since the answer last started over). */
  get started(): boolean {
    return this.open;
  }

  /** A fallback started the answer over: its refusal, if any, opens anew. */
  restart(): void {
    this.open = false;
  }

  /** What is left to show of the refusal once the answer is complete: its close, the whole notice, or nothing. */
  finish(result: Refusal, afterText: boolean): string {
    if (this.open) return `”${providerExplanation(result)}`;
    const notice = refusalNotice(result);
    if (notice === undefined) return '';
    return afterText ? `\n\n${notice}` : notice;
  }
}
