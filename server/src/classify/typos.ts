// Misspellings of the words that name an intent ("expain", "refator",
// "sumarize", "documnet"): one slip of the keyboard away from the word. Char
// n-grams catch some of them; this catches the rest for the words that matter.

// The key word of each lexicon that a misspelling most often stands for.
export const ANCHOR_WORDS: Record<string, readonly string[]> = {
  explain: ['explain', 'explanation', 'understand'],
  summarize: ['summarize', 'summarise', 'summary'],
  doc: ['document', 'documentation', 'docstring', 'comments'],
  change: ['refactor', 'simplify', 'optimize', 'optimise', 'rewrite', 'convert', 'rename', 'improve'],
  fix: ['fix', 'error', 'broken', 'exception', 'correct'],
  create: ['create', 'generate', 'implement'],
  test: ['unittest', 'unittests'],
};

// Shorter words have too many neighbours one edit away ("fox", "fit") to trust a near miss.
const MIN_TYPO_LENGTH = 5;

/** True when `word` differs from `anchor` by one insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(word: string, anchor: string): boolean {
  if (word === anchor || word.length < MIN_TYPO_LENGTH || Math.abs(word.length - anchor.length) > 1) return false;
  let start = 0;
  while (start < word.length && start < anchor.length && word[start] === anchor[start]) start++;
  let wordEnd = word.length - 1;
  let anchorEnd = anchor.length - 1;
  while (wordEnd >= start && anchorEnd >= start && word[wordEnd] === anchor[anchorEnd]) {
    wordEnd--;
    anchorEnd--;
  }
  const wordGap = wordEnd - start + 1;
  const anchorGap = anchorEnd - start + 1;
  if (wordGap <= 1 && anchorGap <= 1) return true;
  // Two neighbours swapped: "expalin".
  return wordGap === 2 && anchorGap === 2 && word[start] === anchor[start + 1] && word[start + 1] === anchor[start];
}

/** The lexicons one of whose anchor words the word misspells. */
export function misspelledLexicons(word: string): string[] {
  return Object.keys(ANCHOR_WORDS).filter((lexicon) => ANCHOR_WORDS[lexicon].some((anchor) => oneEditApart(word, anchor)));
}
