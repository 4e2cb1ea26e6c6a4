// Builds the official Anthropic SDK client the way the router needs it.
import type Anthropic from '@anthropic-ai/sdk';
import { boundedFetch } from './bounded-fetch';
import { anthropicSdk } from './load-sdk';

export function createAnthropicSdk(baseUrl: string, apiKey: string): Anthropic {
  return new (anthropicSdk().Anthropic)({
    // An explicit key (and base URL) keeps the SDK from reading ANTHROPIC_* environment variables.
    apiKey,
    baseURL: baseUrl,
    // The router retries and falls back itself; SDK retries would hide failures and double waits.
    maxRetries: 0,
    // The server's stdout carries JSON-RPC; failures reach the user through ProviderError instead.
    logLevel: 'off',
    // Replies are read only up to limits far above any real one (bounded-fetch.ts).
    fetch: boundedFetch(),
  });
}
