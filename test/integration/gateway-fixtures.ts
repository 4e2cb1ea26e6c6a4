// Settings and environment shared by the gateway's integration tests: the fake providers,
// with the Anthropic key taken from the environment as a gateway takes every key.
import type { FakeProviders } from '../fakes/fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';

const CLAUDE_KEY_ENV = 'LLM_ROUTER_IT_CLAUDE_KEY';

export function gatewaySettings(fake: FakeProviders, extra: Record<string, unknown> = {}) {
  // A breaker threshold no test reaches: each test scripts its own failures.
  const base = fakeSettings(fake);
  const settings = fakeSettings(fake, { cache: { enabled: false }, resilience: { ...base.resilience, breakerFailures: 100 }, ...extra });
  const providers = settings.providers.map((p) => (p.id === 'claude' ? { ...p, apiKeyEnv: CLAUDE_KEY_ENV } : p));
  return { ...settings, providers };
}

export const gatewayEnv = { [CLAUDE_KEY_ENV]: API_KEYS.claude, LLM_ROUTER_GATEWAY_TOKEN: '' };
