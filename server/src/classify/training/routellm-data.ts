// Reads data/routellm/outcomes.jsonl.gz (see data/routellm/README.md): per prompt, how the
// weak and the strong model did. Gzipped because the MMLU prompts make it 7.5 MB as text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type RouteLlmBench = 'gsm8k' | 'mmlu' | 'mt-bench';

export interface RouteLlmOutcome {
  bench: RouteLlmBench;
  prompt: string;
  /** 1/0 correctness (GSM8K, MMLU) or the mean GPT-4 judge score of both turns (MT-Bench, 1-10). */
  weak: number;
  strong: number;
}

export const ROUTELLM_FILE = join(__dirname, '..', '..', '..', '..', 'data', 'routellm', 'outcomes.jsonl.gz');

export function readRouteLlmOutcomes(bench?: RouteLlmBench): RouteLlmOutcome[] {
  return gunzipSync(readFileSync(ROUTELLM_FILE))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RouteLlmOutcome)
    .filter((row) => bench === undefined || row.bench === bench);
}
