// Shared by the provider adapter tests: one fake per test file, a typical request,
// and a way to catch the ProviderError a call must fail with.
import assert from 'node:assert/strict';
import type { ProviderSettings } from '../../../shared/settings';
import { ProviderError } from '../../../server/src/providers/errors';
import type { ChatRequest } from '../../../server/src/providers/types';
export { useFakeProviders } from '../../fakes/use-fake-providers';

/** 2 system words + 5 user words = 7 input tokens on the fakes. */
export const MESSAGES: ChatRequest['messages'] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Explain closures in JavaScript please' },
];

export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'test-model',
    messages: MESSAGES,
    maxTokens: 64,
    temperature: 0.2,
    signal: new AbortController().signal,
    timeoutMs: 5_000,
    ...overrides,
  };
}

export function providerSettings(
  type: ProviderSettings['type'],
  baseUrl: string | undefined,
  id: string = type,
): ProviderSettings {
  return { id, type, baseUrl, models: [{ id: 'test-model' }] };
}


export async function failureOf(call: Promise<unknown>): Promise<ProviderError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded but should have failed');
}

export function collectDeltas(): { deltas: string[]; onDelta: (text: string) => void } {
  const deltas: string[] = [];
  return { deltas, onDelta: (text) => deltas.push(text) };
}
