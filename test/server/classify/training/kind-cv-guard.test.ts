// Guards the kind model's cross-validated figures on ALL labelled training data
// (upstream train.jsonl and every authored file, each row scored while held out),
// with the shipped hyperparameters, with and without a selection. The floors are
// the figures `npm run cv:kinds` measured (one shuffle here, three there), less a
// point of shuffle noise; eval.jsonl is never read. The accuracy target (95%) is not
// met (92.3% over three shuffles after the harder rows of authored-requests/boundaries*.jsonl);
// every kind's recall is at 90% or more in both places over three shuffles (asks over a
// selection 90.3%, completions there 90.8%), but on this one shuffle completions over a
// selection are at 89.6%. These floors only stop the figures from falling back.
import assert from 'node:assert/strict';
import type { Kind } from '../../../../shared/protocol';
import { crossValidateAll } from '../../../../server/src/classify/training/cross-validate';
import { readAuthoredRows, readRows } from '../../../../server/src/classify/training/dataset';
import type { Hyperparameters } from '../../../../server/src/classify/training/fit';
import { recallByLocation, type LocationRecall } from '../../../../server/src/classify/training/location-recall';
import savedModel from '../../../../server/src/classify/model.json';

type Floors = { accuracy: number; recall: Partial<Record<Kind, number>> };
const FLOORS: Record<LocationRecall['location'], Floors> = {
  // Measured (seed 1): 92.5% overall; recall completion 91.6, refactor 93.5, explain 91.5, summarize 95.4, ask 92.2.
  all: { accuracy: 0.915, recall: { completion: 0.906, refactor: 0.925, explain: 0.905, summarize: 0.944, ask: 0.912 } },
  // With a selection: 92.0%; completion 89.6, refactor 93.5, explain 90.5, summarize 95.3, ask 91.5.
  inline: { accuracy: 0.91, recall: { completion: 0.886, refactor: 0.925, explain: 0.895, summarize: 0.943, ask: 0.905 } },
  // Without one: 93.0%; completion 93.3, refactor 93.4, explain 93.9, summarize 95.6, ask 92.5.
  panel: { accuracy: 0.92, recall: { completion: 0.923, refactor: 0.924, explain: 0.929, summarize: 0.946, ask: 0.915 } },
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
