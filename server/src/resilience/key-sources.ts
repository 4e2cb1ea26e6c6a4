import type { ProviderSettings } from '../../../shared/settings';
import { parseKeys } from './keys';

/**
 * Each provider's keys: the ones stored by the client (initializationOptions.apiKeys)
 * win; otherwise the provider's `apiKeyEnv` variable, which may list several keys
 * separated by commas. Providers with neither get an empty list (they are called without a key).
 */
export function resolveProviderKeys(
  providers: readonly ProviderSettings[],
  storedKeys: Readonly<Record<string, string | string[]>> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const provider of providers) {
    const stored = parseKeys(storedKeys?.[provider.id]);
    const fromEnv = provider.apiKeyEnv ? parseKeys(env[provider.apiKeyEnv]) : [];
    result.set(provider.id, stored.length > 0 ? stored : fromEnv);
  }
  return result;
}
