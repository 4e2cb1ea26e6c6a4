// ProviderClient for the OpenAI chat.completions API. Chat calls go over the raw
// transport (raw/): the adapter already builds the exact JSON of the API, and the SDK
// would only carry it, at several times the client work per call. The official SDK
// remains where it adds something: listing models (paginated), base URLs the raw
// transport does not take, and `LLM_ROUTER_OPENAI_TRANSPORT=sdk` (every call through
// it, e.g. to rule the raw transport out when a server misbehaves).
import type OpenAI from 'openai';
import { callOptions } from '../common/call-options';
import { SdkClientCache } from '../common/client-cache';
import { providerFailure } from '../common/failure-message';
import { requireAnswer } from '../common/require-answer';
import { aliveFor, runCall } from '../common/run-call';
import { requireToolArguments } from '../common/tool-calls';
import type { CallLimits, ChatRequest, ChatResponse, ProviderClient } from '../types';
import { classifyOpenAIError } from './classify-error';
import { complete } from './complete';
import { FixedTemperatureModels } from './fixed-temperature';
import { toChatParams, type TokenLimitParam } from './params';
import { createOpenAISdk } from './sdk';
import { RawTransport } from './raw/transport';
import { rawComplete, rawStream } from './raw/send';
import { streamCompletion } from './stream';

/** How chat calls reach the provider: the raw transport, or the official SDK. */
export type OpenAITransport = 'raw' | 'sdk';

export const TRANSPORT_ENV = 'LLM_ROUTER_OPENAI_TRANSPORT';

/** The raw transport unless the environment asks for the SDK or the base URL is one it does not take. */
export function defaultTransport(baseUrl: string, env: NodeJS.ProcessEnv = process.env): OpenAITransport {
  return env[TRANSPORT_ENV]?.trim().toLowerCase() === 'sdk' || !RawTransport.handles(baseUrl) ? 'sdk' : 'raw';
}

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
  /** Default: defaultTransport(baseUrl). */
  transport?: OpenAITransport;
}

export class OpenAIChatClient implements ProviderClient {
  private readonly clients: SdkClientCache<OpenAI>;
  private readonly fixedTemperature = new FixedTemperatureModels();
  /** Undefined when chat calls go through the SDK. */
  private readonly raw: RawTransport | undefined;

  constructor(private readonly options: OpenAIChatOptions) {
    this.clients = new SdkClientCache((apiKey) => createOpenAISdk(options.baseUrl, apiKey));
    const transport = options.transport ?? defaultTransport(options.baseUrl);
    this.raw = transport === 'raw' ? new RawTransport(options.baseUrl) : undefined;
  }

  /** Which transport chat calls take (the benchmark reports it). */
  get transport(): OpenAITransport {
    return this.raw ? 'raw' : 'sdk';
  }

  chat(request: ChatRequest, apiKey: string | undefined): Promise<ChatResponse> {
    const label = `${this.options.providerId}/${request.model}`;
    const { signal: callerSignal, timeoutMs } = request;
    return runCall({ label, signal: callerSignal, timeoutMs, apiKey, classify: classifyOpenAIError }, async (signal, alive) => {
      this.requireKey(label, apiKey);
      const countTokens = this.options.countTokensWhenStreamOmitsUsage;
      const sink = request.onDelta
        ? { onDelta: request.onDelta, onToolCallDelta: request.onToolCallDelta, onRefusalDelta: request.onRefusalDelta, alive: aliveFor(request, alive) }
        : undefined;
      const send = (withTemperature: boolean) => {
        const params = toChatParams(request, this.options.tokenLimitParam, withTemperature);
        if (this.raw) {
          return sink ? rawStream(this.raw, params, apiKey, signal, sink, countTokens) : rawComplete(this.raw, params, apiKey, signal);
        }
        const client = this.clients.get(apiKey);
        const options = callOptions(signal, request.timeoutMs);
        return sink ? streamCompletion(client, params, options, sink, countTokens) : complete(client, params, options);
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
    this.requireKey(label, apiKey);
    return this.clients.get(apiKey);
  }

  private requireKey(label: string, apiKey: string | undefined): void {
    if (apiKey === undefined && this.options.keyRequired) {
      throw providerFailure(label, 'auth', { detail: 'no API key configured' });
    }
  }
}
