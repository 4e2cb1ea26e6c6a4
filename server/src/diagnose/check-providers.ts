// Checks each configured provider without spending anything: lists its models with each
// of its keys, in parallel. A wrong or revoked key, an unreachable server and a misspelt
// model id all show up here, before the first real request would have failed on them.
import type { CheckProvidersResult, KeyCheck, ProviderCheck } from '../../../shared/protocol';
import type { ProviderSettings } from '../../../shared/settings';
import type { ProviderClient } from '../providers/types';
import { keyLabel } from '../resilience';

/** Listing models is quick; a server that takes longer than this is as good as down. */
export const CHECK_TIMEOUT_MS = 10_000;

export interface CheckContext {
  keysFor: (providerId: string) => readonly string[];
  clientFor: (provider: ProviderSettings) => ProviderClient;
  signal: AbortSignal;
  now: () => number;
}

interface KeyOutcome {
  check: KeyCheck;
  models?: string[];
}

export async function checkProviders(ctx: CheckContext, providers: readonly ProviderSettings[]): Promise<CheckProvidersResult> {
  return { providers: await Promise.all(providers.map((provider) => checkProvider(ctx, provider))) };
}

async function checkProvider(ctx: CheckContext, provider: ProviderSettings): Promise<ProviderCheck> {
  const base = { providerId: provider.id, type: provider.type };
  const keys = ctx.keysFor(provider.id);
  // Local servers take requests without a key; the cloud APIs never do.
  if (keys.length === 0 && provider.type !== 'openai-compatible') return { ...base, status: 'no-key', keys: [] };
  const labelled = keys.length === 0 ? [{ key: undefined, label: 'no key' }] : keys.map((key, i) => ({ key, label: keyLabel(i, keys.length) }));
  const outcomes = await Promise.all(labelled.map(({ key, label }) => checkKey(ctx, provider, key, label)));
  const working = outcomes.filter((outcome) => outcome.check.ok);
  const status = working.length === outcomes.length ? 'ok' : working.length > 0 ? 'partial' : 'failed';
  const result: ProviderCheck = { ...base, status, keys: outcomes.map((outcome) => outcome.check) };
  const listed = working.find((outcome) => outcome.models !== undefined)?.models;
  if (listed) {
    const known = new Set(listed);
    result.listedModels = listed.length;
    const unlisted = provider.models.map((model) => model.id).filter((id) => !known.has(id));
    if (unlisted.length > 0) result.unlistedModels = unlisted;
  }
  return result;
}

async function checkKey(ctx: CheckContext, provider: ProviderSettings, key: string | undefined, label: string): Promise<KeyOutcome> {
  const started = ctx.now();
  try {
    const models = await ctx.clientFor(provider).listModels(key, { signal: ctx.signal, timeoutMs: CHECK_TIMEOUT_MS });
    return { check: { key: label, ok: true, latencyMs: ctx.now() - started }, models };
  } catch (error) {
    // ProviderError messages are built key-free (providers/common/to-provider-error.ts).
    return { check: { key: label, ok: false, error: (error as Error).message, latencyMs: ctx.now() - started } };
  }
}
