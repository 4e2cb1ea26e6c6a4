// Picks the shared state for a server: in-process without a Redis URL, Redis with one.
// ioredis is loaded only then, so the editor's server and a single gateway never pay for it.
import { InProcessState } from './in-process';
import type { SharedState } from './types';

/** Throws, naming the URL, when Redis is given but unreachable: a team gateway must not run alone by accident. */
export async function openSharedState(redisUrl: string | undefined, log: (line: string) => void): Promise<SharedState> {
  if (redisUrl === undefined) return new InProcessState();
  const { RedisState } = await import('./redis/state');
  return RedisState.connect(redisUrl, log);
}
