// Guards the kind model's cross-validated figures on ALL labelled training data
// (upstream train.jsonl and every authored file, each row scored while held out),
// with the shipped hyperparameters, with and without a selection. The floors are
// the figures `npm run cv:kinds` measured (one shuffle here, three there), less a
// point of shuffle noise; eval.jsonl is never read. The targets (95% accuracy, no
// kind under 90% recall, in both places) are not met yet (92.3% after the 166 harder
// rows of authored-requests/boundaries.jsonl; asks over a selection 88.7% on this
// shuffle, 89.7% over three): these floors only stop the figures from falling back.
import assert from 'node:assert/strict';
import type { Kind } from '../../../../shared/protocol';
import { crossValidateAll } from '../../../../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../../../../server/src/classify/training/dataset';
import type { Hyperparameters } from '../../../../server/src/classify/training/fit';
import { recallByLocation, type LocationRecall } from '../../../../server/src/classify/training/location-recall';
import savedModel from '../../../../server/src/classify/model.json';

type Floors = { accuracy: number; recall: Partial<Record<Kind, number>> };
const FLOORS: Record<LocationRecall['location'], Floors> = {
  // Measured (seed 1): 92.3% overall; recall completion 95.2, refactor 91.5, explain 92.8, summarize 94.8, ask 90.4.
  all: { accuracy: 0.913, recall: { completion: 0.942, refactor: 0.905, explain: 0.918, summarize: 0.938, ask: 0.894 } },
  // With a selection: 91.6%; completion 93.6, refactor 91.2, explain 91.3, summarize 94.0, ask 88.7.
  inline: { accuracy: 0.906, recall: { completion: 0.926, refactor: 0.902, explain: 0.903, summarize: 0.93, ask: 0.877 } },
  // Without one: 93.1%; completion 96.5, refactor 92.2, explain 96.3, summarize 97.7, ask 91.1.
  panel: { accuracy: 0.921, recall: { completion: 0.955, refactor: 0.912, explain: 0.953, summarize: 0.967, ask: 0.901 } },
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
