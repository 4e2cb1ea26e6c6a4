import type { Kind } from '../../../shared/protocol';
import type { ProviderSettings } from '../../../shared/settings';

/** What a request may need of a model beyond text in, text out. */
export const CAPABILITIES = ['tools', 'vision', 'jsonSchema'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A capability someone vouched for, either way: the user's settings or the price table. */
export interface KnownCapability {
  supported: boolean;
  from: 'settings' | 'price-table';
}

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
  /** Who said whether it reasons; absent: nobody (a model the price table does not list, no setting). */
  reasoningFrom?: 'settings' | 'price-table';
  /** Expected quality 0..1 per kind: a prior from public leaderboards, overridable in settings. */
  quality: Record<Kind, number>;
  qualitySource: string;
  /** Per kind, the public result behind its quality in plain words, or the stated estimate used for lack of one. */
  qualitySourceByKind?: Partial<Record<Kind, string>>;
  /** Prior guess of a typical response latency, before any request was observed. */
  latencyPriorMs: number;
  /**
   * What the model is known to support. A capability absent here is unknown (a model the
   * price table does not list and settings do not describe): routing tries such a model
   * after the ones known to have it, never instead of them.
   */
  capabilities?: Partial<Record<Capability, KnownCapability>>;
  /** Where its settings live, as a user sees them: `llmRouter.providers[2].models[0]`. */
  settingsPath?: string;
}
