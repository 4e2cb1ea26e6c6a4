// ProviderClient for Anthropic's Messages API, via the official SDK.
import type Anthropic from '@anthropic-ai/sdk';
import { callOptions } from '../common/call-options';
import { SdkClientCache } from '../common/client-cache';
import { providerFailure } from '../common/failure-message';
import { requireAnswer } from '../common/require-answer';
import { aliveFor, runCall } from '../common/run-call';
import { requireToolArguments } from '../common/tool-calls';
import type { CallLimits, ChatRequest, ChatResponse, ProviderClient } from '../types';
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
    const { signal: callerSignal, timeoutMs } = request;
    return runCall({ label, signal: callerSignal, timeoutMs, apiKey, classify: classifyAnthropicError }, async (signal, alive) => {
      const client = this.clientFor(label, apiKey);
      const { params, jsonTool } = toMessageParams(request);
      const options = callOptions(signal, request.timeoutMs);
      const response = request.onDelta
        ? await streamMessage(client, params, options, { onDelta: request.onDelta, onToolCallDelta: request.onToolCallDelta, alive: aliveFor(request, alive) }, jsonTool)
        : await complete(client, params, options, jsonTool);
      return requireToolArguments(requireAnswer(response, label, request.maxTokens), label);
    });
  }

  listModels(apiKey: string | undefined, limits: CallLimits): Promise<string[]> {
    const label = `${this.providerId}/models`;
    return runCall({ label, ...limits, apiKey, classify: classifyAnthropicError }, async (signal) => {
      const ids: string[] = [];
      for await (const model of this.clientFor(label, apiKey).models.list({}, callOptions(signal, limits.timeoutMs))) ids.push(model.id);
      return ids;
    });
  }

  private clientFor(label: string, apiKey: string | undefined): Anthropic {
    if (apiKey === undefined) {
      throw providerFailure(label, 'auth', { detail: 'no API key configured' });
    }
    return this.clients.get(apiKey);
  }
}
