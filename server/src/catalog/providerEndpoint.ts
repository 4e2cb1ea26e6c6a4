// What a provider's type and base URL tell us about its price-table namespace.
// LiteLLM keys resellers' prices as `<litellm_provider>/<model>` (`openrouter/openai/gpt-4o`,
// `ollama/llama3`), so a configured `gpt-4o` on OpenRouter must be looked up with a prefix.
import type { ProviderSettings } from '../../../shared/settings';

const OLLAMA_PORT = '11434';

/** Hosts of OpenAI-compatible services and their LiteLLM prefix; subdomains match too. */
const PREFIX_BY_HOST: ReadonlyArray<readonly [host: string, prefix: string]> = [
  ['openrouter.ai', 'openrouter/'],
  ['deepseek.com', 'deepseek/'],
  ['groq.com', 'groq/'],
  ['together.xyz', 'together_ai/'],
  ['together.ai', 'together_ai/'],
  ['fireworks.ai', 'fireworks_ai/'],
  ['mistral.ai', 'mistral/'],
  ['x.ai', 'xai/'],
  ['generativelanguage.googleapis.com', 'gemini/'],
  ['perplexity.ai', 'perplexity/'],
  ['deepinfra.com', 'deepinfra/'],
  ['cerebras.ai', 'cerebras/'],
  ['aliyuncs.com', 'dashscope/'],
  ['moonshot.ai', 'moonshot/'],
  ['moonshot.cn', 'moonshot/'],
  ['hyperbolic.xyz', 'hyperbolic/'],
  ['sambanova.ai', 'sambanova/'],
  ['novita.ai', 'novita/'],
  ['openai.com', 'openai/'],
  ['anthropic.com', 'anthropic/'],
];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

function parsedBaseUrl(provider: ProviderSettings): URL | undefined {
  if (!provider.baseUrl) return undefined;
  try {
    return new URL(provider.baseUrl);
  } catch {
    return undefined;
  }
}

function looksLikeOllama(url: URL): boolean {
  return url.port === OLLAMA_PORT || url.hostname.toLowerCase().includes('ollama');
}

function hostPrefixes(provider: ProviderSettings): string[] {
  const url = parsedBaseUrl(provider);
  if (provider.type !== 'openai-compatible' || !url) return [];
  const host = url.hostname.toLowerCase();
  const prefixes = looksLikeOllama(url) ? ['ollama/'] : [];
  for (const [knownHost, prefix] of PREFIX_BY_HOST) {
    if (host === knownHost || host.endsWith(`.${knownHost}`)) prefixes.push(prefix);
  }
  return prefixes;
}

/**
 * Key prefixes to try, in order ('' is the bare key). A recognised reseller's prefix goes
 * before the bare key: bare keys hold first-party (or Vertex) prices, and OpenRouter's
 * `deepseek/deepseek-chat` costs less than DeepSeek's own. The provider's id comes last:
 * users often name a provider after the service (`deepseek`, `groq`).
 */
export function priceKeyPrefixes(provider: ProviderSettings): string[] {
  const typePrefix = provider.type === 'anthropic' ? ['anthropic/'] : provider.type === 'openai' ? ['openai/'] : [];
  return [...new Set([...hostPrefixes(provider), '', ...typePrefix, `${provider.id.toLowerCase()}/`])];
}

/** A model served from this machine or an Ollama server: free per token, speed unknown. */
export function isLocalEndpoint(provider: ProviderSettings): boolean {
  const url = parsedBaseUrl(provider);
  if (!url) return false;
  return LOOPBACK_HOSTS.has(url.hostname.toLowerCase()) || looksLikeOllama(url);
}
