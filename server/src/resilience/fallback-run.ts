// One request's walk down the candidate list: per model, retries with backoff or
// retry-after, key rotation on 429/401, breaker checks; records every call made.
import type { Attempt } from '../../../shared/protocol';
import { reportedBill } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import { ProviderError } from '../providers/errors';
import { attemptOnce, type Outcome } from './attempt';
import { describeCircuitOpen, describeCoolingKeys, describeError } from './describe';
import { AllCandidatesFailedError, cancelledError, RunCancelledError, type Skip } from './errors';
import type { KeyPick } from './keys';
import { firstByteFor, timeoutFor } from './patience';
import { nextStep } from './retry-policy';
import type { WatchedCall } from './stalls';
import type { ModelCall, RunContext, RunOptions, RunResult } from './run-types';

type ModelOutcome<T> = { kind: 'value'; value: T } | { kind: 'failed' } | { kind: 'skipped'; breakerOpen: boolean };

export class FallbackRun<T> {
  private readonly attempts: Attempt[] = [];
  private readonly skipped: Skip[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly call: ModelCall<T>,
    private readonly opts: RunOptions,
  ) {}

  async execute(candidates: readonly ModelInfo[]): Promise<RunResult<T>> {
    try {
      return await this.walk(candidates);
    } catch (error) {
      if (error instanceof ProviderError && error.reason === 'cancelled') {
        throw new RunCancelledError(this.attempts, this.skipped);
      }
      throw error;
    }
  }

  private async walk(candidates: readonly ModelInfo[]): Promise<RunResult<T>> {
    let modelsCalled = 0;
    const openCircuits: ModelInfo[] = [];
    for (const model of candidates) {
      if (modelsCalled >= this.ctx.options.maxModels) break;
      const outcome = await this.tryModel(model, false);
      if (outcome.kind === 'value') return this.result(outcome.value, model);
      if (outcome.kind === 'failed') modelsCalled++;
      else if (outcome.breakerOpen) openCircuits.push(model);
    }
    // Breaker state may be stale (the provider may have recovered): rather than fail
    // without a single call, try the model whose circuit has been open longest.
    if (modelsCalled === 0 && openCircuits.length > 0) {
      const oldest = this.oldestOpen(openCircuits);
      const outcome = await this.tryModel(oldest, true);
      if (outcome.kind === 'value') return this.result(outcome.value, oldest);
    }
    throw new AllCandidatesFailedError(this.attempts, this.skipped);
  }

  private async tryModel(model: ModelInfo, bypassBreaker: boolean): Promise<ModelOutcome<T>> {
    const providerId = model.provider.id;
    const triedKeys = new Set<string>();
    let retriesUsed = 0;
    await this.ctx.shared.syncKeys(providerId);
    let pick = this.ctx.keys.pick(providerId);
    for (let calls = 0; ; calls++) {
      if (this.opts.signal.aborted) throw cancelledError();
      if (pick.status === 'cooling') {
        return this.skipOrFail(model, calls, describeCoolingKeys(pick, this.ctx.clock.now()));
      }
      const mayPass = (bypassBreaker && calls === 0) || (await this.ctx.shared.acquire(model.ref));
      // A trial call of a suspected model (half-open, or the last resort past an open
      // circuit) is held to the first-byte deadline by itself. (Read after acquire: with
      // shared state, acquire is what brings the circuit's state to this replica.)
      const trial = (bypassBreaker && calls === 0) || this.ctx.breakers.state(model.ref) !== 'closed';
      if (!mayPass) return this.skipOrFail(model, calls, this.circuitOpenWords(model), true);
      const key = pick.status === 'ok' ? pick.key : undefined;
      if (key !== undefined) triedKeys.add(key);
      const outcome = await this.callOnce(model, pick, trial);
      if (outcome.ok) return { kind: 'value', value: outcome.value };
      const error = outcome.error;
      if (error.reason === 'cancelled') throw error;
      const step = nextStep({ error, key, model, retriesUsed, triedKeys, ctx: this.ctx });
      if (step.kind === 'next-model') return { kind: 'failed' };
      if (step.kind === 'wait') {
        await this.ctx.clock.sleep(step.ms, this.opts.signal);
        retriesUsed++;
      }
      pick = step.kind === 'rotate' ? step.pick : this.ctx.keys.pick(providerId);
    }
  }

  /** Makes one call and records it in `attempts` and in the model's breaker. */
  private async callOnce(model: ModelInfo, pick: KeyPick, trial: boolean): Promise<Outcome<T>> {
    const key = pick.status === 'ok' ? pick.key : undefined;
    this.opts.onAttemptStart?.(model, this.attempts.length + 1);
    const startedAt = this.ctx.clock.now();
    const cut = new AbortController();
    const watched = this.ctx.stalls.begin(model.ref, (error) => cut.abort(error));
    const threshold = trial ? 1 : this.ctx.options.breakerFailures;
    const firstByteMs = this.firstByteMs(model);
    const deadline = setTimeout(() => this.firstByteDeadline(model, watched, threshold, firstByteMs), firstByteMs);
    const start = (signal: AbortSignal, alive: () => void) =>
      this.call(model, key, signal, () => {
        watched.progress();
        alive();
      });
    const outcome = await attemptOnce(start, this.opts.signal, timeoutFor(this.ctx.options, model), cut.signal);
    clearTimeout(deadline);
    watched.end();
    const latencyMs = this.ctx.clock.now() - startedAt;
    if (outcome.ok) {
      await this.ctx.shared.succeeded(model.ref, latencyMs);
      this.attempts.push({ model: model.ref, ok: true, latencyMs });
      return outcome;
    }
    // A 429 on one of several keys is that key's limit, tracked by the KeyPool, not the model's health.
    const keySpecific = outcome.error.reason === 'rate_limited' && key !== undefined;
    await this.ctx.shared.failed(model.ref, outcome.error, keySpecific);
    this.opts.onAttemptFailed?.(model, outcome.error);
    const keyLabel = pick.status === 'ok' && this.ctx.keys.keyCount(model.provider.id) > 1 ? pick.label : undefined;
    const { billedUsage } = outcome.error;
    this.attempts.push({
      model: model.ref, ok: false, error: describeError(outcome.error, keyLabel), latencyMs,
      ...(outcome.error.reason === 'bad_request' ? { refused: true as const } : {}),
      ...(billedUsage ? { billed: reportedBill(model, billedUsage) } : {}),
    });
    return outcome;
  }

  /**
   * How long a call may show no life before it counts as stalled: firstByteTimeoutMs (more for a
   * model that reasons: patience.ts), or, for a call that does not stream (its answer is its
   * first sign of life), twice the slowest recent success of the model if that is longer, so
   * long answers of a healthy model are not taken for a hang.
   */
  private firstByteMs(model: ModelInfo): number {
    const firstByteTimeoutMs = firstByteFor(this.ctx.options, model);
    const { streamed } = this.opts;
    if (typeof streamed === 'function' ? streamed(model) : streamed) return firstByteTimeoutMs;
    const slowest = this.ctx.breakers.stats(model.ref).slowestLatencyMs();
    return slowest === null ? firstByteTimeoutMs : Math.max(firstByteTimeoutMs, Math.ceil(2 * slowest));
  }

  /** At a call's first-byte deadline: enough of this model's calls stalled means it is failing. */
  private firstByteDeadline(model: ModelInfo, watched: WatchedCall, threshold: number, firstByteMs: number): void {
    // Once its circuit is open (stalls or failures), a call still silent is not waited for.
    if (this.ctx.breakers.state(model.ref) !== 'closed') threshold = 1;
    const cut = this.ctx.stalls.deadlinePassed(model.ref, watched, threshold, firstByteMs);
    if (cut > 0) void this.ctx.shared.stalled(model.ref);
  }

  private skipOrFail(model: ModelInfo, calls: number, reason: string, breakerOpen = false): ModelOutcome<T> {
    if (calls > 0) return { kind: 'failed' };
    this.skipped.push({ model: model.ref, reason });
    return { kind: 'skipped', breakerOpen };
  }

  private circuitOpenWords(model: ModelInfo): string {
    const halfOpensAt = this.ctx.breakers.halfOpensAt(model.ref);
    // Half-open with its single probe already taken by a concurrent request.
    if (halfOpensAt === undefined || halfOpensAt <= this.ctx.clock.now()) return 'circuit half-open, probe in flight';
    return describeCircuitOpen(halfOpensAt, this.ctx.clock.now());
  }

  private oldestOpen(models: ModelInfo[]): ModelInfo {
    const openedAt = (m: ModelInfo) => this.ctx.breakers.halfOpensAt(m.ref) ?? Infinity;
    return models.reduce((oldest, m) => (openedAt(m) < openedAt(oldest) ? m : oldest));
  }

  private result(value: T, model: ModelInfo): RunResult<T> {
    return { value, model, attempts: this.attempts, skipped: this.skipped };
  }
}
