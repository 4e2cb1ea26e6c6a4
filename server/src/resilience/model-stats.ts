// Observed calls of one model, for the dashboard's health view and the router's latency estimate.

/** Enough samples for a stable median while still following recent changes in speed. */
const LATENCY_WINDOW = 50;

export class ModelStats {
  attempts = 0;
  failures = 0;
  private readonly latencies: number[] = [];

  /** Only successes feed the latency window: a timeout's duration says nothing about response speed. */
  recordSuccess(latencyMs: number): void {
    this.attempts++;
    this.latencies.push(latencyMs);
    if (this.latencies.length > LATENCY_WINDOW) this.latencies.shift();
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
    if (this.latencies.length === 0) return null;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
