// The `llmRouter.providers` entry Add/Edit Provider… writes, and how it joins the user's
// existing list. Pure (no vscode import): the unit tests check exactly what is written.
import type { ListedModel, ProviderDraft } from '../../../shared/protocol';

/** One model as written to settings; fields a user added by hand survive an edit. */
export interface ModelEntry {
  id: string;
  inputUsdPerMTok?: number;
  outputUsdPerMTok?: number;
  [field: string]: unknown;
}

export interface ProviderEntry {
  id: string;
  type: ProviderDraft['type'];
  baseUrl?: string;
  apiKeyEnv?: string;
  models: ModelEntry[];
  [field: string]: unknown;
}

export interface EntryInput {
  draft: ProviderDraft;
  /** The chosen model ids, in the order to write them. */
  modelIds: readonly string[];
  /** What the provider listed (for prices); models typed by hand need not be in it. */
  listed: readonly ListedModel[];
  /** A local server: a model with no known price is free, so price 0 is written for it. */
  local: boolean;
  /** The entry being edited, whose hand-written fields are kept. */
  previous?: ProviderEntry;
}

/**
 * The entry to write. Prices the built-in table knows are left out (the router looks them
 * up and follows updates); an unpriced model of a local server gets 0, so its cost is $0
 * rather than "unknown". Official endpoints get no baseUrl.
 */
export function providerEntry(input: EntryInput): ProviderEntry {
  const { draft, previous } = input;
  const kept = new Map((previous?.models ?? []).map((m) => [m.id, m]));
  const priced = new Set(input.listed.filter((m) => m.inputUsdPerMTok !== undefined && m.outputUsdPerMTok !== undefined).map((m) => m.id));
  const models = input.modelIds.map((id): ModelEntry => {
    const old = kept.get(id);
    if (old) return old;
    return input.local && !priced.has(id) ? { id, inputUsdPerMTok: 0, outputUsdPerMTok: 0 } : { id };
  });
  const entry: ProviderEntry = { ...(previous ?? {}), id: draft.id, type: draft.type, models };
  if (draft.baseUrl !== undefined) entry.baseUrl = draft.baseUrl;
  else delete entry.baseUrl;
  if (draft.apiKeyEnv !== undefined) entry.apiKeyEnv = draft.apiKeyEnv;
  // Key order as a person would write it: id, type, baseUrl, then the rest, models last.
  const { id, type, baseUrl, models: written, ...rest } = entry;
  return { id, type, ...(baseUrl === undefined ? {} : { baseUrl }), ...rest, models: written };
}

/** The user's providers with `entry` in place of the one with its id, or added at the end. */
export function mergeProvider(existing: readonly unknown[], entry: ProviderEntry): unknown[] {
  const index = existing.findIndex((p) => providerIdOf(p) === entry.id);
  if (index === -1) return [...existing, entry];
  return existing.map((p, i) => (i === index ? entry : p));
}

/** The user's providers without the one with this id. */
export function withoutProvider(existing: readonly unknown[], id: string): unknown[] {
  return existing.filter((p) => providerIdOf(p) !== id);
}

/** The entry with this id as written in settings, when it has the shape of one. */
export function findProvider(existing: readonly unknown[], id: string): ProviderEntry | undefined {
  const found = existing.find((p) => providerIdOf(p) === id) as Partial<ProviderEntry> | undefined;
  if (!found || typeof found.type !== 'string') return undefined;
  const models = Array.isArray(found.models) ? found.models.filter((m): m is ModelEntry => typeof m?.id === 'string') : [];
  return { ...found, id, type: found.type, models } as ProviderEntry;
}

export function providerIdOf(p: unknown): string | undefined {
  const id = typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
