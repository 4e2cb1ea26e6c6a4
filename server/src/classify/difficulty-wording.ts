// What the wording of a request says about how hard it is. Each weight is an
// additive nudge to the 0..1 difficulty score; the reasons are in the comments.

export interface WordingCue {
  label: string;
  pattern: RegExp;
  weight: number;
}

export const WORDING_CUES: readonly WordingCue[] = [
  // Concurrency bugs hide in interleavings a model must reason about, not pattern-match.
  {
    label: 'concurrency',
    pattern: /\b(concurren\w*|race conditions?|deadlocks?|thread[- ]safe\w*|mutex\w*|lock[- ]free|atomics?|parallelis\w*)\b/i,
    weight: 0.25,
  },
  // Proofs and invariants need multi-step reasoning that weak models fake.
  { label: 'proof', pattern: /\b(prove|proofs?|invariants?|formally|correctness)\b/i, weight: 0.25 },
  // Design and architecture span many components and trade-offs at once.
  { label: 'architecture', pattern: /\b(architect\w*|design\w*|system design)\b/i, weight: 0.2 },
  { label: 'distributed systems', pattern: /\b(distributed|scalab\w*|consensus|sharding|replication)\b/i, weight: 0.2 },
  // Security mistakes are costly and subtle; they deserve a strong model.
  {
    label: 'security',
    pattern: /\b(secur\w*|vulnerab\w*|exploits?|injections?|cryptograph\w*|encrypt\w*|authenticat\w*|authori[sz]\w*|oauth)\b/i,
    weight: 0.2,
  },
  // Optimisation needs a model of cost, not just of syntax.
  { label: 'performance', pattern: /\b(optimi[sz]\w*|performance|faster|latency|complexity|memory leaks?|bottlenecks?)\b/i, weight: 0.15 },
  { label: 'migration', pattern: /\b(migrat\w*|port (it |this )?to|upgrade)\b/i, weight: 0.15 },
  { label: 'algorithm', pattern: /\b(algorithms?|dynamic programming|recursion|graph)\b/i, weight: 0.1 },
  { label: 'debugging', pattern: /\b(debug\w*|segfault|stack trace|crash\w*|flaky)\b/i, weight: 0.1 },
  // Mechanical edits and look-ups: any model gets these right.
  { label: 'typo', pattern: /\b(typos?|spelling|misspell\w*)\b/i, weight: -0.15 },
  { label: 'rename', pattern: /\brenam\w*\b/i, weight: -0.1 },
  { label: 'formatting', pattern: /\b(format\w*|indent\w*|whitespace|lint)\b/i, weight: -0.1 },
  { label: 'definition question', pattern: /\b(what is|what's|what are|define|meaning of)\b/i, weight: -0.1 },
  { label: 'small scope', pattern: /\b(simple|quick|small|one[- ]liner|single line|trivial)\b/i, weight: -0.1 },
  { label: 'greeting', pattern: /^\s*(hi|hello|hey|thanks?|thank you)\b/i, weight: -0.15 },
];

// Several hard cues in one request are not additively harder without bound; cap
// the wording's total so size and kind still matter.
export const MAX_WORDING_BONUS = 0.35;
export const MAX_WORDING_DISCOUNT = -0.2;

// A request that lists steps ("1. ... 2. ..." or "first ... then ...") asks for
// several changes that must fit together.
// The blanks before a marker stop at a line break (`[^\S\n]*`, not `\s*`): the same matches,
// counted the same, but a run of empty lines is no longer rescanned from each of its breaks
// (quadratic: ~6.5 ms on a 3,000-character window of them).
export const STEP_MARKERS = /(^|\n)[^\S\n]*(\d+[.)]|[-*\u2022])\s+|\b(then|after that|afterwards|finally|and also)\b/gi;
const MIN_STEPS_FOR_MULTI_STEP = 2;
export const MULTI_STEP_WEIGHT = 0.15;

// A long written specification usually describes a larger piece of work.
const LONG_PROMPT_WORDS = 80;
export const LONG_PROMPT_WEIGHT = 0.1;

// Reading this much of a prompt is enough to see its wording; the rest is
// usually pasted code, already counted by size.
const WORDING_SCAN_CHARS = 2_000;

export interface WordingFinding {
  label: string;
  weight: number;
}

export function wordingFindings(prompt: string): WordingFinding[] {
  const head = prompt.slice(0, WORDING_SCAN_CHARS);
  const findings: WordingFinding[] = WORDING_CUES.filter((cue) => cue.pattern.test(head)).map(({ label, weight }) => ({
    label,
    weight,
  }));
  const steps = head.match(STEP_MARKERS)?.length ?? 0;
  if (steps >= MIN_STEPS_FOR_MULTI_STEP) findings.push({ label: `multi-step (${steps} steps)`, weight: MULTI_STEP_WEIGHT });
  const words = head.split(/\s+/).filter(Boolean).length;
  if (words >= LONG_PROMPT_WORDS) findings.push({ label: `long request (${words} words)`, weight: LONG_PROMPT_WEIGHT });
  return findings;
}
