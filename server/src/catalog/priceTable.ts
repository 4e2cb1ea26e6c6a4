// Looks configured models up in the bundled LiteLLM price snapshot (prices.json).
import type { ProviderSettings } from '../../../shared/settings';
import { withoutVendorPath, withoutVersionSuffix } from './modelNames';
import prices from './prices.json';
import { priceKeyPrefixes } from './providerEndpoint';
import type { PriceEntry, PriceSnapshot } from './snapshotTypes';

export interface PriceMatch {
  /** The price-table key that matched, e.g. `openrouter/openai/gpt-4o`. */
  key: string;
  entry: PriceEntry;
}

// Built once at module load: buildCatalog runs on every settings change.
const byLowerCaseKey = new Map<string, PriceMatch>(
  Object.entries((prices as PriceSnapshot).models).map(([key, entry]) => [key.toLowerCase(), { key, entry }]),
);

export const priceTableSource: string = (prices as PriceSnapshot).source;
export const priceTableSize: number = byLowerCaseKey.size;

/**
 * Spellings of the id, most faithful first: as given, without a version suffix
 * (`-20241022`, `:latest`), without a vendor path (`openai/gpt-4o` on a reseller costs what
 * the vendor charges when the reseller is not in the table), and without both.
 */
function idVariants(modelId: string): string[] {
  const vendorless = withoutVendorPath(modelId);
  const variants = [modelId, withoutVersionSuffix(modelId), vendorless, vendorless && withoutVersionSuffix(vendorless)];
  return [...new Set(variants.filter((v): v is string => v !== undefined))];
}

export function candidatePriceKeys(provider: ProviderSettings, modelId: string): string[] {
  const prefixes = priceKeyPrefixes(provider);
  return idVariants(modelId).flatMap((id) => prefixes.map((prefix) => `${prefix}${id}`.toLowerCase()));
}

/**
 * The first candidate with both prices; failing that, the first with any entry (it may
 * still know the context window). Undefined when the table has nothing.
 */
export function findPrice(provider: ProviderSettings, modelId: string): PriceMatch | undefined {
  let firstMatch: PriceMatch | undefined;
  for (const key of candidatePriceKeys(provider, modelId)) {
    const match = byLowerCaseKey.get(key);
    if (!match) continue;
    if (match.entry.input !== undefined && match.entry.output !== undefined) return match;
    firstMatch ??= match;
  }
  return firstMatch;
}
