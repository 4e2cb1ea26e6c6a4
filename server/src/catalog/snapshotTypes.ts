// Shapes of the two generated data files the catalog ships (prices.json, quality.json).
// The build scripts write them and the catalog reads them, so both sides share these.

/**
 * One chat model of the trimmed LiteLLM table. Field names are short because they repeat
 * in ~2,300 entries of a bundled file.
 */
export interface PriceEntry {
  /** USD per million input tokens. */
  input?: number;
  /** USD per million output tokens. */
  output?: number;
  /** USD per million input tokens read from the provider's prompt cache (LiteLLM's cache_read_input_token_cost). */
  cacheRead?: number;
  /** USD per million input tokens written to the provider's prompt cache (LiteLLM's cache_creation_input_token_cost). */
  cacheWrite?: number;
  /** LiteLLM's supports_reasoning: the model thinks before it answers, in output tokens. */
  reasoning?: true;
  /** LiteLLM's supports_function_calling: the model calls tools. */
  tools?: true;
  /** LiteLLM's supports_vision: the model reads images. */
  vision?: true;
  /** LiteLLM's supports_response_schema: the model answers in JSON that follows a given schema. */
  jsonSchema?: true;
  /** Context window: LiteLLM's max_input_tokens. */
  context?: number;
  maxOutput?: number;
  /** LiteLLM's `litellm_provider`, e.g. `openai`, `openrouter`, `ollama`. */
  provider: string;
}

export interface PriceSnapshot {
  source: string;
  /** Keyed by the LiteLLM model key, e.g. `gpt-4o` or `openrouter/openai/gpt-4o`. */
  models: Record<string, PriceEntry>;
}

/** A linear fit y = intercept + slope * x, with its sample size and correlation. */
export interface LinearFit {
  intercept: number;
  slope: number;
  samples: number;
  correlation: number;
}

export interface BenchmarkedModel {
  /** Code-editing strength 0..1 on the common (edit-leaderboard) scale. */
  strength: number;
  /** aider refactor-board pass rate put on the common scale (refactorToEditScale), when it was on it. */
  refactorStrength?: number;
  /** Expected time of one typical response, scaled down from aider's seconds per case. */
  latencyMs: number;
  /** Human-readable provenance, e.g. `aider polyglot 2025-08-25 gpt-5 (medium): 86.7%`. */
  source: string;
  /** The result behind each figure, in plain words: `aider refactor board: 49.4% pass, run gpt-4o-2024-08-06 of 2024-08-06`. */
  evidence: { code: string; refactor?: string };
}

export interface PriceTierLatency {
  /** Output price upper bound (exclusive) in USD per million tokens; null = no bound. */
  belowOutputUsdPerMTok: number | null;
  latencyMs: number;
}

export interface QualitySnapshot {
  source: string;
  /** strength = intercept + slope * sqrt(polyglot pass rate): puts polyglot on the edit scale. */
  polyglotToEditScale: LinearFit;
  /** refactor strength = intercept + slope * refactor pass rate: puts the refactor board on the edit scale. */
  refactorToEditScale: LinearFit;
  /** strength = intercept + slope * log10(output USD/MTok), fitted on polyglot models. */
  strengthByLogOutputPrice: LinearFit & { minStrength: number; maxStrength: number };
  /** Median strength of local (Ollama) runs on the edit leaderboard. */
  localModelStrength: number;
  /** Median strength of all benchmarked models, for a remote model with neither score nor price. */
  unknownModelStrength: number;
  localModelLatencyMs: number;
  latencyByPriceTier: PriceTierLatency[];
  /** Keyed by canonicalModelName(); pinned and alias names both appear. */
  models: Record<string, BenchmarkedModel>;
}
