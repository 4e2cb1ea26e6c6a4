// Turns a request into the sparse features the kind model scores. Training
// (scripts/train-classifier.ts) and inference (kind-model.ts) both call this,
// so a feature can never mean one thing when learned and another when used.
import type { ClassifyInput } from './types';
import { LEXICONS, lexiconsOfWord } from './lexicons';
import { namesCode, talksOfNoCode } from './code-mentions';
import { UNSPACED_CUES } from './script-cues';
import { misspelledLexicons } from './typos';
import { openingLexicons } from './opening';
import { createsUnit, describesProject, editsReferent, laterOpeningLexicons, quotesError } from './phrasing';
import { sentenceFormFeatures, TOPIC_IN_QUESTIONS } from './sentence-form';
import { hasSelection } from '../text/selection';
import { addsToExisting, namesPieceToWrite, objectOfOpening, ownsProject, pointsAtUnit, thingMade } from './work-object';

/** Where the request came from: chat over an editor selection, or the side chat. */
export type Location = 'inline' | 'panel';

/** Feature name -> value; absent features are 0. */
export type Features = Map<string, number>;

// Intent is stated early in a request; a pasted stack trace or file later on
// only adds noise and cost, so we read this many characters at most.
const MAX_PROMPT_CHARS = 200;

// Char n-grams make the model robust to the typos real requests carry
// ("expain", "unittests", "documention"). They are many and overlapping, so
// each weighs less than a whole word.
const CHAR_NGRAM_SIZES = [3];
const CHAR_NGRAM_VALUE = 0.3;

const WORD_PATTERN = /[\p{L}\p{N}_]+/gu;

/** The data's "inline" (chat over a selection) is a request whose document has a non-empty selection. */
export function locationOf(input: ClassifyInput): Location {
  return hasSelection(input.document) ? 'inline' : 'panel';
}

export function kindFeatures(input: ClassifyInput): Features {
  return extractFeatures(input.prompt ?? '', locationOf(input));
}

// Between them these fire on every request at a location, whatever its words say: they
// are the location's own say, which the learner keeps on a short leash (fit.ts `selectionL2`).
const SELECTION_FEATURE = /^form:(refers|no-referent)@(inline|panel)$/;

export function isSelectionFeature(name: string): boolean {
  return SELECTION_FEATURE.test(name);
}

/** A char n-gram of a word (typo tolerance), not a word of its own. */
export function isCharNgram(name: string): boolean {
  return name.startsWith('c:');
}

function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD_PATTERN) ?? [];
}

/** The part of a prompt the model reads; a leading "/explain"-style command is left to rules. */
function promptHead(prompt: string): string {
  return prompt.slice(0, MAX_PROMPT_CHARS).replace(/^\s*\/[\w-]+/, ' ');
}

export function promptWords(prompt: string): string[] {
  return tokenize(promptHead(prompt));
}

/** What one word contributes by itself: the word, and its char n-grams for typo tolerance. */
export function wordFeatures(word: string): Array<[string, number]> {
  return [[`w:${word}`, 1], ...charNgrams(word).map((gram): [string, number] => [`c:${gram}`, CHAR_NGRAM_VALUE])];
}

export function extractFeatures(prompt: string, location: Location): Features {
  const features: Features = new Map();
  // Presence, not counts: a word said twice is no stronger a sign, and counting
  // would let a long pasted snippet outweigh the request itself.
  const add = (name: string, value = 1): void => {
    features.set(name, Math.max(features.get(name) ?? 0, value));
  };
  const head = promptHead(prompt);
  const words = tokenize(head);

  // No feature for the selection alone: by itself it pushed every unfamiliar
  // wording towards an edit. It counts only joined to what the words say
  // (`...@inline` below, and the sentence-form features).
  add(`len:${lengthBucket(words.length)}`);
  if (words.length > 0) {
    add(`first:${words[0]}`);
    add(`first:${words[0]}@${location}`);
  }
  for (let i = 0; i < words.length; i++) {
    if (i > 0) add(`b:${words[i - 1]} ${words[i]}`);
    // Words that only join others ("the", "of") count in word pairs only: alone, and
    // more so joined to the selection, they stood for the selection itself (edits say
    // "the" a lot) and leaned any wording with them towards an edit.
    if (FUNCTION_WORDS.has(words[i])) continue;
    for (const [name, value] of wordFeatures(words[i])) add(name, value);
    // The same word may mean another thing by the place it is said in: "add"
    // over a selection edits, in the side chat it often asks how.
    add(`w:${words[i]}@${location}`);
  }
  const inWords = new Set(words.flatMap((word) => lexiconsOfWord(word, misspelledLexicons)));
  const matched = Object.keys(LEXICONS).filter((lexicon) => inWords.has(lexicon) || UNSPACED_CUES[lexicon]?.test(head));
  const form = sentenceFormFeatures(head, words, matched);
  const asks = form.includes('form:asks');
  for (const lexicon of matched) {
    // Inside a question these words name the topic, not the work wanted ("why does
    // this test fail?"): there only `form:asks+<lexicon>` stands for them, so that
    // one such word cannot turn a question into an order.
    if (asks && TOPIC_IN_QUESTIONS.includes(lexicon)) continue;
    add(`lex:${lexicon}`);
    // Where the request comes from changes what a word means: "fix" over a
    // selection is an edit, "fix" in the side chat is often a question.
    add(`lex:${lexicon}@${location}`);
  }
  for (const [a, b] of COMBINATIONS) {
    if (matched.includes(a) && matched.includes(b)) add(`lex:${a}+${b}@${location}`);
  }
  // The opening word carries the mood: "(please) create a ..." orders, "how do I create" asks.
  const opening = openingLexicons(words);
  for (const lexicon of opening) {
    add(`opens:${lexicon}`);
    add(`opens:${lexicon}@${location}`);
  }
  if (head.includes('?')) add(`question-mark@${location}`);
  for (const name of form) {
    add(name);
    add(`${name}@${location}`);
  }
  for (const lexicon of laterOpeningLexicons(head, tokenize)) add(`later-opens:${lexicon}@${location}`);
  // The last words may carry the order after a description: "..., fix please", "arréglalo".
  for (const lexicon of tailLexicons(words)) add(`tail:${lexicon}@${location}`);
  if (namesCode(head)) {
    add('names-code');
    add(`names-code@${location}`);
    // Named code changes what the words around it ask: "how do I test upload_report in
    // reports.py" plans tests for the user's code, "tips for writing readable tests" does not.
    if (asks) add(`names-code+asks@${location}`);
    for (const lexicon of matched) if (NAMED_CODE_LEXICONS.includes(lexicon)) add(`names-code+${lexicon}@${location}`);
  }
  if (talksOfNoCode(head, words, matched)) {
    add('no-code');
    add(`no-code@${location}`);
    // "explain quantum computing" over a selection asks about the world, "explain the regex" about the code.
    for (const lexicon of matched) add(`no-code+${lexicon}@${location}`);
  }
  if (createsUnit(words)) add(`creates-unit@${location}`);
  if (quotesError(head)) add(`quotes-error@${location}`);
  if (describesProject(words)) {
    add('describes-project');
    add(`describes-project@${location}`);
  }
  if (editsReferent(words)) {
    add('edits-referent');
    add(`edits-referent@${location}`);
  }
  // New code or code that exists: "add a method" against "add a null check", "sort the imports".
  const object = objectOfOpening(words);
  if (object) {
    add(`object:${object}@${location}`);
    // "get the current user" (an operation) and "sort the imports" differ from "make the function pure".
    for (const lexicon of opening) add(`object:${object}+${lexicon}@${location}`);
  }
  const made = thingMade(words);
  if (made) add(`makes:${made}@${location}`);
  if (namesPieceToWrite(words)) add(`piece-to-write@${location}`);
  if (addsToExisting(words)) add(`adds-to-existing@${location}`);
  if (ownsProject(words)) add(`owns-project@${location}`);
  if (pointsAtUnit(words)) add(`points-at-unit@${location}`);
  // A statement of what goes wrong (no question): a fix over a selection, a question in the side chat unless ordered.
  if (!asks && matched.includes('symptom')) add(`reports-symptom@${location}`);
  return features;
}

// Articles, prepositions and conjunctions: they say nothing of the work wanted. Leaving
// their word features out (round 8) raised cross-validated accuracy on all rows from
// 92.1% to 92.4% (three shuffles) and took "the async version" over a selection from
// an edit at 0.69 back under the unsure line (0.56).
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'at', 'with', 'by', 'from', 'into', 'and', 'or']);

/** An article, preposition or conjunction: counted in word pairs only, never as a word of its own. */
export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}

// "Build me a thing" reads as an object to make (a project, tests, a notebook)
// named together with a verb to make it or a stack to make it in.
const COMBINATIONS = [['project', 'create'], ['project', 'stack'], ['test', 'create'], ['notebook', 'create']];

// The intents whose meaning turns on whether the user's own code is named.
const NAMED_CODE_LEXICONS = ['test', 'doc', 'explain', 'summarize', 'fix', 'create', 'change', 'question'];

// How many closing words may hold a trailing order.
const TAIL_WORDS = 2;
const TAIL_LEXICONS = ['fix', 'change', 'explain', 'summarize', 'doc', 'test', 'create'];

function tailLexicons(words: readonly string[]): string[] {
  const tail = words.slice(-TAIL_WORDS);
  return TAIL_LEXICONS.filter((lexicon) => tail.some((word) => LEXICONS[lexicon].test(word)));
}

function lengthBucket(wordCount: number): string {
  if (wordCount <= 2) return 'tiny';
  if (wordCount <= 6) return 'short';
  if (wordCount <= 20) return 'medium';
  return 'long';
}

function charNgrams(word: string): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (const size of CHAR_NGRAM_SIZES) {
    for (let start = 0; start + size <= padded.length; start++) grams.push(padded.slice(start, start + size));
  }
  return grams;
}
