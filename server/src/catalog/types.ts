import type { Kind } from '../../../shared/protocol';
import type { ProviderSettings } from '../../../shared/settings';

/** Everything routing needs to know about one configured model. */
export interface ModelInfo {
  /** `providerId/modelId`, the name used everywhere in the protocol. */
  ref: string;
  provider: ProviderSettings;
  modelId: string;
  /** USD per million tokens; undefined when no price is known (never silently 0). */
  inputUsdPerMTok: number | undefined;
  outputUsdPerMTok: number | undefined;
  /** USD per million prompt tokens read from the provider's prompt cache; undefined: no discount known. */
  cachedInputUsdPerMTok?: number;
  /** USD per million prompt tokens written to the provider's prompt cache (Anthropic's cache writes); undefined: the input price. */
  cacheWriteInputUsdPerMTok?: number;
  priceSource: 'settings' | 'price-table' | 'unknown';
  contextWindow: number;
  maxOutputTokens: number;
  /** The model reasons before answering, in output tokens that count against its output limit. */
  reasoning?: boolean;
  /** Expected quality 0..1 per kind: a prior from public leaderboards, overridable in settings. */
  quality: Record<Kind, number>;
  qualitySource: string;
  /** Prior guess of a typical response latency, before any request was observed. */
  latencyPriorMs: number;
}
