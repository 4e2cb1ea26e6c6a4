// Settings and environment shared by the gateway's integration tests: the fake providers,
// with the Anthropic key taken from the environment as a gateway takes every key.
import OpenAI from 'openai';
import type { FakeProviders } from '../fakes/fake-providers';
import { useFakeProviders } from '../fakes/use-fake-providers';
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

/**
 * For a suite: fake providers, a gateway on them started before its tests and stopped after,
 * and the official OpenAI SDK pointed at it (no retries: each test scripts its faults).
 */
export function useGatewayWithOpenAi(): { fake: () => FakeProviders; gateway: () => GatewayProcess; openai: () => OpenAI } {
  const fake = useFakeProviders();
  let started: { gateway: GatewayProcess; openai: OpenAI } | undefined;
  before(async () => {
    const gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv });
    started = { gateway, openai: new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0 }) };
  });
  after(async () => {
    await started?.gateway.stop();
  });
  const get = () => {
    if (!started) throw new Error('the gateway starts in the suite\'s before hook');
    return started;
  };
  return { fake, gateway: () => get().gateway, openai: () => get().openai };
}
