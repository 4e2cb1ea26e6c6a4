// How many replicas share this Redis, from their heartbeats. While Redis is away a replica
// cannot see the requests in flight on the others, so it takes only its share (1/N) of a
// budget's room (local-budget.ts): N is what it last saw here.
import { randomUUID } from 'node:crypto';
import type { RedisLink } from './link';
import { redisKeys } from './names';
import { HEARTBEAT } from './scripts';

/** How often each replica says it is alive. */
export const HEARTBEAT_MS = 2_000;
/** A replica not heard from for this long is no longer counted (it stopped or died). */
const GONE_AFTER_MS = 3 * HEARTBEAT_MS;

export class ReplicaCount {
  private count = 1;
  private readonly timer: NodeJS.Timeout;
  private readonly id = randomUUID();

  constructor(private readonly link: RedisLink) {
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** The replicas alive when Redis last answered, this one included. */
  get value(): number {
    return this.count;
  }

  /** Says this replica is alive and reads how many are; while Redis is away the last count stands. */
  async beat(): Promise<void> {
    await this.link.run(
      async (redis) => {
        const alive = Number(await redis.eval(HEARTBEAT, 1, redisKeys.replicas, this.id, Date.now(), GONE_AFTER_MS));
        this.count = Math.max(1, alive);
      },
      () => undefined,
    );
  }

  close(): void {
    clearInterval(this.timer);
  }
}
