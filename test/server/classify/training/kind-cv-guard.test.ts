// Guards the kind model's cross-validated figures on ALL labelled training data
// (upstream train.jsonl and every authored file, each row scored while held out),
// with the shipped hyperparameters, with and without a selection. The floors are
// the figures `npm run cv:kinds` measured (one shuffle here, three there), less a
// point of shuffle noise; eval.jsonl is never read. The targets (95% accuracy, no
// kind under 90% recall, in both places) are not met yet (92.7%; asks over a
// selection 89.1%, refactors without one 89.5%): these floors only stop the
// figures from falling back.
import assert from 'node:assert/strict';
import type { Kind } from '../../../../shared/protocol';
import { crossValidateAll } from '../../../../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../../../../server/src/classify/training/dataset';
import type { Hyperparameters } from '../../../../server/src/classify/training/fit';
import { recallByLocation, type LocationRecall } from '../../../../server/src/classify/training/location-recall';
import savedModel from '../../../../server/src/classify/model.json';

type Floors = { accuracy: number; recall: Partial<Record<Kind, number>> };
const FLOORS: Record<LocationRecall['location'], Floors> = {
  // Measured (seed 1): 92.7% overall; recall completion 93.2, refactor 91.8, explain 91.9, summarize 95.6, ask 92.5.
  all: { accuracy: 0.917, recall: { completion: 0.922, refactor: 0.908, explain: 0.909, summarize: 0.946, ask: 0.915 } },
  // With a selection: 92.5%; completion 92.2, refactor 92.5, explain 92.2, summarize 96.4, ask 89.1.
  inline: { accuracy: 0.915, recall: { completion: 0.912, refactor: 0.915, explain: 0.912, summarize: 0.954, ask: 0.881 } },
  // Without one: 92.9%; completion 94.1, refactor 89.5, explain 91.0, summarize 92.7, ask 93.2.
  panel: { accuracy: 0.919, recall: { completion: 0.931, refactor: 0.885, explain: 0.90, summarize: 0.917, ask: 0.922 } },
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
