// ProviderClient for the OpenAI chat.completions API, via the official SDK.
import type OpenAI from 'openai';
import { callOptions } from '../common/call-options';
import { SdkClientCache } from '../common/client-cache';
import { failureMessage } from '../common/failure-message';
import { requireAnswer } from '../common/require-answer';
import { runCall } from '../common/run-call';
import { requireToolArguments } from '../common/tool-calls';
import { ProviderError } from '../errors';
import type { CallLimits, ChatRequest, ChatResponse, ProviderClient } from '../types';
import { classifyOpenAIError } from './classify-error';
import { complete } from './complete';
import { FixedTemperatureModels } from './fixed-temperature';
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
  private readonly fixedTemperature = new FixedTemperatureModels();

  constructor(private readonly options: OpenAIChatOptions) {
    this.clients = new SdkClientCache((apiKey) => createOpenAISdk(options.baseUrl, apiKey));
  }

  chat(request: ChatRequest, apiKey: string | undefined): Promise<ChatResponse> {
    const label = `${this.options.providerId}/${request.model}`;
    const { signal: callerSignal, timeoutMs } = request;
    return runCall({ label, signal: callerSignal, timeoutMs, apiKey, classify: classifyOpenAIError }, async (signal) => {
      const client = this.clientFor(label, apiKey);
      const options = callOptions(signal, request.timeoutMs);
      const send = (withTemperature: boolean) => {
        const params = toChatParams(request, this.options.tokenLimitParam, withTemperature);
        return request.onDelta
          ? streamCompletion(client, params, options, { onDelta: request.onDelta, onToolCallDelta: request.onToolCallDelta }, this.options.countTokensWhenStreamOmitsUsage)
          : complete(client, params, options);
      };
      const response = await this.sendLearningTemperature(request.model, send);
      return requireToolArguments(requireAnswer(response, label, request.maxTokens), label);
    });
  }

  /** Sends with the temperature unless the model is known to refuse one; learns that from a refusal. */
  private async sendLearningTemperature(model: string, send: (withTemperature: boolean) => Promise<ChatResponse>): Promise<ChatResponse> {
    if (this.fixedTemperature.has(model)) return send(false);
    try {
      return await send(true);
    } catch (error) {
      // The refusal comes before any text, so the repeated call streams from the start.
      if (!this.fixedTemperature.learnFrom(model, error)) throw error;
      return send(false);
    }
  }

  listModels(apiKey: string | undefined, limits: CallLimits): Promise<string[]> {
    const label = `${this.options.providerId}/models`;
    return runCall({ label, ...limits, apiKey, classify: classifyOpenAIError }, async (signal) => {
      const ids: string[] = [];
      for await (const model of this.clientFor(label, apiKey).models.list(callOptions(signal, limits.timeoutMs))) ids.push(model.id);
      return ids;
    });
  }

  private clientFor(label: string, apiKey: string | undefined): OpenAI {
    if (apiKey === undefined && this.options.keyRequired) {
      throw new ProviderError('auth', failureMessage(label, 'auth', { detail: 'no API key configured' }));
    }
    return this.clients.get(apiKey);
  }
}
