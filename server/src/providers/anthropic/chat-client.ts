// ProviderClient for Anthropic's Messages API, via the official SDK.
import type Anthropic from '@anthropic-ai/sdk';
import { callOptions } from '../common/call-options';
import { SdkClientCache } from '../common/client-cache';
import { failureMessage } from '../common/failure-message';
import { runCall } from '../common/run-call';
import { ProviderError } from '../errors';
import type { ChatRequest, ChatResponse, ProviderClient } from '../types';
import { classifyAnthropicError } from './classify-error';
import { complete } from './complete';
import { toMessageParams } from './params';
import { createAnthropicSdk } from './sdk';
import { streamMessage } from './stream';

export class AnthropicChatClient implements ProviderClient {
  private readonly clients: SdkClientCache<Anthropic, string>;

  constructor(
    private readonly providerId: string,
    baseUrl: string,
  ) {
    this.clients = new SdkClientCache((apiKey: string) => createAnthropicSdk(baseUrl, apiKey));
  }

  chat(request: ChatRequest, apiKey: string | undefined): Promise<ChatResponse> {
    const label = `${this.providerId}/${request.model}`;
    return runCall({ label, request, apiKey, classify: classifyAnthropicError }, async (signal) => {
      if (apiKey === undefined) {
        throw new ProviderError('auth', failureMessage(label, 'auth', { detail: 'no API key configured' }));
      }
      const client = this.clients.get(apiKey);
      const params = toMessageParams(request);
      const options = callOptions(signal, request.timeoutMs);
      return request.onDelta
        ? streamMessage(client, params, options, request.onDelta)
        : complete(client, params, options);
    });
  }
}
