// Observed calls of one model, for the dashboard's health view and the router's latency estimate.

/** Enough samples for a stable median while still following recent changes in speed. */
const LATENCY_WINDOW = 50;

export class ModelStats {
  attempts = 0;
  failures = 0;
  private readonly latencies: number[] = [];
  /** The median of the window, kept until the window changes: routing reads it for every candidate of every request. */
  private median: number | null | undefined;
  /** The slowest of the window, likewise kept. */
  private slowest: number | null | undefined;

  /** Only successes feed the latency window: a timeout's duration says nothing about response speed. */
  recordSuccess(latencyMs: number): void {
    this.attempts++;
    this.latencies.push(latencyMs);
    if (this.latencies.length > LATENCY_WINDOW) this.latencies.shift();
    this.median = undefined;
    this.slowest = undefined;
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
    if (this.median !== undefined) return this.median;
    if (this.latencies.length === 0) return (this.median = null);
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    this.median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return this.median;
  }

  /** The slowest of recent successes: how long a healthy call of this model can take. Null before the first one. */
  slowestLatencyMs(): number | null {
    if (this.slowest === undefined) this.slowest = this.latencies.length === 0 ? null : Math.max(...this.latencies);
    return this.slowest;
  }
}
