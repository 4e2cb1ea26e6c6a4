// Dense features from pre-trained word vectors (word-vectors.ts): where a request's words lie
// against each intent's direction. A word no training row holds still has a vector, so
// "elucidate this" leans the way "explain this" and "clarify this" do, instead of being
// decided by the selection alone.
import { intentSimilarities, VECTOR_INTENTS } from './word-vectors';
import { openingWord } from './opening';
import type { Features, Location } from './features';

/** Which vector features a model is fitted with (fit.ts `Hyperparameters.wordVectors`). */
export interface VectorFeatureOptions {
  /** The opening word's similarities (after lead-ins such as "please", "can you"). */
  head?: boolean;
  /** The highest similarity to each intent over the request's words. */
  max?: boolean;
  /** The mean similarity to each intent over the request's words that have a vector. */
  mean?: boolean;
  /** Also each feature joined to the location, as the word features are. */
  atLocation?: boolean;
  /** Multiplier of the similarities (cosines, mostly within -0.3..0.6); absent: 1. */
  scale?: number;
}

export function addVectorFeatures(
  features: Features,
  words: readonly string[],
  location: Location,
  options: VectorFeatureOptions,
  skip: (word: string) => boolean,
): void {
  const scale = options.scale ?? 1;
  const set = (name: string, value: number): void => {
    if (value === 0) return;
    features.set(name, value * scale);
    if (options.atLocation) features.set(`${name}@${location}`, value * scale);
  };
  if (options.head) {
    const head = openingWord(words);
    const similarities = head === undefined ? undefined : intentSimilarities(head);
    similarities?.forEach((similarity, i) => set(`vec-head:${VECTOR_INTENTS[i]}`, similarity));
  }
  if (!options.max && !options.mean) return;
  const known = words.filter((word) => !skip(word)).map(intentSimilarities).filter((s) => s !== undefined);
  if (known.length === 0) return;
  VECTOR_INTENTS.forEach((intent, i) => {
    if (options.max) set(`vec-max:${intent}`, Math.max(...known.map((s) => s[i])));
    if (options.mean) set(`vec-mean:${intent}`, known.reduce((sum, s) => sum + s[i], 0) / known.length);
  });
}

/** A dense vector feature (its value is a similarity, not presence). */
export function isVectorFeature(name: string): boolean {
  return name.startsWith('vec-');
}
