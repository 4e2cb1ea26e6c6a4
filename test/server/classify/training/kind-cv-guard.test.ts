// Guards the kind model's cross-validated figures on ALL labelled training data
// (upstream train.jsonl and every authored file, each row scored while held out),
// with the shipped hyperparameters, with and without a selection. The floors are
// the figures `npm run cv:kinds` measured (one shuffle here, three there), less a
// point of shuffle noise; eval.jsonl is never read. The targets (95% accuracy, no
// kind under 90% recall, in both places) are not met yet (92.6%; asks over a selection
// 84.4%, summaries without one 90.2%, after the December label audit and the 63 rows of
// authored-requests/contrasts.jsonl, many of them hard asks over a selection): these
// floors only stop the figures from falling back.
import assert from 'node:assert/strict';
import type { Kind } from '../../../../shared/protocol';
import { crossValidateAll } from '../../../../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../../../../server/src/classify/training/dataset';
import type { Hyperparameters } from '../../../../server/src/classify/training/fit';
import { recallByLocation, type LocationRecall } from '../../../../server/src/classify/training/location-recall';
import savedModel from '../../../../server/src/classify/model.json';

type Floors = { accuracy: number; recall: Partial<Record<Kind, number>> };
const FLOORS: Record<LocationRecall['location'], Floors> = {
  // Measured (seed 1): 92.6% overall; recall completion 93.3, refactor 93.3, explain 92.6, summarize 95.0, ask 91.3.
  all: { accuracy: 0.916, recall: { completion: 0.923, refactor: 0.923, explain: 0.916, summarize: 0.94, ask: 0.903 } },
  // With a selection: 91.8%; completion 92.3, refactor 93.0, explain 92.8, summarize 96.4, ask 84.4.
  inline: { accuracy: 0.908, recall: { completion: 0.913, refactor: 0.92, explain: 0.918, summarize: 0.954, ask: 0.834 } },
  // Without one: 93.3%; completion 94.1, refactor 94.4, explain 92.3, summarize 90.2, ask 93.2.
  panel: { accuracy: 0.923, recall: { completion: 0.931, refactor: 0.934, explain: 0.913, summarize: 0.892, ask: 0.922 } },
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
