// Need-scorer latency: predictNeed (features + linear score + calibration) in-process,
// over every RouteLLM prompt (questions up to ~5,000 characters; the scorer reads at
// most 3,000) and short editor requests. Prints figures; asserts nothing.
// Run: node --import tsx bench/need.bench.ts
import { predictNeed } from '../server/src/classify/need/need';
import { readRouteLlmOutcomes } from '../server/src/classify/training/routellm-data';
import { ms, sample, summarise } from './stats';

const BEST_OF = 5;
const EDITOR_PROMPTS = ['explain this', 'why does this deadlock under load?', 'add tests for the parser', 'rename x to count', 'summarize'];

async function main() {
  const benchmark = readRouteLlmOutcomes().map((row) => row.prompt);
  for (const [label, prompts] of [['RouteLLM prompts', benchmark], ['editor requests', EDITOR_PROMPTS]] as const) {
    await sample(2_000, (i) => predictNeed(prompts[i % prompts.length])); // warm-up: JIT
    const count = Math.max(prompts.length, 10_000);
    const s = summarise(await sample(count, (i) => predictNeed(prompts[i % prompts.length])));
    console.log(`need scorer on ${label}: p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  mean ${ms(s.mean)}  (${count} calls)`);
    // On a busy machine a call is sometimes paused while other processes run, which the
    // wall clock counts. The best of a few runs of each prompt removes those pauses and
    // keeps what the prompt itself costs: its p99 is the cost of the slowest 1% of prompts.
    const best: number[] = [];
    for (const prompt of prompts) best.push(Math.min(...(await sample(BEST_OF, () => predictNeed(prompt)))));
    const b = summarise(best);
    console.log(`need scorer on ${label}, best of ${BEST_OF} runs per prompt: p50 ${ms(b.p50)}  p99 ${ms(b.p99)}  (${prompts.length} prompts)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
