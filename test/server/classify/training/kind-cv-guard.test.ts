// Guards the kind model's cross-validated figures on ALL labelled training data
// (upstream train.jsonl and every authored file, each row scored while held out),
// with the shipped hyperparameters, with and without a selection. The floors are
// the figures `npm run cv:kinds` measured (one shuffle here, three there), less a
// point of shuffle noise; eval.jsonl is never read. The accuracy target (95%) is not
// met (93.0% over three shuffles after the harder rows of authored-requests/boundaries-3/4.jsonl
// and the work-object.ts features; 92.3% before them on fewer rows); every kind's recall is at
// 90% or more in both places over three shuffles (lowest: asks over a selection 90.5%,
// explanations there 90.6%). These floors only stop the figures from falling back.
import assert from 'node:assert/strict';
import type { Kind } from '../../../../shared/protocol';
import { crossValidateAll } from '../../../../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../../../../server/src/classify/training/dataset';
import type { Hyperparameters } from '../../../../server/src/classify/training/fit';
import { recallByLocation, type LocationRecall } from '../../../../server/src/classify/training/location-recall';
import savedModel from '../../../../server/src/classify/model.json';

type Floors = { accuracy: number; recall: Partial<Record<Kind, number>> };
const FLOORS: Record<LocationRecall['location'], Floors> = {
  // Measured (seed 1): 93.1% overall; recall completion 93.8, refactor 93.4, explain 92.3, summarize 96.0, ask 92.3.
  all: { accuracy: 0.921, recall: { completion: 0.928, refactor: 0.924, explain: 0.913, summarize: 0.95, ask: 0.913 } },
  // With a selection: 92.9%; completion 93.1, refactor 93.5, explain 92.0, summarize 96.1, ask 91.0.
  inline: { accuracy: 0.919, recall: { completion: 0.921, refactor: 0.925, explain: 0.91, summarize: 0.951, ask: 0.90 } },
  // Without one: 93.3%; completion 94.4, refactor 92.9, explain 93.0, summarize 95.6, ask 92.8.
  panel: { accuracy: 0.923, recall: { completion: 0.934, refactor: 0.919, explain: 0.92, summarize: 0.946, ask: 0.918 } },
};

describe('kind model: cross-validated on all labelled training data', function () {
  this.timeout(120_000);
  const outcomes = (() => {
    let cached: ReturnType<typeof crossValidateAll> | undefined;
    return () => (cached ??= crossValidateAll(readRows('train.jsonl'), readAuthoredRows(), savedModel.about as unknown as Hyperparameters, 5, 1));
  })();

  for (const location of ['all', 'inline', 'panel'] as const) {
    it(`keeps accuracy and every kind's recall at their measured floors (${location})`, () => {
      const report = recallByLocation(outcomes()).find((r) => r.location === location);
      assert.ok(report);
      const floors = FLOORS[location];
      assert.ok(report.accuracy >= floors.accuracy, `accuracy ${(report.accuracy * 100).toFixed(1)}%`);
      for (const [kind, floor] of Object.entries(floors.recall) as Array<[Kind, number]>) {
        const recall = report.recall[kind] ?? 0;
        assert.ok(recall >= floor, `${kind} recall ${(recall * 100).toFixed(1)}% under ${(floor * 100).toFixed(1)}%`);
      }
    });
  }
});
