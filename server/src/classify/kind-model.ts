// The trained kind model, loaded once, by the first prediction (model.json is bundled,
// so nothing is read from disk per request; a server that classifies nothing does not
// hold it), and the readable cue that drove each prediction.
import { KINDS, type Kind } from '../../../shared/protocol';
import { modelFeatures } from './model-features';
import { locationOf, promptWords, wordFeatures, type Location } from './features';
import { lexiconsOfWord } from './lexicons';
import { misspelledLexicons } from './typos';
import { classProbabilities, kindProbabilities, loadKindModel, type LoadedKindModel, type SavedKindModel } from './model-format';
import type { ClassifyInput } from './types';

let loaded: LoadedKindModel | undefined;

function kindModel(): LoadedKindModel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= loadKindModel(require('./model.json') as SavedKindModel);
  return loaded;
}

// A cue must widen the winning margin by at least this much (in logits) to be
// worth naming; below it, no single word really decided.
const MIN_CUE_STRENGTH = 0.3;

// Words that may tip the model but mean nothing to a reader as "the reason".
const FILLER_WORDS = new Set(
  ['a', 'an', 'the', 'to', 'of', 'for', 'in', 'on', 'at', 'and', 'or', 'me', 'my', 'i', 'you', 'with', 'be', 'please'],
);

export interface KindPrediction {
  kind: Kind;
  probability: number;
  /** The word or phrase that most supported the kind, when one stands out. */
  cue?: string;
}

export function predictKind(input: ClassifyInput): KindPrediction {
  const model = kindModel();
  const features = modelFeatures(model, input);
  const perClass = classProbabilities(model, features);
  const byKind = kindProbabilities(model, perClass);
  const kind = KINDS.reduce((best, candidate) => (byKind[candidate] > byKind[best] ? candidate : best));
  return { kind, probability: byKind[kind], cue: strongestCue(promptWords(input.prompt ?? ''), locationOf(input), perClass, kind) };
}

/**
 * The word or word pair that most favours the kind. A feature favours it by its
 * value x (its weight for the kind's most likely class - its probability-weighted
 * mean weight over the classes of other kinds): how much it widens the winning
 * margin. A word gathers its own features (alone and where it was said), its
 * char n-grams, and the word lists it belongs to.
 */
function strongestCue(words: readonly string[], location: Location, probabilities: readonly number[], kind: Kind): string | undefined {
  const model = kindModel();
  let top = -1;
  let othersMass = 0;
  model.classKinds.forEach((classKind, c) => {
    if (classKind !== kind) othersMass += probabilities[c];
    else if (top === -1 || probabilities[c] > probabilities[top]) top = c;
  });
  if (top === -1 || othersMass === 0) return undefined;
  const margin = (name: string): number => {
    const row = model.linear.weights.get(name);
    if (!row) return 0;
    const othersMean = row.reduce((sum, weight, c) => (model.classKinds[c] === kind ? sum : sum + weight * probabilities[c]), 0);
    return row[top] - othersMean / othersMass;
  };
  let best: { phrase: string; strength: number } | undefined;
  const consider = (phrase: string, strength: number): void => {
    if (strength >= MIN_CUE_STRENGTH && (!best || strength > best.strength)) best = { phrase, strength };
  };
  words.forEach((word, i) => {
    if (!FILLER_WORDS.has(word)) consider(word, ownFeatures(word, location).reduce((sum, [name, value]) => sum + value * margin(name), 0));
    if (i > 0 && !(FILLER_WORDS.has(words[i - 1]) && FILLER_WORDS.has(word))) {
      consider(`${words[i - 1]} ${word}`, margin(`b:${words[i - 1]} ${word}`));
    }
  });
  return best?.phrase;
}

function ownFeatures(word: string, location: Location): Array<[string, number]> {
  const lexicons = lexiconsOfWord(word, misspelledLexicons);
  return [
    ...wordFeatures(word),
    [`w:${word}@${location}`, 1],
    ...lexicons.flatMap((lexicon): Array<[string, number]> => [[`lex:${lexicon}`, 1], [`lex:${lexicon}@${location}`, 1]]),
  ];
}
