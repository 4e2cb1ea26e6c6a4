// Lists the models of a provider that may not be configured yet, with the prices the
// built-in table knows for them: Add Provider… tries a key this way before saving it and
// offers the provider's own model list. Free on every supported API; nothing is recorded.
import type { ListedModel, ListProviderModelsResult, ProviderDraft } from '../../../shared/protocol';
import type { ProviderSettings } from '../../../shared/settings';
import { findPrice } from '../catalog/priceTable';
import { createProviderClient } from '../providers/registry';
import type { ProviderClient } from '../providers/types';
import { CHECK_TIMEOUT_MS } from './check-providers';

export interface ListModelsContext {
  /** The key to try, when one is given or known for the provider id. */
  apiKey: string | undefined;
  signal: AbortSignal;
  now: () => number;
  clientFor?: (provider: ProviderSettings) => ProviderClient;
}

export async function listProviderModels(ctx: ListModelsContext, draft: ProviderDraft): Promise<ListProviderModelsResult> {
  // The adapters read only id, type and baseUrl: a draft needs no models.
  const provider: ProviderSettings = { ...draft, models: [] };
  const started = ctx.now();
  try {
    const client = (ctx.clientFor ?? createProviderClient)(provider);
    const ids = await client.listModels(ctx.apiKey, { signal: ctx.signal, timeoutMs: CHECK_TIMEOUT_MS });
    const models = [...new Set(ids)].sort().map((id) => priced(provider, id));
    return { ok: true, models, latencyMs: ctx.now() - started };
  } catch (error) {
    // ProviderError messages are built key-free (providers/common/to-provider-error.ts).
    return { ok: false, error: (error as Error).message, models: [], latencyMs: ctx.now() - started };
  }
}

function priced(provider: ProviderSettings, id: string): ListedModel {
  const entry = findPrice(provider, id)?.entry;
  const model: ListedModel = { id };
  if (entry?.input !== undefined) model.inputUsdPerMTok = entry.input;
  if (entry?.output !== undefined) model.outputUsdPerMTok = entry.output;
  if (entry?.context !== undefined) model.contextWindow = entry.context;
  return model;
}
