// Observed calls of one model, for the dashboard's health view and the router's latency estimate.
import { SortedNumbers } from '../stats/sorted-numbers';

/** Enough samples for a stable median while still following recent changes in speed. */
const LATENCY_WINDOW = 50;

export class ModelStats {
  attempts = 0;
  failures = 0;
  /** The window in the order the calls finished, to know which one leaves it next. */
  private readonly latencies: number[] = [];
  /** The same window in order of size: routing reads its median for every candidate of every request. */
  private readonly sorted = new SortedNumbers();

  /** Only successes feed the latency window: a timeout's duration says nothing about response speed. */
  recordSuccess(latencyMs: number): void {
    this.attempts++;
    this.latencies.push(latencyMs);
    this.sorted.add(latencyMs);
    if (this.latencies.length > LATENCY_WINDOW) this.sorted.remove(this.latencies.shift()!);
  }

  recordFailure(): void {
    this.attempts++;
    this.failures++;
  }

  errorRate(): number {
    return this.attempts === 0 ? 0 : this.failures / this.attempts;
  }

  /** Median latency of recent successes; null before the first one. */
  p50LatencyMs(): number | null {
    return this.sorted.median() ?? null;
  }

  /** The slowest of recent successes: how long a healthy call of this model can take. Null before the first one. */
  slowestLatencyMs(): number | null {
    return this.sorted.max() ?? null;
  }
}
