// Builds the ModelInfo of one configured model: settings first, then the price table,
// then the quality priors, and a warning for every guess a user should know about.
import { KINDS, type Kind } from '../../../shared/protocol';
import type { ModelSettings, ProviderSettings } from '../../../shared/settings';
import { qualityByKind } from './kindQuality';
import { findPrice } from './priceTable';
import { isLocalEndpoint } from './providerEndpoint';
import { strengthPrior } from './strengthPrior';
import type { PriceEntry } from './snapshotTypes';
import { CAPABILITIES, type Capability, type KnownCapability, type ModelInfo } from './types';

export const DEFAULT_CONTEXT_WINDOW = 8192;
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

export interface DescribedModel {
  model: ModelInfo;
  warnings: string[];
}

/** Where a model's settings live, as the user sees them: `llmRouter.providers[2].models[0]`. */
function settingsPath(providerIndex: number, modelIndex: number): string {
  return `llmRouter.providers[${providerIndex}].models[${modelIndex}]`;
}

/** Whether a catalog warning is the one about a missing price (it names the setting to fix). */
export function isPriceWarning(warning: string): boolean {
  return /^No (input |output )?price known for "/.test(warning);
}

function priceWarning(ref: string, path: string, input: number | undefined, output: number | undefined): string | undefined {
  let missing: string;
  let fields: string;
  if (input === undefined && output === undefined) [missing, fields] = ['price', 'inputUsdPerMTok/outputUsdPerMTok'];
  else if (input === undefined) [missing, fields] = ['input price', 'inputUsdPerMTok'];
  else if (output === undefined) [missing, fields] = ['output price', 'outputUsdPerMTok'];
  else return undefined;
  return (
    `No ${missing} known for "${ref}"; set ${path}.${fields} (use 0 for a free local model). ` +
    `Its cost is counted as unknown, not $0.`
  );
}

/**
 * Settings win per capability; a model the price table lists supports what its flags say
 * (a missing flag is a no, as LiteLLM itself reads it); a model it does not list leaves the
 * capability unknown rather than guessed.
 */
function capabilitiesOf(settings: ModelSettings, table: PriceEntry | undefined): Partial<Record<Capability, KnownCapability>> {
  const known: Partial<Record<Capability, KnownCapability>> = {};
  for (const capability of CAPABILITIES) {
    const set = settings.capabilities?.[capability];
    if (set !== undefined) known[capability] = { supported: set, from: 'settings' };
    else if (table) known[capability] = { supported: table[capability] === true, from: 'price-table' };
  }
  return known;
}

function overriddenKinds(settings: ModelSettings): Kind[] {
  return KINDS.filter((kind) => settings.quality?.[kind] !== undefined);
}

export function describeModel(
  provider: ProviderSettings,
  providerIndex: number,
  settings: ModelSettings,
  modelIndex: number,
): DescribedModel {
  const ref = `${provider.id}/${settings.id}`;
  const path = settingsPath(providerIndex, modelIndex);
  const match = findPrice(provider, settings.id);
  const table = match?.entry;
  const warnings: string[] = [];

  // Per field: a user's price beats the table's, the table's beats nothing.
  const inputUsdPerMTok = settings.inputUsdPerMTok ?? table?.input;
  const outputUsdPerMTok = settings.outputUsdPerMTok ?? table?.output;
  const priceMissing = priceWarning(ref, path, inputUsdPerMTok, outputUsdPerMTok);
  if (priceMissing) warnings.push(priceMissing);
  const fromSettings = settings.inputUsdPerMTok !== undefined || settings.outputUsdPerMTok !== undefined;
  const priceSource = priceMissing ? 'unknown' : fromSettings ? 'settings' : 'price-table';

  const contextWindow = settings.contextWindow ?? table?.context ?? DEFAULT_CONTEXT_WINDOW;
  if (settings.contextWindow === undefined && table?.context === undefined) {
    warnings.push(
      `No context window known for "${ref}"; assuming ${DEFAULT_CONTEXT_WINDOW} tokens. ` +
        `Set ${path}.contextWindow if it takes more.`,
    );
  }

  const prior = strengthPrior({ modelId: settings.id, priceKey: match?.key, outputUsdPerMTok, isLocal: isLocalEndpoint(provider) });
  const quality = qualityByKind(prior.strength, prior.refactorStrength);
  const qualitySourceByKind = { ...prior.sourceByKind };
  const overrides = overriddenKinds(settings);
  for (const kind of overrides) {
    quality[kind] = settings.quality?.[kind] ?? quality[kind];
    qualitySourceByKind[kind] = 'set in settings';
  }
  // Name the source a user can act on: settings win wherever they speak.
  const qualitySource =
    overrides.length === KINDS.length
      ? 'set in settings'
      : overrides.length > 0
        ? `settings for ${overrides.join(', ')}; otherwise ${prior.source}`
        : prior.source;

  const cachedInputUsdPerMTok = settings.cachedInputUsdPerMTok ?? table?.cacheRead;
  const cacheWriteInputUsdPerMTok = settings.cacheWriteInputUsdPerMTok ?? table?.cacheWrite;
  const reasoning = settings.reasoning ?? table?.reasoning ?? false;
  const reasoningFrom = settings.reasoning !== undefined ? 'settings' : table ? 'price-table' : undefined;
  const model: ModelInfo = {
    ref,
    provider,
    modelId: settings.id,
    inputUsdPerMTok,
    outputUsdPerMTok,
    priceSource,
    contextWindow,
    maxOutputTokens: Math.min(table?.maxOutput ?? DEFAULT_MAX_OUTPUT_TOKENS, contextWindow),
    ...(cachedInputUsdPerMTok === undefined ? {} : { cachedInputUsdPerMTok }),
    ...(cacheWriteInputUsdPerMTok === undefined ? {} : { cacheWriteInputUsdPerMTok }),
    ...(reasoning ? { reasoning } : {}),
    ...(reasoningFrom ? { reasoningFrom } : {}),
    quality,
    qualitySource,
    qualitySourceByKind,
    latencyPriorMs: prior.latencyMs,
    capabilities: capabilitiesOf(settings, table),
    settingsPath: path,
  };
  return { model, warnings };
}
