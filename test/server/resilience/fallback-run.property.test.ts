import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ModelInfo } from '../../../server/src/catalog/types';
import type { FailureReason } from '../../../server/src/providers/errors';
import { AllCandidatesFailedError } from '../../../server/src/resilience/errors';
import { Resilience } from '../../../server/src/resilience/resilience';
import { failure, FakeClock, model, noSignal, options, type Step } from './helpers';

const REASONS: FailureReason[] = [
  'rate_limited',
  'auth',
  'overloaded',
  'server',
  'timeout',
  'connection',
  'malformed',
  'bad_request',
];

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>('ok'),
  fc
    .tuple(fc.constantFrom(...REASONS), fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }))
    .map(([reason, retryAfterMs]) => failure(reason, retryAfterMs)),
);

const scenarioArb = fc.record({
  providerOfModel: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 6 }),
  keysPerProvider: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)),
  steps: fc.array(fc.array(stepArb, { maxLength: 8 }), { minLength: 6, maxLength: 6 }),
  retriesPerModel: fc.integer({ min: 0, max: 3 }),
  maxModels: fc.integer({ min: 1, max: 5 }),
  breakerFailures: fc.integer({ min: 1, max: 3 }),
  maxRetryAfterMs: fc.integer({ min: 0, max: 15_000 }),
  keyCooldownMs: fc.integer({ min: 0, max: 60_000 }),
  requests: fc.integer({ min: 1, max: 3 }),
});

interface Made {
  ref: string;
  ok: boolean;
  value?: string;
}

describe('Resilience.run: property', () => {
  it('returns only a value a called model produced, or fails with every call listed, within maxModels', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const clock = new FakeClock();
        const resilience = new Resilience(options({ ...s, breakerHalfOpenAfterMs: 30_000 }), { clock });
        const keyList = (p: number, n: number) => Array.from({ length: n }, (_, k) => `sk-prop-${p}-${k}`);
        const keys = new Map(s.keysPerProvider.map((n, p) => [`p${p}`, keyList(p, n)]));
        resilience.setKeys(keys);
        const candidates = s.providerOfModel.map((p, i) => model(`p${p}/m${i}`));
        const queues = s.steps.map((list) => [...list]);
        for (let request = 0; request < s.requests; request++) {
          const made: Made[] = [];
          const call = async (m: ModelInfo, key: string | undefined): Promise<string> => {
            const providerKeys = keys.get(m.provider.id) ?? [];
            assert.ok(providerKeys.length === 0 ? key === undefined : providerKeys.includes(key ?? ''));
            const step = queues[candidates.indexOf(m)].shift() ?? 'ok';
            const value = `${m.ref}#${made.length}`;
            made.push({ ref: m.ref, ok: step === 'ok', value });
            if (step !== 'ok') throw step;
            return value;
          };
          const outcome = await resilience.run(candidates, call, { signal: noSignal() }).then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          );
          assert.ok(new Set(made.map((m) => m.ref)).size <= s.maxModels);
          let attempts;
          if ('result' in outcome) {
            const last = made[made.length - 1];
            assert.ok(last.ok && outcome.result.model.ref === last.ref && outcome.result.value === last.value);
            assert.ok(made.slice(0, -1).every((m) => !m.ok));
            attempts = outcome.result.attempts;
          } else {
            assert.ok(outcome.error instanceof AllCandidatesFailedError);
            assert.ok(made.every((m) => !m.ok));
            assert.doesNotMatch(outcome.error.message, /sk-prop/);
            attempts = outcome.error.attempts;
          }
          assert.deepEqual(
            attempts.map((a) => [a.model, a.ok]),
            made.map((m) => [m.ref, m.ok]),
          );
          clock.advance(10_000);
        }
      }),
      { numRuns: 300 },
    );
  });
});
