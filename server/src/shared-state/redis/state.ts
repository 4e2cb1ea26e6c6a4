// Shared state through Redis (`--redis URL`): what makes N gateway replicas act as one.
// Loaded only when a URL is given (see ../open.ts), so one laptop never loads ioredis.
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { LocalResilience, ResilienceState, SharedState } from '../types';
import { RedisBudget } from './budget';
import { RedisCache } from './cache';
import { COMMAND_TIMEOUT_MS, redactedUrl, RedisLink } from './link';
import { redisKeys } from './names';
import { RedisRates } from './rates';
import { ReplicaCount } from './replicas';
import { redisResilience } from './resilience';

/** How long the gateway waits for Redis at start before refusing to run. */
const CONNECT_TIMEOUT_MS = 3_000;

export class RedisState implements SharedState {
  readonly description: string;
  readonly budget: RedisBudget;
  readonly rates: RedisRates;
  readonly cache: RedisCache;
  private readonly replicaCount: ReplicaCount;

  private constructor(
    private readonly link: RedisLink,
    private epoch: string,
  ) {
    this.description = `redis at ${link.name}`;
    this.replicaCount = new ReplicaCount(link);
    void this.replicaCount.beat();
    this.budget = new RedisBudget(link, () => this.replicaCount.value);
    this.rates = new RedisRates(link);
    this.cache = new RedisCache(link);
    // First: did Redis keep its data while it was away? (A restart without persistence does not.)
    let dataKept = true;
    link.onReturn(async (redis) => {
      const current = await redis.get(redisKeys.epoch);
      dataKept = current === this.epoch;
      if (!dataKept) this.epoch = await claimEpoch(redis);
      return undefined;
    });
    link.onReturn((redis) => this.budget.converge(redis, dataKept));
  }

  /** Connects, or throws naming the URL (without its password) when Redis does not answer. */
  static async connect(url: string, log: (line: string) => void): Promise<RedisState> {
    const name = redactedUrl(url);
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // Nothing waits for a connection that is not there: commands fail at once, callers use local state.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Reconnect forever, at most every second: Redis coming back is the normal case.
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    });
    client.on('error', () => undefined);
    try {
      await withTimeout(client.connect(), CONNECT_TIMEOUT_MS);
      const epoch = await claimEpoch(client);
      return new RedisState(new RedisLink(client, name, log), epoch);
    } catch (error) {
      client.disconnect();
      throw new Error(`redis ${name} is unreachable: ${(error as Error).message || 'no answer'}`);
    }
  }

  resilience(local: LocalResilience): ResilienceState {
    return redisResilience(this.link, local);
  }

  get connected(): boolean {
    return this.link.isUp;
  }

  /** The replicas sharing this Redis when it last answered, this one included. */
  get replicas(): number {
    return this.replicaCount.value;
  }

  close(): Promise<void> {
    this.replicaCount.close();
    return this.link.close();
  }
}

/** The data set's epoch, set by the first replica to look. */
async function claimEpoch(redis: Redis): Promise<string> {
  await redis.set(redisKeys.epoch, randomUUID(), 'NX');
  return (await redis.get(redisKeys.epoch)) ?? '';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
