// The numbers of a sliding window kept in order as they come and go, so its median and
// maximum are read without sorting: the router reads a model's median latency and a
// workspace's median answer length on every request, and each answer changes them (sorting
// the 50 numbers of the window again for each cost several microseconds a request).

export class SortedNumbers {
  private readonly values: number[];

  constructor(values: readonly number[] = []) {
    this.values = [...values].sort((a, b) => a - b);
  }

  get length(): number {
    return this.values.length;
  }

  add(value: number): void {
    this.values.splice(this.firstNotBelow(value), 0, value);
  }

  /** Takes one occurrence of `value` out; nothing when it is not there. */
  remove(value: number): void {
    const at = this.firstNotBelow(value);
    if (this.values[at] === value) this.values.splice(at, 1);
  }

  /** The middle value, or the mean of the two middle ones; undefined when empty. */
  median(): number | undefined {
    const sorted = this.values;
    if (sorted.length === 0) return undefined;
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  max(): number | undefined {
    return this.values.length === 0 ? undefined : this.values[this.values.length - 1];
  }

  /** Where `value` goes: the index of the first value not below it. */
  private firstNotBelow(value: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
