// Hand-built catalog entries for selection tests: prices and priors chosen so the
// expected choice is obvious from the numbers.
import { KINDS, type Kind } from '../../../shared/protocol';
import type { ModelInfo } from '../../../server/src/catalog/types';

export function model(ref: string, inPrice: number | undefined, outPrice: number | undefined, quality: number, extra: Partial<ModelInfo> = {}): ModelInfo {
  const [providerId, modelId] = ref.split('/');
  return {
    ref,
    provider: { id: providerId, type: 'openai-compatible', models: [{ id: modelId }] },
    modelId,
    inputUsdPerMTok: inPrice,
    outputUsdPerMTok: outPrice,
    priceSource: inPrice === undefined ? 'unknown' : 'settings',
    contextWindow: 128_000,
    maxOutputTokens: 4096,
    quality: Object.fromEntries(KINDS.map((k) => [k, quality])) as Record<Kind, number>,
    qualitySource: 'test',
    latencyPriorMs: 1000,
    ...extra,
  };
}

export const CHEAP = model('p/cheap', 0.1, 0.4, 0.55);
export const MID = model('p/mid', 1, 4, 0.72);
export const STRONG = model('p/strong', 5, 25, 0.92);
