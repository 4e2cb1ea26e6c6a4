// Turns LiteLLM's full price file (1.5 MB, 145 fields) into the small snapshot the
// server bundles: chat models only, prices converted from USD/token to USD/MTok.
import type { PriceEntry, PriceSnapshot } from '../snapshotTypes';

const TOKENS_PER_MILLION = 1_000_000;

interface LiteLlmEntry {
  mode?: unknown;
  litellm_provider?: unknown;
  input_cost_per_token?: unknown;
  output_cost_per_token?: unknown;
  cache_read_input_token_cost?: unknown;
  cache_creation_input_token_cost?: unknown;
  supports_reasoning?: unknown;
  supports_function_calling?: unknown;
  supports_vision?: unknown;
  supports_response_schema?: unknown;
  max_input_tokens?: unknown;
  max_output_tokens?: unknown;
}

function finiteNonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** USD/token -> USD/MTok, rounded to 6 significant digits to drop float noise (1.5e-7 * 1e6). */
function perMillion(usdPerToken: number | undefined): number | undefined {
  return usdPerToken === undefined ? undefined : Number((usdPerToken * TOKENS_PER_MILLION).toPrecision(6));
}

export function trimEntry(raw: LiteLlmEntry): PriceEntry | undefined {
  if (raw.mode !== 'chat' || typeof raw.litellm_provider !== 'string') return undefined;
  const entry: PriceEntry = {
    input: perMillion(finiteNonNegative(raw.input_cost_per_token)),
    output: perMillion(finiteNonNegative(raw.output_cost_per_token)),
    cacheRead: perMillion(finiteNonNegative(raw.cache_read_input_token_cost)),
    cacheWrite: perMillion(finiteNonNegative(raw.cache_creation_input_token_cost)),
    // Flags are kept only when true: LiteLLM's own supports_* helpers read a missing flag as false.
    ...(raw.supports_reasoning === true ? { reasoning: true as const } : {}),
    ...(raw.supports_function_calling === true ? { tools: true as const } : {}),
    ...(raw.supports_vision === true ? { vision: true as const } : {}),
    ...(raw.supports_response_schema === true ? { jsonSchema: true as const } : {}),
    context: positiveInteger(raw.max_input_tokens),
    maxOutput: positiveInteger(raw.max_output_tokens),
    provider: raw.litellm_provider,
  };
  const useful = [entry.input, entry.output, entry.context].some((v) => v !== undefined);
  // JSON.stringify drops undefined fields, which keeps the snapshot small.
  return useful ? entry : undefined;
}

export function trimPriceTable(full: Record<string, unknown>, source: string): PriceSnapshot {
  const models: Record<string, PriceEntry> = {};
  for (const [key, raw] of Object.entries(full)) {
    // Keys with a wildcard are commitment-pricing templates, not callable models.
    if (key.includes('*') || typeof raw !== 'object' || raw === null) continue;
    const entry = trimEntry(raw as LiteLlmEntry);
    if (entry) models[key] = entry;
  }
  return { source, models };
}
