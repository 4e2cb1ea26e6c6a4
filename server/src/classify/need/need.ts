// "Does this request need a stronger model?", learned from public routing outcomes
// (data/routellm: which prompts GPT-4 got right and Mixtral did not) by
// scripts/train-need.ts. The weights are bundled and loaded once, by the first score
// (a server that scores nothing does not hold them); scoring is one pass over the
// prompt's head, no I/O.
import { calibrate, loadNeedModel, rawNeed, type NeedModel, type SavedNeedModel } from './model-format';

let loaded: NeedModel | undefined;

function needModel(): NeedModel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= loadNeedModel(require('./need-model.json') as SavedNeedModel);
  return loaded;
}

export interface NeedScore {
  /** 0..1: the share of the training prompts that needed the strong model less. */
  score: number;
  /** Expected quality gained by the strong model over the weak one (0..1 scale). */
  raw: number;
}

export function predictNeed(prompt: string): NeedScore {
  const model = needModel();
  const raw = rawNeed(model, prompt);
  return { score: calibrate(model.quantiles, raw), raw };
}
