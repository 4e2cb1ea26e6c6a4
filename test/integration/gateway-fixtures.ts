// Settings and environment shared by the gateway's integration tests: the fake providers,
// with the Anthropic key taken from the environment as a gateway takes every key.
import OpenAI from 'openai';
import type { FakeProviders } from '../fakes/fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';
import { GatewayProcess } from './gateway-process';

const CLAUDE_KEY_ENV = 'LLM_ROUTER_IT_CLAUDE_KEY';

export function gatewaySettings(fake: FakeProviders, extra: Record<string, unknown> = {}) {
  // A breaker threshold no test reaches: each test scripts its own failures.
  const base = fakeSettings(fake);
  const settings = fakeSettings(fake, { cache: { enabled: false }, resilience: { ...base.resilience, breakerFailures: 100 }, ...extra });
  const providers = settings.providers.map((p) => (p.id === 'claude' ? { ...p, apiKeyEnv: CLAUDE_KEY_ENV } : p));
  return { ...settings, providers };
}

export const gatewayEnv = { [CLAUDE_KEY_ENV]: API_KEYS.claude, LLM_ROUTER_GATEWAY_TOKEN: '' };

/** A gateway on the fake providers and the official OpenAI SDK pointed at it (no retries: each test scripts its faults). */
export async function startGatewayWithOpenAi(fake: FakeProviders): Promise<{ gateway: GatewayProcess; openai: OpenAI }> {
  const gateway = await GatewayProcess.start({ settings: gatewaySettings(fake), env: gatewayEnv });
  return { gateway, openai: new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0 }) };
}
