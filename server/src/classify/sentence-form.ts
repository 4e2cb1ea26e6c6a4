// What the shape of the sentence says, so that one cue word does not decide
// alone: "why does this test fail?" is a question about a test, not an order to
// write one; "what's the difference between let and const" asked over a
// selection is about neither the selection nor an edit.
import { LEXICONS } from './lexicons';
import { openingWord } from './opening';
import { namesCode } from './code-mentions';
import { UNSPACED_CUES } from './script-cues';

// Cue lexicons whose word inside a question names the topic, not the work wanted.
const CUE_LEXICONS = ['test', 'fix', 'doc', 'create', 'change', 'explain', 'summarize'];
// Of those, the ones that inside a question are most often only its topic
// ("how do I test this?", "when would this throw an error?"); explain and
// summarize words in a question still ask for that ("can you explain this?").
export const TOPIC_IN_QUESTIONS = ['test', 'fix', 'create', 'change', 'doc'];
const QUESTION_OPENING = /^(how|why|what|whats|when|where|which|who|whom|whose|is|are|does|do|did|should|would|will|can|could|isn|doesn|wat)$/;

/**
 * Feature names (the caller adds each also per location):
 * - `form:asks` when the request opens like a question or ends with "?";
 * - `form:asks+<lexicon>` for each cue lexicon inside such a question;
 * - `form:general` for a question that points at nothing ("this", "here", "it"...):
 *   over a selection it is still most likely not about the selection;
 * - `form:refers` / `form:no-referent`, whether the words point at some code at all.
 */
export function sentenceFormFeatures(head: string, words: readonly string[], lexicons: readonly string[]): string[] {
  const opening = openingWord(words);
  const asks =
    /[?\uff1f]\s*$/.test(head) || (opening !== undefined && (QUESTION_OPENING.test(opening) || LEXICONS.question.test(opening))) ||
    UNSPACED_CUES.question.test(head) || asksAfterLeadIn(head);
  // Naming some code ("the EventBus class", "store.js") points at code as "this" does.
  const refers = words.some((word) => LEXICONS.deictic.test(word)) || UNSPACED_CUES.deictic.test(head) || namesCode(head);
  const names = [refers ? 'form:refers' : 'form:no-referent'];
  if (!asks) return names;
  names.push('form:asks');
  for (const lexicon of lexicons) if (CUE_LEXICONS.includes(lexicon)) names.push(`form:asks+${lexicon}`);
  if (!refers) names.push('form:general');
  return names;
}

// A question word opening a later clause: "in general, when should I use a linked
// list", "quick q while I'm here, what's the difference between TCP and UDP".
const WH_WORD = /^(how|why|what|whats|when|where|which|who)$/;
const CLAUSE_BREAK = /[,:;.!]\s+|\n/;

function asksAfterLeadIn(head: string): boolean {
  return head
    .split(CLAUSE_BREAK)
    .slice(1)
    .some((clause) => WH_WORD.test(clause.trim().toLowerCase().match(/^[\p{L}]+/u)?.[0] ?? ''));
}
