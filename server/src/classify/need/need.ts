// "Does this request need a stronger model?", learned from public routing outcomes
// (data/routellm: which prompts GPT-4 got right and Mixtral did not) by
// scripts/train-need.ts. The weights are bundled and loaded once, when the module
// loads; scoring is one pass over the prompt's head, no I/O.
import savedModel from './need-model.json';
import { calibrate, loadNeedModel, rawNeed, type NeedModel, type SavedNeedModel } from './model-format';

const model: NeedModel = loadNeedModel(savedModel as SavedNeedModel);

export interface NeedScore {
  /** 0..1: the share of the training prompts that needed the strong model less. */
  score: number;
  /** Expected quality gained by the strong model over the weak one (0..1 scale). */
  raw: number;
}

export function predictNeed(prompt: string): NeedScore {
  const raw = rawNeed(model, prompt);
  return { score: calibrate(model.quantiles, raw), raw };
}
