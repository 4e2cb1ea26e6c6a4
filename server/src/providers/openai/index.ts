// The `openai` provider type: api.openai.com unless the settings point elsewhere.
import type { ProviderSettings } from '../../../../shared/settings';
import type { ProviderClient } from '../types';
import { OpenAIChatClient, type OpenAITransport } from './chat-client';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** `transport`: default the raw one where it applies (see chat-client.ts). */
export function createOpenAIClient(provider: ProviderSettings, transport?: OpenAITransport): ProviderClient {
  return new OpenAIChatClient({
    providerId: provider.id,
    baseUrl: provider.baseUrl ?? OPENAI_BASE_URL,
    keyRequired: true,
    tokenLimitParam: 'max_completion_tokens',
    countTokensWhenStreamOmitsUsage: false,
    transport,
  });
}
