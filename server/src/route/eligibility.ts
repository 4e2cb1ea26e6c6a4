// Which configured models can take a request at all: it must fit their context window and
// they must support what it needs. Models whose support nobody knows stay in, marked, so
// routing can try them after the ones known to support it.
import type { ModelInfo } from '../catalog/types';
import { describeRequirement, meets, type Requirement } from './requirements';

export interface Exclusion {
  model: ModelInfo;
  /** Why it cannot take the request, in words that say what to set when settings can fix it. */
  why: string;
}

export interface Eligibility {
  eligible: ModelInfo[];
  /** Eligible models with some needed support unknown, and what is unknown. */
  uncertain: Map<ModelInfo, string[]>;
  excluded: Exclusion[];
}

export function sortOutModels(models: ModelInfo[], needTokens: number, requirements: Requirement[]): Eligibility {
  const eligible: ModelInfo[] = [];
  const uncertain = new Map<ModelInfo, string[]>();
  const excluded: Exclusion[] = [];
  for (const model of models) {
    const verdicts = requirements.map((r) => meets(model, r));
    const no = verdicts.flatMap((v) => (v.verdict === 'no' ? [v.why] : []));
    if (model.contextWindow < needTokens) no.unshift(`context window ${model.contextWindow} tokens`);
    if (no.length > 0) {
      excluded.push({ model, why: no.join('; ') });
      continue;
    }
    eligible.push(model);
    const unknown = verdicts.flatMap((v) => (v.verdict === 'unknown' ? [v.why] : []));
    if (unknown.length > 0) uncertain.set(model, unknown);
  }
  return { eligible, uncertain, excluded };
}

/** "it needs ~12000 tokens of context and tool calling" */
export function describeNeeds(needTokens: number, requirements: Requirement[], excluded: Exclusion[]): string {
  const needs = requirements.map(describeRequirement);
  if (excluded.some((e) => e.model.contextWindow < needTokens)) needs.unshift(`~${needTokens} tokens of context`);
  return needs.length === 0 ? 'nothing special' : needs.join(' and ');
}

export function describeExclusions(excluded: Exclusion[]): string {
  return excluded.map((e) => `${e.model.ref} (${e.why})`).join(', ');
}

/** The message of the error a request gets when no model (of `among`, e.g. an alias) can take it. */
export function noModelCanTake(needTokens: number, requirements: Requirement[], excluded: Exclusion[], among = 'configured model'): string {
  return (
    `No ${among} can take this request: it needs ${describeNeeds(needTokens, requirements, excluded)}; ` +
    `considered ${describeExclusions(excluded)}.`
  );
}

/** The message of the error a request forced onto a model that cannot take it gets. */
export function forcedModelCannotTake(needTokens: number, requirements: Requirement[], unfit: Exclusion): string {
  return `The requested model ${unfit.model.ref} cannot take this request: it needs ${describeNeeds(needTokens, requirements, [unfit])} (${unfit.why}).`;
}
