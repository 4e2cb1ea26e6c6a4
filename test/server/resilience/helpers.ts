// Test doubles for the resilience tests: a fake clock whose waits pass instantly but
// are recorded, models built from a ref, and scripted calls that follow a list of outcomes.
import type { ModelInfo } from '../../../server/src/catalog/types';
import { ProviderError, type FailureReason } from '../../../server/src/providers/errors';
import type { Clock } from '../../../server/src/resilience/clock';
import { cancelledError } from '../../../server/src/resilience/errors';
import type { ResilienceOptions } from '../../../server/src/resilience/run-types';
import { defaultSettings } from '../../../shared/settings';

export class FakeClock implements Clock {
  readonly waits: number[] = [];
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw cancelledError();
    this.waits.push(ms);
    this.time += ms;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export function options(overrides: Partial<ResilienceOptions> = {}): ResilienceOptions {
  return { ...defaultSettings.resilience, ...overrides };
}

export function model(ref: string): ModelInfo {
  const [providerId, modelId] = ref.split('/');
  return {
    ref,
    provider: { id: providerId, type: 'openai-compatible', models: [{ id: modelId }] },
    modelId,
    inputUsdPerMTok: 1,
    outputUsdPerMTok: 2,
    priceSource: 'settings',
    contextWindow: 128_000,
    maxOutputTokens: 4096,
    quality: { completion: 0.5, refactor: 0.5, explain: 0.5, summarize: 0.5, ask: 0.5 },
    qualitySource: 'test',
    latencyPriorMs: 1000,
  };
}

const STATUS: Partial<Record<FailureReason, number>> = {
  rate_limited: 429,
  auth: 401,
  overloaded: 529,
  server: 500,
  bad_request: 400,
};

export function failure(reason: FailureReason, retryAfterMs?: number): ProviderError {
  return new ProviderError(reason, `${reason} from the test`, STATUS[reason], retryAfterMs);
}

/** 'ok' succeeds; 'hang' never settles until the call's signal aborts. */
export type Step = 'ok' | 'hang' | ProviderError;

export interface Call {
  ref: string;
  key: string | undefined;
  signal: AbortSignal;
}

/** A call that plays each model's steps in order; a model out of steps fails with a 500. */
export function scripted(steps: Record<string, Step[]>) {
  const calls: Call[] = [];
  const queues = new Map(Object.entries(steps).map(([ref, list]) => [ref, [...list]]));
  const call = async (m: ModelInfo, key: string | undefined, signal: AbortSignal): Promise<string> => {
    calls.push({ ref: m.ref, key, signal });
    const step = queues.get(m.ref)?.shift() ?? failure('server');
    if (step === 'ok') return `answer from ${m.ref} #${calls.length}`;
    if (step === 'hang') return new Promise<string>(() => undefined);
    throw step;
  };
  return { call, calls };
}

export const noSignal = (): AbortSignal => new AbortController().signal;
