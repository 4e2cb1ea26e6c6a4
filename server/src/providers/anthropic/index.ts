// The `anthropic` provider type: api.anthropic.com unless the settings point elsewhere.
import type { ProviderSettings } from '../../../../shared/settings';
import type { ProviderClient } from '../types';
import { AnthropicChatClient } from './chat-client';

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export function createAnthropicClient(provider: ProviderSettings): ProviderClient {
  return new AnthropicChatClient(provider.id, provider.baseUrl ?? ANTHROPIC_BASE_URL);
}
