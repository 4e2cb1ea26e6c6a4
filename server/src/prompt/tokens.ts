// Token estimates for routing decisions only; billed cost always comes from the
// provider's reported usage. Exact BPE counting is O(n) and slow on big files, so past
// a size the estimate falls back to the ~4 characters/token average of code and prose.
import { countTokens } from 'gpt-tokenizer';

const EXACT_LIMIT_CHARS = 1_500;
const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  if (text.length <= EXACT_LIMIT_CHARS) return countTokens(text);
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
