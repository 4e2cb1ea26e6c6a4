// Model ids arrive in many spellings: `claude-3.5-sonnet` vs `claude-3-5-sonnet`,
// `openrouter/openai/gpt-4o` vs `gpt-4o`, `llama3:latest` vs `llama3`. These helpers
// reduce them to comparable forms; the same rules run at build time (leaderboard
// names -> quality.json keys) and at run time (configured ids -> lookups), so they must
// stay in one place.

/** A trailing date (`-20241022`, `-2024-07-18`), `-latest`, or an Ollama-style `:tag`. */
const VERSION_SUFFIX = /^(.+?)(?:-\d{8}|-\d{4}-\d{2}-\d{2}|-latest|:[^/:]+)$/;
const DATE_SUFFIX = /^(.+?)(?:-\d{8}|-\d{4}-\d{2}-\d{2})$/;

/**
 * The id without its version suffix, or undefined when it has none. Pinned snapshots
 * and their alias (`gpt-4o-mini-2024-07-18` / `gpt-4o-mini`) usually share a price.
 */
export function withoutVersionSuffix(modelId: string): string | undefined {
  return VERSION_SUFFIX.exec(modelId)?.[1];
}

/**
 * The id without a trailing date only. Unlike an Ollama tag (`:7b` vs `:32b`), a date
 * marks a snapshot of the same model, so the dateless name may stand for it.
 */
export function withoutDateSuffix(modelId: string): string | undefined {
  return DATE_SUFFIX.exec(modelId)?.[1];
}

/** The last path segment: `openrouter/openai/gpt-4o` -> `gpt-4o`; undefined without a `/`. */
export function withoutVendorPath(modelId: string): string | undefined {
  const slash = modelId.lastIndexOf('/');
  return slash >= 0 && slash < modelId.length - 1 ? modelId.slice(slash + 1) : undefined;
}

/**
 * Canonical name used to join leaderboards and price-table ids: lower case, vendor path
 * dropped, and `.`, `_` and spaces turned into `-` (Anthropic and aider disagree on
 * `3.5` vs `3-5`). A `:tag` is kept because Ollama tags name different model sizes.
 */
export function canonicalModelName(modelId: string): string {
  const lastSegment = withoutVendorPath(modelId.trim()) ?? modelId.trim();
  return lastSegment.toLowerCase().replace(/[._\s]+/g, '-');
}

/** Canonical names to try for a configured id, most specific first. */
export function canonicalCandidates(modelId: string): string[] {
  const names = [canonicalModelName(modelId)];
  const unversioned = withoutVersionSuffix(modelId);
  if (unversioned) names.push(canonicalModelName(unversioned));
  return [...new Set(names)];
}
