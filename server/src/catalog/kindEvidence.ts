// Which public evidence informs which request kind, said in the words a routing reason shows.
//
//   completion            <- aider polyglot board, else its edit board (code written from tests)
//   refactor              <- aider refactor board, with the polyglot/edit result beside it
//   explain, summarize,   <- no general benchmark covers today's models in the repository (the
//   ask                      RouteLLM data has MMLU/GSM8K/MT-Bench for gpt-4-1106 and Mixtral
//                            8x7B only: two points fix a calibration exactly, so they add
//                            nothing); the code result stands in, and the reason says so
//
// A model with no public result at all says that, and how its quality was estimated instead,
// rather than quoting a board it was never on.
import { KINDS, type Kind } from '../../../shared/protocol';

export interface KindEvidence {
  /** Plain words for the code-board result: `aider polyglot board: 3.6% pass, run gpt-4o-mini-2024-07-18 of 2024-12-21`. */
  code: string;
  /** Plain words for the refactor-board result, when the model was on it. */
  refactor?: string;
}

const GENERAL_KINDS: ReadonlySet<Kind> = new Set(['explain', 'summarize', 'ask']);

function sourceFor(kind: Kind, evidence: KindEvidence): string {
  if (kind === 'refactor') {
    return evidence.refactor ? `${evidence.refactor}; ${evidence.code}` : `no refactor-board result; from ${evidence.code}`;
  }
  if (GENERAL_KINDS.has(kind)) return `no public ${kind} benchmark; from ${evidence.code}`;
  return evidence.code;
}

/** Per kind, the evidence behind its quality. */
export function sourcesByKind(evidence: KindEvidence): Record<Kind, string> {
  const sources = {} as Record<Kind, string>;
  for (const kind of KINDS) sources[kind] = sourceFor(kind, evidence);
  return sources;
}

/** Every kind says the same thing: nobody published a result for this model. */
export function noEvidence(modelId: string, estimate: string): Record<Kind, string> {
  const sources = {} as Record<Kind, string>;
  for (const kind of KINDS) sources[kind] = `no public results for ${modelId}: quality ${estimate}`;
  return sources;
}
