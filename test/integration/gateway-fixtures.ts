// Settings and environment shared by the gateway's integration tests: the fake providers,
// with the Anthropic key taken from the environment as a gateway takes every key.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { HistoryEntry } from '../../shared/protocol';
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

/** The official SDKs pointed at a gateway, without retries: each test scripts its own faults. */
export function sdksFor(gateway: GatewayProcess): { openai: OpenAI; anthropic: Anthropic } {
  return {
    openai: new OpenAI({ baseURL: gateway.url, apiKey: 'unused-on-loopback', maxRetries: 0 }),
    // Anthropic clients take the server's root: the SDK adds /v1/messages itself.
    anthropic: new Anthropic({ baseURL: gateway.url.replace(/\/v1$/, ''), apiKey: 'unused-on-loopback', maxRetries: 0 }),
  };
}

/** A gateway on the fake providers, with both SDKs pointed at it. */
export async function startGatewayWithSdks(fake: FakeProviders): Promise<{ gateway: GatewayProcess; openai: OpenAI; anthropic: Anthropic }> {
  const gateway = await GatewayProcess.start({ settings: gatewaySettings(fake), env: gatewayEnv });
  return { gateway, ...sdksFor(gateway) };
}

/** A workspace's newest requests first, as the gateway's /v1/router/history reports them. */
export async function gatewayHistory(gateway: GatewayProcess, workspace: string): Promise<HistoryEntry[]> {
  const res = await fetch(`${gateway.url}/router/history`, { headers: { 'x-llm-router-workspace': workspace } });
  return ((await res.json()) as { history: HistoryEntry[] }).history;
}

/**
 * For a suite: fake providers, a gateway on them started before its tests and stopped after,
 * and the official OpenAI SDK pointed at it (no retries: each test scripts its faults).
 */
export function useGatewayWithOpenAi(): { fake: () => FakeProviders; gateway: () => GatewayProcess; openai: () => OpenAI } {
  const fake = useFakeProviders();
  let started: { gateway: GatewayProcess; openai: OpenAI } | undefined;
  before(async () => {
    started = await startGatewayWithSdks(fake());
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
