// Picks the adapter for a configured provider.
import type { ProviderSettings } from '../../../shared/settings';
import { createAnthropicClient } from './anthropic';
import { createOpenAIClient } from './openai';
import { createOpenAICompatibleClient } from './openai-compatible';
import type { ProviderClient } from './types';

/**
 * One client per provider; it keeps one SDK client per API key inside, so create it once
 * per settings change, not per request.
 */
export function createProviderClient(provider: ProviderSettings): ProviderClient {
  switch (provider.type) {
    case 'openai':
      return createOpenAIClient(provider);
    case 'anthropic':
      return createAnthropicClient(provider);
    case 'openai-compatible':
      return createOpenAICompatibleClient(provider);
  }
}
