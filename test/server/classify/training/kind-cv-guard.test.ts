// Guards the kind model's cross-validated figures on ALL labelled training data
// (upstream train.jsonl and every authored file, each row scored while held out),
// with the shipped hyperparameters, with and without a selection. The floors are
// the figures `npm run cv:kinds` measured (one shuffle here, three there), less a
// point of shuffle noise; eval.jsonl is never read. The targets (95% accuracy, no
// kind under 90% recall, in both places) are not met yet: these floors only stop
// the figures from falling back.
import assert from 'node:assert/strict';
import type { Kind } from '../../../../shared/protocol';
import { crossValidateAll } from '../../../../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../../../../server/src/classify/training/dataset';
import type { Hyperparameters } from '../../../../server/src/classify/training/fit';
import { recallByLocation, type LocationRecall } from '../../../../server/src/classify/training/location-recall';
import savedModel from '../../../../server/src/classify/model.json';

type Floors = { accuracy: number; recall: Partial<Record<Kind, number>> };
const FLOORS: Record<LocationRecall['location'], Floors> = {
  // Measured (seed 1): 87.0% overall; recall completion 88.0, refactor 81.3, explain 84.0, summarize 90.2, ask 88.9.
  all: { accuracy: 0.86, recall: { completion: 0.87, refactor: 0.803, explain: 0.83, summarize: 0.892, ask: 0.879 } },
  // With a selection: 86.1%; completion 88.7, refactor 85.3, explain 87.2, summarize 90.8, ask 74.0.
  inline: { accuracy: 0.851, recall: { completion: 0.877, refactor: 0.843, explain: 0.862, summarize: 0.898, ask: 0.73 } },
  // Without one: 87.8%; completion 87.6, refactor 66.7, explain 75.0, summarize 87.0, ask 91.1.
  panel: { accuracy: 0.868, recall: { completion: 0.866, refactor: 0.657, explain: 0.74, summarize: 0.86, ask: 0.901 } },
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
