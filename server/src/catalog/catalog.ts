// The catalog: every configured model with its price, context window and quality prior.
// Pure and cheap (lookup maps are built at module load), so it is rebuilt on every
// settings change.
import { KINDS, type AttemptBill, type Kind } from '../../../shared/protocol';
import type { ProviderSettings } from '../../../shared/settings';
import { describeModel } from './describeModel';
import type { ModelInfo } from './types';

const TOKENS_PER_MILLION = 1_000_000;

export interface Catalog {
  models: ModelInfo[];
  warnings: string[];
}

export function buildCatalog(providers: ProviderSettings[]): Catalog {
  const models: ModelInfo[] = [];
  const warnings: string[] = [];
  const seenRefs = new Set<string>();
  providers.forEach((provider, providerIndex) => {
    provider.models.forEach((settings, modelIndex) => {
      const ref = `${provider.id}/${settings.id}`;
      // Two entries for one ref would make routing and the ledger ambiguous.
      if (seenRefs.has(ref)) {
        warnings.push(`"${ref}" is listed twice in llmRouter.providers[${providerIndex}].models; only the first entry is used.`);
        return;
      }
      seenRefs.add(ref);
      const described = describeModel(provider, providerIndex, settings, modelIndex);
      models.push(described.model);
      warnings.push(...described.warnings);
    });
  });
  return { models, warnings };
}

/**
 * What a call cost in USD, or undefined when either price is unknown (never a silent $0). `cachedInputTokens` and `cacheWriteInputTokens` (both part of
 * `inputTokens`) are prompt tokens the provider reports it read from and wrote to its
 * prompt cache: reads are billed at the cached price, which never counts above the plain
 * input price whatever a table or a setting says; writes at the cache-write price
 * (Anthropic's is above the input price).
 */
export function costUsd(
  model: ModelInfo,
  inputTokens: number,
  outputTokens: number,
  cachedInputTokens = 0,
  cacheWriteInputTokens = 0,
): number | undefined {
  if (model.inputUsdPerMTok === undefined || model.outputUsdPerMTok === undefined) return undefined;
  const cached = Math.min(Math.max(cachedInputTokens, 0), inputTokens);
  const written = Math.min(Math.max(cacheWriteInputTokens, 0), inputTokens - cached);
  const input =
    model.inputUsdPerMTok * (inputTokens - cached - written) +
    (cachedInputPrice(model) ?? model.inputUsdPerMTok) * cached +
    (cacheWriteInputPrice(model) ?? model.inputUsdPerMTok) * written;
  return (input + model.outputUsdPerMTok * outputTokens) / TOKENS_PER_MILLION;
}

/** USD per million prompt tokens read from the provider's cache: the cached price, never above the input price. */
export function cachedInputPrice(model: ModelInfo): number | undefined {
  if (model.inputUsdPerMTok === undefined) return undefined;
  return Math.min(model.cachedInputUsdPerMTok ?? model.inputUsdPerMTok, model.inputUsdPerMTok);
}

/** USD per million prompt tokens written to the provider's cache: its own price when known, else the input price. */
export function cacheWriteInputPrice(model: ModelInfo): number | undefined {
  if (model.inputUsdPerMTok === undefined) return undefined;
  return model.cacheWriteInputUsdPerMTok ?? model.inputUsdPerMTok;
}

/** Token counts a provider reported for a call, cache parts included. */
export interface ReportedTokens {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** The largest token count a call to `model` can plausibly be billed for: past it, a report is corrupt. */
export function plausibleTokenCeiling(model: ModelInfo, promptTokens: number): number {
  return 2 * Math.max(model.contextWindow, promptTokens);
}

/**
 * What a failed call the provider reported usage for was billed (see Attempt.billed). A count
 * past twice the model's context window is a corrupt report (pipeline/trusted-usage.ts): each
 * count is then held to the context window and the bill flagged as an estimate.
 */
export function reportedBill(model: ModelInfo, usage: ReportedTokens): AttemptBill {
  const ceiling = plausibleTokenCeiling(model, 0);
  if (usage.inputTokens > ceiling || usage.outputTokens > ceiling) {
    const inputTokens = Math.min(usage.inputTokens, model.contextWindow);
    const outputTokens = Math.min(usage.outputTokens, model.contextWindow);
    const cost = costUsd(model, inputTokens, outputTokens);
    return { inputTokens, outputTokens, ...(cost === undefined ? {} : { costUsd: cost }) };
  }
  const cost = costUsd(model, usage.inputTokens, usage.outputTokens, usage.cachedInputTokens, usage.cacheWriteInputTokens);
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, ...(cost === undefined ? {} : { costUsd: cost }), reported: true };
}

function meanQuality(model: ModelInfo): number {
  return KINDS.reduce((sum, kind) => sum + model.quality[kind], 0) / KINDS.length;
}

/** The model with the highest quality prior for `kind` (mean over kinds when omitted); first wins ties. */
export function strongestModel(models: ModelInfo[], kind?: Kind): ModelInfo | undefined {
  const score = (model: ModelInfo) => (kind ? model.quality[kind] : meanQuality(model));
  let strongest: ModelInfo | undefined;
  for (const model of models) {
    if (!strongest || score(model) > score(strongest)) strongest = model;
  }
  return strongest;
}
