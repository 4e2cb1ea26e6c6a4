// The router's model listing -> the models VS Code offers in its picker and to
// `vscode.lm.selectChatModels`. Pure: plain objects that satisfy LanguageModelChatInformation.
import type { ModelListing } from '../../../shared/protocol';

export const VENDOR = 'llm-router';
/** The model that routes each request; the others are forced (fallback still applies). */
export const AUTO_ID = 'auto';
/**
 * Auto's name, which every other name here starts with (`LLM Router: cheap`, `LLM Router:
 * openai/gpt-4o`). VS Code's Chat preselects the first model by name when nothing else is
 * chosen (an extension cannot declare a default), so a name that is a prefix of all the
 * others makes a new chat route; named `anthropic/…`, a forced model would sort first.
 */
export const AUTO_NAME = 'LLM Router';

export interface ChatModelInformation {
  id: string;
  name: string;
  family: string;
  version: string;
  tooltip?: string;
  detail?: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { toolCalling?: boolean; imageInput?: boolean };
}

/** Until the server has read the price table: a typical window and answer limit. */
export const PROVISIONAL_CONTEXT_WINDOW = 128_000;
export const PROVISIONAL_MAX_OUTPUT = 4_096;

/**
 * The configured models as settings alone describe them, for the seconds before the router
 * server is up: VS Code asks for models as soon as the provider is registered and a chat
 * request would otherwise find none. The real listing replaces it once the server runs.
 */
export function provisionalListing(providers: unknown): ModelListing[] {
  if (!Array.isArray(providers)) return [];
  return providers.flatMap((provider: { id?: unknown; models?: unknown }) => {
    if (typeof provider?.id !== 'string' || !Array.isArray(provider.models)) return [];
    return provider.models.flatMap((model: { id?: unknown; contextWindow?: unknown }) => {
      if (typeof model?.id !== 'string') return [];
      const contextWindow = typeof model.contextWindow === 'number' ? model.contextWindow : PROVISIONAL_CONTEXT_WINDOW;
      return [{ model: `${provider.id as string}/${model.id}`, contextWindow, maxOutputTokens: Math.min(PROVISIONAL_MAX_OUTPUT, contextWindow) }];
    });
  });
}

/**
 * Unknown capabilities: tool calling is assumed (all three provider APIs the router speaks
 * carry tools, and agent mode offers only models that declare it), image input is not (a
 * text-only model refuses an image). The router's catalog overrides both where it knows.
 */
export function capabilitiesOf(listing: Pick<ModelListing, 'tools' | 'vision'>): ChatModelInformation['capabilities'] {
  return { toolCalling: listing.tools ?? true, imageInput: listing.vision ?? false };
}

/** The routing strategies a caller can pick per request, besides `auto`. */
const STRATEGIES: Record<string, string> = {
  cheap: 'Routes each request to the cheapest model that can take it.',
  fast: 'Routes each request to the fastest model that can take it.',
  best: 'Routes each request to the best model for it, whatever it costs.',
};

/**
 * The logical models: the strategies, then the user's aliases (`llmRouter.aliases`). Like
 * `auto`, each can reach any configured model, so each has auto's limits and capabilities;
 * the router resolves the name.
 */
function logicalModels(auto: ChatModelInformation, aliases: readonly string[]): ChatModelInformation[] {
  const named = (id: string, tooltip: string): ChatModelInformation => ({ ...auto, id, name: `${AUTO_NAME}: ${id}`, family: id, tooltip });
  return [
    ...Object.entries(STRATEGIES).map(([id, tooltip]) => named(id, tooltip)),
    ...aliases.filter((id) => id !== AUTO_ID && !(id in STRATEGIES)).map((id) => named(id, `Your alias "${id}" (llmRouter.aliases).`)),
  ];
}

/** The alias names in `llmRouter.aliases`, as settings hold them. */
export function aliasNames(aliases: unknown): string[] {
  return aliases && typeof aliases === 'object' && !Array.isArray(aliases) ? Object.keys(aliases) : [];
}

export function modelInformation(models: readonly ModelListing[], aliases: readonly string[] = []): ChatModelInformation[] {
  const forced = models.map((m): ChatModelInformation => {
    const [providerId, ...rest] = m.model.split('/');
    return {
      id: m.model,
      name: `${AUTO_NAME}: ${m.model}`,
      family: rest.join('/'),
      version: '1',
      detail: m.unavailable ? `${providerId} · unavailable` : providerId,
      tooltip: m.unavailable
        ? `Through LLM Router, with fallback. Now unavailable: ${m.unavailable}`
        : 'Through LLM Router: always this model first; another answers only if it fails.',
      maxInputTokens: inputRoom(m.contextWindow, m.maxOutputTokens),
      maxOutputTokens: m.maxOutputTokens,
      capabilities: capabilitiesOf(m),
    };
  });
  const auto = autoModel(models);
  return [auto, ...logicalModels(auto, aliases), ...forced];
}

/**
 * `auto` can reach any configured model, so its limits are the largest any model has and it
 * can do what any one can (routing then picks a model that takes the request).
 */
function autoModel(models: readonly ModelListing[]): ChatModelInformation {
  const max = (pick: (m: ModelListing) => number) => (models.length ? Math.max(...models.map(pick)) : 0);
  const maxOutputTokens = max((m) => m.maxOutputTokens) || 4096;
  const window = max((m) => m.contextWindow) || 8192;
  return {
    id: AUTO_ID,
    name: AUTO_NAME,
    family: AUTO_ID,
    version: '1',
    detail: models.length ? `routes among ${models.length} model${models.length === 1 ? '' : 's'}` : 'no models configured',
    tooltip: 'Picks the cheapest model that does each request well, under your routing policy and budget.',
    maxInputTokens: inputRoom(window, maxOutputTokens),
    maxOutputTokens,
    capabilities: {
      toolCalling: models.length === 0 || models.some((m) => capabilitiesOf(m).toolCalling),
      imageInput: models.some((m) => capabilitiesOf(m).imageInput),
    },
  };
}

/**
 * What a prompt may take of the window: the rest is kept for the answer, up to a quarter of
 * the window (many models may write as much as their window, which would leave no room at all).
 */
export function inputRoom(contextWindow: number, maxOutputTokens: number): number {
  return Math.max(1, contextWindow - Math.min(maxOutputTokens, Math.floor(contextWindow / 4)));
}
