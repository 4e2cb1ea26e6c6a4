// One SDK client per API key, so connection pools are reused across requests.
import { createHash } from 'node:crypto';

/** Enough for every key of one provider; past it the least recently used client goes. */
const DEFAULT_LIMIT = 16;

export class SdkClientCache<Client, Key extends string | undefined = string | undefined> {
  // Indexed by a hash so the map itself never holds a key (only the SDK clients do).
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly create: (apiKey: Key) => Client,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  get(apiKey: Key): Client {
    const id = apiKey === undefined ? 'no-key' : createHash('sha256').update(apiKey).digest('hex');
    const cached = this.clients.get(id);
    if (cached) {
      // Re-inserting keeps Map order = recency order.
      this.clients.delete(id);
      this.clients.set(id, cached);
      return cached;
    }
    const client = this.create(apiKey);
    this.clients.set(id, client);
    if (this.clients.size > this.limit) this.clients.delete(this.clients.keys().next().value as string);
    return client;
  }

  get size(): number {
    return this.clients.size;
  }
}
