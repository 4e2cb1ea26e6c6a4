// Requests per minute per scope, counted once across replicas (fixed one-minute windows).
import { LocalRates } from '../local-rates';
import type { RateLimiter } from '../types';
import type { RedisLink } from './link';
import { redisKeys } from './names';
import { TAKE } from './scripts';

export class RedisRates implements RateLimiter {
  /** While Redis is away each replica counts its own requests against the limit. */
  private readonly local = new LocalRates();

  constructor(private readonly link: RedisLink) {}

  take(scope: string, perMinute: number, now: number): Promise<boolean> {
    const minute = Math.floor(now / 60_000);
    return this.link.run(
      async (redis) => Number(await redis.eval(TAKE, 1, redisKeys.rate(scope, minute), perMinute)) === 1,
      () => this.local.take(scope, perMinute, now),
    );
  }
}
