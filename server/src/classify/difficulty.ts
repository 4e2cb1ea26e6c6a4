// The difficulty score: a base for the kind of work, plus the learned need of the
// prompt's wording (need/need.ts, trained on which public benchmark prompts a strong
// model got right and a weak one did not), plus nudges the public data cannot teach:
// the amount of code to read, software-engineering wording and the language.
// Clamped to 0..1; every term that moves the score is reported as a signal.
import type { Difficulty, DocumentInput, Kind } from '../../../shared/protocol';
import { MAX_WORDING_BONUS, MAX_WORDING_DISCOUNT, wordingFindings } from './difficulty-wording';
import { predictNeed } from './need/need';
import { selectedText } from '../text/selection';
import { measureText } from '../text/size';

// Where each kind starts. Completion at a cursor is what small fast models are
// built for; documenting or explaining existing code means reading, not
// inventing; open questions vary widely, so they start mid-low and let wording
// decide; a refactor must keep behaviour intact across everything it touches.
const KIND_BASE: Record<Kind, number> = { completion: 0.15, summarize: 0.2, explain: 0.25, ask: 0.3, refactor: 0.35 };

// What the learned need (0..1: the share of benchmark prompts that needed the strong
// model less) can add. Additive and only upward: the model learned from questions
// (MMLU, GSM8K, MT-Bench), so a short editor request it knows nothing about scores
// near 0 and keeps its other terms, while a question it recognises as needing the
// strong model (need >= 0.7) becomes hard on its own.
const NEED_WEIGHT = 0.5;

// How much a large input can add per kind. A large refactor is the hardest
// thing we route; long code makes explanations and summaries harder but their
// quality degrades gracefully; completion mostly looks near the cursor.
const SIZE_WEIGHT: Record<Kind, number> = { completion: 0.2, summarize: 0.25, explain: 0.25, ask: 0.3, refactor: 0.45 };
// Size adds nothing up to a screenful of code and its full weight at a large
// file; in between it grows with the logarithm, as effort does.
const SMALL_TOKENS = 100;
const LARGE_TOKENS = 8_000;
// A whole document without a selection is context the model skims, not the
// subject of the work, so it counts half.
const UNSELECTED_DOCUMENT_SHARE = 0.5;

// Prose and configuration have no program semantics to get wrong; languages with
// manual memory, rich type systems or hardware semantics punish shallow answers.
const EASIER_LANGUAGES = /^(plaintext|markdown|json|jsonc|yaml|toml|ini|xml|csv|properties|dotenv|log|html)$/;
const HARDER_LANGUAGES = /^(c|cpp|rust|haskell|ocaml|scala|asm|assembly|verilog|vhdl|cuda|zig)$/;
const LANGUAGE_WEIGHT = 0.1;
const HARDER_LANGUAGE_WEIGHT = 0.05;

// Bucket edges for the score.
const MEDIUM_FROM = 0.35;
const HARD_FROM = 0.65;

export interface DifficultyAssessment {
  difficulty: Difficulty;
  score: number;
  /** The learned need of the prompt's wording alone (0..1), before the other terms. */
  need: number;
  signals: string[];
}

/** Need of a prompt's wording, 0..1; the bundled model unless a caller (evaluation) brings its own. */
export type NeedScorer = (prompt: string) => number;

const bundledNeed: NeedScorer = (prompt) => predictNeed(prompt).score;

export function assessDifficulty(
  kind: Kind,
  prompt: string,
  document: DocumentInput | undefined,
  needOf: NeedScorer = bundledNeed,
): DifficultyAssessment {
  const signals = [`kind ${kind}: base difficulty ${KIND_BASE[kind].toFixed(2)}`];
  let score = KIND_BASE[kind];
  // No request text (a completion at the cursor): nothing for the need model to read.
  const need = prompt.trim() === '' ? 0 : needOf(prompt);
  if (prompt.trim() !== '') {
    signals.push(`learned need ${need.toFixed(2)}: ${describeNeed(need)} (${signed(NEED_WEIGHT * need)})`);
  }
  score += NEED_WEIGHT * need;

  const promptSize = measureText(prompt);
  let tokens = promptSize.tokens;
  const sizeParts = promptSize.tokens >= SMALL_TOKENS ? [`prompt ~${promptSize.tokens} tokens`] : [];
  if (document) {
    const selection = selectedText(document);
    const subject = selection || document.text;
    if (subject.length > 0) {
      const size = measureText(subject);
      tokens += selection ? size.tokens : size.tokens * UNSELECTED_DOCUMENT_SHARE;
      const what = selection ? 'selection' : 'document (no selection, counted at half)';
      const tokenCount = `${size.estimated ? '~' : ''}${plural(size.tokens, 'token')}`;
      sizeParts.unshift(`${what}: ${plural(size.lines, 'line')}, ${tokenCount} of ${document.languageId}`);
    }
  }
  const sizeBonus = SIZE_WEIGHT[kind] * logScale(tokens);
  score += sizeBonus;
  if (sizeParts.length > 0) signals.push(`${sizeParts.join('; ')} (${signed(sizeBonus)})`);

  const findings = wordingFindings(prompt);
  const wordingTotal = findings.reduce((sum, finding) => sum + finding.weight, 0);
  score += Math.min(MAX_WORDING_BONUS, Math.max(MAX_WORDING_DISCOUNT, wordingTotal));
  for (const finding of findings) signals.push(`wording: ${finding.label} (${signed(finding.weight)})`);
  if (wordingTotal > MAX_WORDING_BONUS || wordingTotal < MAX_WORDING_DISCOUNT) {
    signals.push(`wording capped at ${signed(Math.min(MAX_WORDING_BONUS, Math.max(MAX_WORDING_DISCOUNT, wordingTotal)))}`);
  }

  const languageId = document?.languageId ?? '';
  if (EASIER_LANGUAGES.test(languageId)) {
    score -= LANGUAGE_WEIGHT;
    signals.push(`language: ${languageId} (${signed(-LANGUAGE_WEIGHT)})`);
  } else if (HARDER_LANGUAGES.test(languageId)) {
    score += HARDER_LANGUAGE_WEIGHT;
    signals.push(`language: ${languageId} (${signed(HARDER_LANGUAGE_WEIGHT)})`);
  }

  const rounded = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  return { difficulty: bucket(rounded), score: rounded, need: Math.round(need * 1000) / 1000, signals };
}

/** Each difficulty in words: what kind of model the request calls for. */
export const NEED_WORDS: Record<Difficulty, string> = {
  hard: 'likely needs a strong model',
  medium: 'may need a capable model',
  easy: 'a small model is likely enough',
};

// Need above this share of the benchmark prompts reads as "likely needs a strong model".
const STRONG_NEED = 0.7;
const CAPABLE_NEED = 0.4;

function describeNeed(need: number): string {
  return NEED_WORDS[need >= STRONG_NEED ? 'hard' : need >= CAPABLE_NEED ? 'medium' : 'easy'];
}

/** 0 at SMALL_TOKENS or fewer, 1 at LARGE_TOKENS or more, logarithmic in between. */
function logScale(tokens: number): number {
  if (tokens <= SMALL_TOKENS) return 0;
  return Math.min(1, Math.log(tokens / SMALL_TOKENS) / Math.log(LARGE_TOKENS / SMALL_TOKENS));
}

function bucket(score: number): Difficulty {
  if (score >= HARD_FROM) return 'hard';
  return score >= MEDIUM_FROM ? 'medium' : 'easy';
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
