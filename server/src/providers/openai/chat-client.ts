// ProviderClient for the OpenAI chat.completions API, via the official SDK.
import type OpenAI from 'openai';
import { callOptions } from '../common/call-options';
import { SdkClientCache } from '../common/client-cache';
import { failureMessage } from '../common/failure-message';
import { runCall } from '../common/run-call';
import { ProviderError } from '../errors';
import type { ChatRequest, ChatResponse, ProviderClient } from '../types';
import { classifyOpenAIError } from './classify-error';
import { complete } from './complete';
import { toChatParams, type TokenLimitParam } from './params';
import { createOpenAISdk } from './sdk';
import { streamCompletion } from './stream';

export interface OpenAIChatOptions {
  providerId: string;
  baseUrl: string;
  /** False for local servers (Ollama, LM Studio, vLLM) that take requests without a key. */
  keyRequired: boolean;
  tokenLimitParam: TokenLimitParam;
  /**
   * What a stream that ends without usage means. The OpenAI API always sends it when
   * asked, so there it is a malformed reply; some local servers never send it, and
   * failing every streamed answer from them (and paying a fallback model instead)
   * helps no one, so for those the tokens are counted here and flagged as estimated.
   */
  countTokensWhenStreamOmitsUsage: boolean;
}

export class OpenAIChatClient implements ProviderClient {
  private readonly clients: SdkClientCache<OpenAI>;

  constructor(private readonly options: OpenAIChatOptions) {
    this.clients = new SdkClientCache((apiKey) => createOpenAISdk(options.baseUrl, apiKey));
  }

  chat(request: ChatRequest, apiKey: string | undefined): Promise<ChatResponse> {
    const label = `${this.options.providerId}/${request.model}`;
    return runCall({ label, request, apiKey, classify: classifyOpenAIError }, async (signal) => {
      if (apiKey === undefined && this.options.keyRequired) {
        throw new ProviderError('auth', failureMessage(label, 'auth', { detail: 'no API key configured' }));
      }
      const client = this.clients.get(apiKey);
      const params = toChatParams(request, this.options.tokenLimitParam);
      const options = callOptions(signal, request.timeoutMs);
      return request.onDelta
        ? streamCompletion(client, params, options, request.onDelta, this.options.countTokensWhenStreamOmitsUsage)
        : complete(client, params, options);
    });
  }
}
