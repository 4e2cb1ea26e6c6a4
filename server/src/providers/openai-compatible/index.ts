// The `openai-compatible` provider type (Ollama, LM Studio, vLLM, proxies): the OpenAI
// adapter pointed at the user's baseUrl, with the key optional, and token counts
// estimated (and flagged) for servers whose streams carry no usage.
import type { ProviderSettings } from '../../../../shared/settings';
import { providerFailure } from '../common/failure-message';
import { OpenAIChatClient, type OpenAITransport } from '../openai/chat-client';
import type { ProviderClient } from '../types';

export function createOpenAICompatibleClient(provider: ProviderSettings, transport?: OpenAITransport): ProviderClient {
  if (provider.baseUrl === undefined) return missingBaseUrl(provider.id);
  return new OpenAIChatClient({
    providerId: provider.id,
    baseUrl: provider.baseUrl,
    keyRequired: false,
    tokenLimitParam: 'max_tokens',
    countTokensWhenStreamOmitsUsage: true,
    transport,
  });
}

/** Guessing a server (api.openai.com with no key, or some local port) would only fail less clearly. */
function missingBaseUrl(providerId: string): ProviderClient {
  const fail = (label: string): never => {
    const detail = 'an openai-compatible provider needs a baseUrl in its settings';
    throw providerFailure(label, 'bad_request', { detail });
  };
  return {
    chat: async (request) => fail(`${providerId}/${request.model}`),
    listModels: async () => fail(`${providerId}/models`),
  };
}
