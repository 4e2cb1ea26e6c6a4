// Builds data/routellm/outcomes.jsonl.gz from the RouteLLM evaluation data: one line per
// prompt with how the weak model (Mixtral-8x7B) and the strong one (GPT-4-1106) did on it.
// Only the prompts and those outcomes are kept (not the models' answers); prompts RouteLLM
// marks as contaminated are dropped, as its paper does.
//   PATH=$PWD/node_modules/.bin:$PATH tsx scripts/import-routellm.ts ../shared/data/routellm
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { ROUTELLM_FILE, type RouteLlmOutcome as Outcome } from '../server/src/classify/training/routellm-data';

const WEAK = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const STRONG = 'gpt-4-1106-preview';

function main(): void {
  const source = process.argv[2];
  if (!source) throw new Error('usage: import-routellm.ts <path to shared/data/routellm>');
  const evals = join(source, 'routellm', 'evals');
  const outcomes = [...correctness(evals, 'gsm8k'), ...correctness(evals, 'mmlu'), ...mtBench(evals)];
  writeFileSync(ROUTELLM_FILE, gzipSync(outcomes.map((o) => JSON.stringify(o)).join('\n') + '\n', { level: 9 }));
  for (const bench of ['gsm8k', 'mmlu', 'mt-bench'] as const) {
    const rows = outcomes.filter((o) => o.bench === bench);
    const mean = (pick: (o: Outcome) => number) => (rows.reduce((s, o) => s + pick(o), 0) / rows.length).toFixed(3);
    console.log(`${bench}: ${rows.length} prompts, weak ${mean((o) => o.weak)}, strong ${mean((o) => o.strong)}`);
  }
}

function contaminated(evals: string, bench: string): Set<string> {
  const lines = readFileSync(join(evals, bench, 'contaminated_prompts.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return new Set(lines.map((l) => (JSON.parse(l) as { eval_prompt: string }).eval_prompt.trim()));
}

function correctness(evals: string, bench: 'gsm8k' | 'mmlu'): Outcome[] {
  const files = bench === 'gsm8k'
    ? [join(evals, 'gsm8k', 'gsm8k_responses.csv')]
    : readdirSync(join(evals, 'mmlu', 'responses')).sort().map((f) => join(evals, 'mmlu', 'responses', f));
  const skip = contaminated(evals, bench);
  return files.flatMap((file) => {
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    return rows
      .filter((row) => !skip.has(row.prompt.trim()))
      .map((row): Outcome => ({ bench, prompt: row.prompt, weak: truth(row[WEAK]), strong: truth(row[STRONG]) }));
  });
}

function truth(cell: string | undefined): number {
  if (cell === 'True') return 1;
  if (cell === 'False') return 0;
  throw new Error(`expected True or False, got ${String(cell)}`);
}

/** MT-Bench: routed on the first turn's question; quality is the mean judge score of both turns. */
function mtBench(evals: string): Outcome[] {
  const dir = join(evals, 'mt_bench');
  const read = <T>(name: string) => readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
  const skip = contaminated(evals, 'mt_bench');
  const scores = new Map<string, number[]>();
  for (const j of read<{ question_id: number; model: string; score: number }>('judgements.jsonl')) {
    const key = `${j.question_id} ${j.model}`;
    scores.set(key, [...(scores.get(key) ?? []), j.score]);
  }
  const mean = (id: number, model: string) => {
    const list = scores.get(`${id} ${model}`);
    if (!list || list.length !== 2) throw new Error(`question ${id}: expected 2 judged turns for ${model}`);
    return (list[0] + list[1]) / 2;
  };
  return read<{ question_id: number; turns: string[] }>('question.jsonl')
    .filter((q) => !skip.has(q.turns[0].trim()))
    .map((q) => ({ bench: 'mt-bench', prompt: q.turns[0], weak: mean(q.question_id, 'mistralai/Mixtral-8x7B-Instruct-v0.1'), strong: mean(q.question_id, STRONG) }));
}

main();
