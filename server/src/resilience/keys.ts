// API keys per provider, handed out round-robin, with a cooldown per key.
// Keys are secrets: no message from this module contains one; a key is named by
// its position ("key #2 of 3") instead.

/** Splits a stored key list or an env var value ("sk-a, sk-b") into distinct keys. */
export function parseKeys(value: string | readonly string[] | undefined): string[] {
  const raw = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  const keys = raw.flatMap((entry) => entry.split(',')).map((key) => key.trim());
  return [...new Set(keys.filter((key) => key.length > 0))];
}

export type KeyPick =
  /** The provider has no keys: local openai-compatible endpoints need none. */
  | { status: 'none' }
  | { status: 'ok'; key: string; label: string }
  /** Every key is cooling; `until` is when the first comes back (Infinity: all were rejected). */
  | { status: 'cooling'; until: number; keyCount: number };

interface KeyState {
  key: string;
  coolUntil: number;
  /** When the provider rejected it (epoch ms), here or on another replica; set while coolUntil is Infinity. */
  rejectedAt?: number;
}

interface ProviderKeys {
  keys: KeyState[];
  next: number;
  /** When the list last changed and its rejected keys were forgiven (-Infinity: never, it is the first list). */
  forgivenAt: number;
}

export class KeyPool {
  private readonly providers = new Map<string, ProviderKeys>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Replaces one provider's keys. An unchanged list keeps every cooldown, so a settings
   * reload doesn't retry a rejected key. A changed list keeps the timed cooldowns of
   * the keys that remain but forgives rejected (401) ones: the user acted on their keys,
   * so each gets one more chance.
   */
  setKeys(providerId: string, keys: readonly string[]): void {
    const current = this.providers.get(providerId);
    const unchanged =
      current !== undefined &&
      current.keys.length === keys.length &&
      current.keys.every((state, i) => state.key === keys[i]);
    if (unchanged) return;
    const previous = new Map(current?.keys.map((state) => [state.key, state.coolUntil]));
    const states = keys.map((key) => {
      const coolUntil = previous.get(key) ?? 0;
      return { key, coolUntil: Number.isFinite(coolUntil) ? coolUntil : 0 };
    });
    this.providers.set(providerId, { keys: states, next: 0, forgivenAt: current ? this.now() : -Infinity });
  }

  /** Replaces every provider's keys; providers missing from the map lose theirs. */
  setAll(keysByProvider: ReadonlyMap<string, readonly string[]>): void {
    for (const providerId of [...this.providers.keys()]) {
      if (!keysByProvider.has(providerId)) this.providers.delete(providerId);
    }
    for (const [providerId, keys] of keysByProvider) this.setKeys(providerId, keys);
  }

  /** The next key, round-robin, that is not cooling down. */
  pick(providerId: string): KeyPick {
    const entry = this.providers.get(providerId);
    if (!entry || entry.keys.length === 0) return { status: 'none' };
    const now = this.now();
    for (let offset = 0; offset < entry.keys.length; offset++) {
      const index = (entry.next + offset) % entry.keys.length;
      const state = entry.keys[index];
      if (state.coolUntil <= now) {
        entry.next = (index + 1) % entry.keys.length;
        return { status: 'ok', key: state.key, label: keyLabel(index, entry.keys.length) };
      }
    }
    const until = Math.min(...entry.keys.map((state) => state.coolUntil));
    return { status: 'cooling', until, keyCount: entry.keys.length };
  }

  /**
   * Takes a key out of rotation for `ms`. Pass Infinity after a 401/403: a revoked key
   * stays out until the provider's key list changes, because retrying it every minute
   * would only repeat the same error (and may look like abuse to the provider).
   */
  coolDown(providerId: string, key: string, ms: number): void {
    this.coolUntil(providerId, key, this.now() + ms);
  }

  /** Takes a key out of rotation until `untilMs` (epoch ms), e.g. as another replica cooled it. */
  coolUntil(providerId: string, key: string, untilMs: number): void {
    const state = this.providers.get(providerId)?.keys.find((candidate) => candidate.key === key);
    if (!state) return;
    state.coolUntil = Math.max(state.coolUntil, untilMs);
    if (untilMs === Infinity) state.rejectedAt ??= this.now();
  }

  /**
   * Another replica saw the provider reject `key` (401/403) at `rejectedAt` (epoch ms): it
   * stays out here too, unless this replica's key list changed since then (setKeys: the user
   * acted on their keys, so the key gets its one more chance here as well).
   */
  rejectedElsewhere(providerId: string, key: string, rejectedAt: number): void {
    const entry = this.providers.get(providerId);
    const state = entry?.keys.find((candidate) => candidate.key === key);
    if (!entry || !state || rejectedAt <= entry.forgivenAt) return;
    state.coolUntil = Infinity;
    state.rejectedAt = Math.max(state.rejectedAt ?? -Infinity, rejectedAt);
  }

  /** Every rejected key, with when it was rejected: [providerId, key, rejectedAt]. */
  rejections(): [string, string, number][] {
    return [...this.providers].flatMap(([providerId, entry]) =>
      entry.keys.filter((s) => s.rejectedAt !== undefined).map((s): [string, string, number] => [providerId, s.key, s.rejectedAt!]),
    );
  }

  /** Every key resting on a timed cooldown at `now`: [providerId, key, until]. */
  timedCooldowns(now: number): [string, string, number][] {
    return [...this.providers].flatMap(([providerId, entry]) =>
      entry.keys.filter((s) => s.coolUntil > now && Number.isFinite(s.coolUntil)).map((s): [string, string, number] => [providerId, s.key, s.coolUntil]),
    );
  }

  /** The provider's keys, in rotation order (secrets: never put one in a message). */
  keysOf(providerId: string): string[] {
    return this.providers.get(providerId)?.keys.map((state) => state.key) ?? [];
  }

  /** "key #2 of 3": how messages refer to a key without revealing it. */
  label(providerId: string, key: string): string {
    const keys = this.providers.get(providerId)?.keys ?? [];
    const index = keys.findIndex((state) => state.key === key);
    return index < 0 ? 'an unknown key' : keyLabel(index, keys.length);
  }

  keyCount(providerId: string): number {
    return this.providers.get(providerId)?.keys.length ?? 0;
  }
}

/** "key #2 of 3" for index 1 of 3 keys: how every message names a key without showing it. */
export function keyLabel(index: number, count: number): string {
  return `key #${index + 1} of ${count}`;
}
