// Parsing what the user types into the API key box and what SecretStorage holds.
// Pure (no vscode import) so it is unit-tested; the key values are never logged.

/** Same rule as `providerSchema.id` in shared/settings.ts (a unit test keeps them equal);
 *  repeated here so the extension bundle does not pull in zod. */
const PROVIDER_ID = /^[A-Za-z0-9._-]+$/;

export function isValidProviderId(id: string): boolean {
  return PROVIDER_ID.test(id);
}

export type KeyInputResult = { ok: true; keys: string[] } | { ok: false; problem: string };

/** Several keys for one provider are typed comma-separated; blanks and repeats are dropped. */
export function parseKeyInput(input: string): KeyInputResult {
  const keys = [...new Set(input.split(',').map((k) => k.trim()).filter((k) => k.length > 0))];
  if (keys.length === 0) return { ok: false, problem: 'Enter at least one key.' };
  if (keys.some((k) => /\s/.test(k))) {
    return { ok: false, problem: 'A key cannot contain spaces; separate several keys with commas.' };
  }
  return { ok: true, keys };
}

/** Keys are stored as a JSON array; a bare string (written by hand or by an older build) is one key. */
export function decodeStoredKeys(stored: string | undefined): string[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (Array.isArray(parsed)) return parsed.filter((k): k is string => typeof k === 'string' && k.length > 0);
  } catch {
    // Not JSON: fall through and treat it as one key.
  }
  return [stored];
}

export function encodeStoredKeys(keys: string[]): string {
  return JSON.stringify(keys);
}

/** Adds keys to the stored ones without repeating any. */
export function mergeKeys(existing: string[], added: string[]): string[] {
  return [...new Set([...existing, ...added])];
}

/** How a stored key set is described in pickers: never the keys, only how many. */
export function describeKeyCount(count: number): string {
  if (count === 0) return 'no key stored';
  return count === 1 ? '1 key stored' : `${count} keys stored`;
}
