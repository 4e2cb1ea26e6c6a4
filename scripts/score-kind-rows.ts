// Scores a file of labelled rows (one JSON object a line, the authored-requests format)
// with the shipped kind model, before those rows are trained on: how a new batch reads
// to the model that has not seen it, overall, with and without a selection, and per
// kind. Prints each miss with the model's probability. For training-side files only
// (eval.jsonl and held-out/ have their own reports).
//   npx tsx scripts/score-kind-rows.ts data/authored-requests/<file>.jsonl
import { readFileSync } from 'node:fs';
import { predictKind } from '../server/src/classify/kind-model';
import { toInput, type IntentRow } from '../server/src/classify/training/dataset';
import { formatLocationRecall, recallByLocation } from '../server/src/classify/training/location-recall';
import { accuracy } from '../server/src/classify/training/metrics';

function main(): void {
  const path = process.argv[2];
  if (!path) throw new Error('usage: score-kind-rows.ts <file.jsonl>');
  const rows = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as IntentRow);
  const scored = rows.map((row) => {
    const prediction = predictKind(toInput(row));
    return { expected: row.kind, predicted: prediction.kind, probability: prediction.probability, location: row.location, request: row.request };
  });
  const right = scored.filter((s) => s.expected === s.predicted).length;
  console.log(`${path}: ${right} of ${rows.length} right (${(accuracy(scored) * 100).toFixed(1)}%)`);
  console.log(formatLocationRecall(recallByLocation(scored)));
  for (const s of scored.filter((s) => s.expected !== s.predicted)) {
    console.log(`  ${s.location} ${s.expected} -> ${s.predicted} (p=${s.probability.toFixed(2)}): ${JSON.stringify(s.request)}`);
  }
}

main();
