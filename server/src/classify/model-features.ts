// The features a loaded model scores for a request: the request's own (features.ts), and,
// for a model fitted with `unknownVerbsAsAnchors`, after each word it never learned that is
// a WordNet relative of one intent verb is read as that verb (wordnet-relatives.ts); with
// `unknownWordsAsNearest`, after each word it never learned is read as its nearest learned
// word in pre-trained word vectors (nearest-word.ts).
// Inference (kind-model.ts) and cross-validation (training/fit.ts) both call this, so
// held-out rows are read as live requests are.
import { kindFeatures, type Features } from './features';
import type { LoadedKindModel } from './model-format';
import type { ClassifyInput } from './types';
import { withUnknownVerbsAsAnchors } from './wordnet-relatives';
import { withUnknownWordsAsNearest } from './nearest-word';

export function modelFeatures(model: LoadedKindModel, input: ClassifyInput): Features {
  const knows = (word: string): boolean => model.linear.weights.has(`w:${word}`);
  let prompt = input.prompt ?? '';
  if (model.unknownVerbsAsAnchors) prompt = withUnknownVerbsAsAnchors(prompt, knows);
  if (model.unknownWordsAsNearest !== undefined) prompt = withUnknownWordsAsNearest(prompt, knows, model.unknownWordsAsNearest);
  return kindFeatures(prompt === input.prompt ? input : { ...input, prompt });
}
