// The providers Add Provider… knows how to set up, and which of a provider's listed
// models it suggests. Pure (no vscode import) so the unit tests cover it.
import type { ListedModel, ListProviderModelsResult, ProviderDraft } from '../../../shared/protocol';
import { mentionsKeyProblem } from '../errors/describeError';

export type KeyNeed = 'required' | 'optional' | 'none';

export interface ProviderPreset {
  /** Stable name, also the suggested provider id. */
  name: string;
  label: string;
  detail: string;
  type: ProviderDraft['type'];
  /** Prefilled in the base URL box; absent: the vendor's official endpoint, no box. */
  defaultBaseUrl?: string;
  /** Whether to ask for the base URL (with the default filled in). */
  asksBaseUrl: boolean;
  key: KeyNeed;
  /** Where a user gets a key, said in the key box. */
  keyHint?: string;
  /** Model ids to preselect, best first, as patterns over the provider's own ids. */
  suggested: RegExp[];
  /** A local server: models with no known price are free, so they are written with price 0. */
  local: boolean;
}

export const PRESETS: readonly ProviderPreset[] = [
  {
    name: 'openai', label: 'OpenAI', detail: 'GPT models through OpenAI\'s API (a key from platform.openai.com)',
    type: 'openai', asksBaseUrl: false, key: 'required', keyHint: 'platform.openai.com → API keys',
    suggested: [/^gpt-4\.1-mini$/, /^gpt-4o-mini$/, /^gpt-4\.1$/, /^gpt-4o$/], local: false,
  },
  {
    name: 'anthropic', label: 'Anthropic', detail: 'Claude models through Anthropic\'s API (a key from console.anthropic.com)',
    type: 'anthropic', asksBaseUrl: false, key: 'required', keyHint: 'console.anthropic.com → API keys',
    suggested: [/^claude-haiku-4-5/, /^claude-sonnet-4-5/, /^claude-3-5-haiku/, /^claude-sonnet-4/], local: false,
  },
  {
    name: 'openrouter', label: 'OpenRouter', detail: 'Hundreds of models behind one key (openrouter.ai)',
    type: 'openai-compatible', defaultBaseUrl: 'https://openrouter.ai/api/v1', asksBaseUrl: false, key: 'required',
    keyHint: 'openrouter.ai → Keys',
    suggested: [/^openai\/gpt-4o-mini$/, /^anthropic\/claude-haiku-4\.5$/, /^deepseek\/deepseek-chat$/, /^google\/gemini-2\.5-flash$/],
    local: false,
  },
  {
    name: 'ollama', label: 'Ollama', detail: 'Models running on this machine with Ollama (no key, no cost)',
    type: 'openai-compatible', defaultBaseUrl: 'http://127.0.0.1:11434/v1', asksBaseUrl: true, key: 'none',
    suggested: [/./], local: true,
  },
  {
    name: 'lmstudio', label: 'LM Studio', detail: 'Models served by LM Studio on this machine (no key, no cost)',
    type: 'openai-compatible', defaultBaseUrl: 'http://127.0.0.1:1234/v1', asksBaseUrl: true, key: 'none',
    suggested: [/./], local: true,
  },
  {
    name: 'custom', label: 'Any OpenAI-compatible URL', detail: 'vLLM, a proxy, another vendor… (key optional)',
    type: 'openai-compatible', defaultBaseUrl: 'http://127.0.0.1:8000/v1', asksBaseUrl: true, key: 'optional',
    suggested: [/./], local: false,
  },
];

/** How many models a preset preselects at most: enough to route between, few enough to read. */
export const MAX_SUGGESTED = 4;

/** The listed ids to preselect: the preset's suggestions in its order of preference. */
export function suggestedModels(preset: ProviderPreset, listed: readonly ListedModel[]): string[] {
  const picked: string[] = [];
  for (const pattern of preset.suggested) {
    for (const model of listed) {
      if (picked.length >= MAX_SUGGESTED) return picked;
      if (pattern.test(model.id) && !picked.includes(model.id)) {
        picked.push(model.id);
        if (pattern.source !== '.') break; // one model per named suggestion
      }
    }
  }
  return picked;
}

/** A provider id not in `taken`: the preset's name, else name-2, name-3… */
export function freeProviderId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** A provider id from a URL's host, for the "any OpenAI-compatible URL" preset: `api.example.com` -> `example`. */
export function idFromUrl(url: string): string {
  try {
    const host = new URL(url).hostname;
    if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return 'local';
    const parts = host.split('.').filter((p) => p !== 'api' && p !== 'www');
    const name = parts.length >= 2 ? parts[parts.length - 2] : parts[0] ?? 'custom';
    return name.replace(/[^A-Za-z0-9._-]/g, '-') || 'custom';
  } catch {
    return 'custom';
  }
}

/** Checks what the base URL box holds; undefined when it is usable. */
export function baseUrlProblem(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'An http:// or https:// URL.';
    return undefined;
  } catch {
    return 'An http:// or https:// URL, e.g. http://127.0.0.1:11434/v1';
  }
}

/**
 * What trying a base URL found: the models (`listed`), a server that wants a key
 * (`needs-key`: it answered, with 401/403), or nothing usable (`failed`: unreachable, not an
 * OpenAI-compatible API…), which the key box cannot fix.
 */
export type BaseUrlVerdict = 'listed' | 'needs-key' | 'failed';

export function baseUrlVerdict(listing: Pick<ListProviderModelsResult, 'ok' | 'error'>): BaseUrlVerdict {
  if (listing.ok) return 'listed';
  return listing.error !== undefined && mentionsKeyProblem(listing.error) ? 'needs-key' : 'failed';
}

/** "$0.15 in / $0.60 out per million tokens", or why there is no price. */
export function describePrice(model: ListedModel, local: boolean): string {
  if (model.inputUsdPerMTok !== undefined && model.outputUsdPerMTok !== undefined) {
    return `$${usd(model.inputUsdPerMTok)} in / $${usd(model.outputUsdPerMTok)} out per million tokens`;
  }
  return local ? 'local: free' : 'no known price (its cost is counted as unknown)';
}

function usd(value: number): string {
  return value >= 0.1 ? value.toFixed(2) : String(Number(value.toPrecision(2)));
}

/** Whether the URL points at this machine (then unpriced models are taken as free). */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
