// Builds the official OpenAI SDK client the way the router needs it.
import type OpenAI from 'openai';
import { openaiSdk } from './load-sdk';

/**
 * Sent when a local server needs no key: the SDK refuses to start without one and
 * must not fall back to OPENAI_API_KEY, which belongs to another provider.
 */
const NO_KEY_PLACEHOLDER = 'no-key';

export function createOpenAISdk(baseUrl: string, apiKey: string | undefined): OpenAI {
  return new (openaiSdk().OpenAI)({
    apiKey: apiKey ?? NO_KEY_PLACEHOLDER,
    // Explicit values stop the SDK from reading OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_BASE_URL.
    baseURL: baseUrl,
    organization: null,
    project: null,
    adminAPIKey: null,
    // The router retries and falls back itself; SDK retries would hide failures and double waits.
    maxRetries: 0,
    // The server's stdout carries JSON-RPC; failures reach the user through ProviderError instead.
    logLevel: 'off',
    // Without a key, send no Authorization header at all rather than the placeholder.
    defaultHeaders: apiKey === undefined ? { Authorization: null } : undefined,
  });
}
