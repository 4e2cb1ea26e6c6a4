// The word a request opens with, once polite lead-ins are skipped: it carries
// the mood. "(Can you) write tests" orders work; "how do I write tests" asks.
import { LEXICONS } from './lexicons';

const LEAD_INS = [
  ['please'], ['pls'], ['kindly'], ['now'], ['also'], ['help', 'me'], ['lets'], ['let', 's'],
  ['can', 'you'], ['could', 'you'], ['would', 'you'], ['will', 'you'], ['can', 'u'],
  ['i', 'want', 'you', 'to'], ['i', 'want', 'to'], ['i', 'need', 'to'], ['i', 'would', 'like', 'to'], ['i', 'd', 'like', 'to'],
];

// Lexicons whose words, opening a request, order a piece of work.
const ACTION_LEXICONS = new Set(['test', 'doc', 'summarize', 'explain', 'fix', 'create', 'change']);

export function openingWord(words: readonly string[]): string | undefined {
  let at = 0;
  for (let lead = leadInAt(words, at); lead; lead = leadInAt(words, at)) at += lead.length;
  return words[at];
}

/** The lexicons (see lexicons.ts) the opening word belongs to. */
export function openingLexicons(words: readonly string[]): string[] {
  const opening = openingWord(words);
  if (opening === undefined) return [];
  return Object.keys(LEXICONS).filter((lexicon) => LEXICONS[lexicon].test(opening));
}

/** True when the words open, after any lead-in, with a verb that orders work: "explain ...", "fix ...". */
export function opensWithAction(words: readonly string[]): boolean {
  return openingLexicons(words).some((lexicon) => ACTION_LEXICONS.has(lexicon));
}

function leadInAt(words: readonly string[], at: number): string[] | undefined {
  return LEAD_INS.find((phrase) => phrase.every((word, i) => words[at + i] === word));
}
