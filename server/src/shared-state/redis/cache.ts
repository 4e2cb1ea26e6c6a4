// The response cache in Redis, so an answer paid for on one replica serves them all; each
// entry expires with its TTL. While Redis is away the cache simply misses.
import type { CachedResponse } from '../../ledger/types';
import type { SharedCache } from '../types';
import type { RedisLink } from './link';
import { redisKeys } from './names';

export class RedisCache implements SharedCache {
  constructor(private readonly link: RedisLink) {}

  // Redis expires entries by itself: no clock needed.
  get(key: string, _now?: number): Promise<CachedResponse | undefined> {
    return this.link.run(
      async (redis) => {
        const json = await redis.get(redisKeys.cache(key));
        return json === null ? undefined : (JSON.parse(json) as CachedResponse);
      },
      () => undefined,
    );
  }

  async put(key: string, value: CachedResponse, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) return;
    const { text, model, inputTokens, outputTokens } = value;
    const json = JSON.stringify({ text, model, inputTokens, outputTokens });
    await this.link.run((redis) => redis.set(redisKeys.cache(key), json, 'PX', Math.ceil(ttlMs)), () => undefined);
  }
}
