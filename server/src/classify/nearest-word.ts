// A word the model never learned, read as the nearest word it did learn in pre-trained word
// vectors (word-vectors.ts): "streamline this" is scored as "simplify this". Only words the
// model has no weight for are replaced, so a learned word keeps its own, learned meaning; and
// only when the two are close enough that the vectors say they are used alike.
import { isFunctionWord } from './features';
import { nearestWords } from './word-vectors';

const WORD = /[\p{L}\p{N}_]+/gu;

/** The prompt with each unlearned word (`knows` false) replaced by its nearest learned word at `minCosine` or more. */
export function withUnknownWordsAsNearest(prompt: string, knows: (word: string) => boolean, minCosine: number): string {
  return prompt.replace(WORD, (said) => {
    const word = said.toLowerCase();
    if (knows(word) || isFunctionWord(word)) return said;
    const nearest = nearestWords(word).find((neighbour) => neighbour.cosine >= minCosine && knows(neighbour.word));
    return nearest?.word ?? said;
  });
}
