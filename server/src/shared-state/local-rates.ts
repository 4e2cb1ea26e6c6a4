// Requests per minute per scope in this process: fixed one-minute windows.
import type { RateLimiter } from './types';

export class LocalRates implements RateLimiter {
  private readonly windows = new Map<string, { minute: number; count: number }>();

  async take(scope: string, perMinute: number, now: number): Promise<boolean> {
    const minute = Math.floor(now / 60_000);
    const window = this.windows.get(scope);
    if (!window || window.minute !== minute) {
      // Old windows go as new ones start, so the map holds one entry per active scope.
      this.windows.set(scope, { minute, count: 1 });
      return perMinute >= 1;
    }
    if (window.count >= perMinute) return false;
    window.count++;
    return true;
  }
}
