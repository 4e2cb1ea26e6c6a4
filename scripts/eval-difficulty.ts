// How well the classifier's difficulty score works as a strong/weak router on public data:
// RouteLLM's GSM8K, MMLU and MT-Bench outcomes for Mixtral-8x7B (weak) and GPT-4-1106
// (strong), data/routellm/outcomes.jsonl.gz. The score is not trained on this data (it is a
// fixed function of the wording), so there are no folds to hold out: every prompt is scored.
// Prints APGR and CPT by the RouteLLM protocol next to random routing and the paper's best.
//   PATH=$PWD/node_modules/.bin:$PATH tsx scripts/eval-difficulty.ts
import { classify } from '../server/src/classify/classify';
import { readRouteLlmOutcomes } from '../server/src/classify/training/routellm-data';
import { routingReport, type ScoredOutcome } from '../server/src/classify/training/routing-metrics';

// RouteLLM paper v4, Tables 1-3: its best router per benchmark (trained on Arena data).
const PAPER_BEST = { 'mt-bench': { apgr: 0.802, cpt50: 0.134, cpt80: 0.3131 }, mmlu: { apgr: 0.603, cpt50: 0.354, cpt80: 0.7155 }, gsm8k: { apgr: 0.622, cpt50: 0.3364, cpt80: 0.6326 } };

function main(): void {
  const rows = readRouteLlmOutcomes();
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
  console.log('difficulty score as a strong/weak router (RouteLLM protocol; random: APGR 0.500, CPT(50%) 50%, CPT(80%) 80%)\n');
  console.log('benchmark     n      APGR   CPT(50%)  CPT(80%)   | paper best: APGR  CPT(50%)  CPT(80%)');
  for (const bench of ['mt-bench', 'mmlu', 'gsm8k'] as const) {
    const scored: ScoredOutcome[] = rows
      .filter((row) => row.bench === bench)
      .map((row) => ({ score: classify({ prompt: row.prompt }).difficultyScore, weak: row.weak, strong: row.strong }));
    const r = routingReport(scored);
    const best = PAPER_BEST[bench];
    console.log(
      `${bench.padEnd(10)} ${String(r.n).padStart(6)}   ${r.apgr.toFixed(3)}   ${pct(r.cpt50)}    ${pct(r.cpt80)}    |             ${best.apgr.toFixed(3)}   ${pct(best.cpt50)}    ${pct(best.cpt80)}`,
    );
  }
}

main();
