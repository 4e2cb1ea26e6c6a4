// Decides the kind of a request: the caller's word first, then a leading slash
// command, then what an empty prompt implies, and only then the trained model.
import { KINDS, type DocumentInput, type Kind } from '../../../shared/protocol';
import { predictKind } from './kind-model';
import { hasSelection } from '../text/selection';
import { parseSlashCommand } from './slash-commands';

// A command the user typed names the intent; we stop short of 1 because the
// command may sit in front of text that says otherwise, and a typo may be misread.
const COMMAND_CONFIDENCE = 0.97;
const MISTYPED_COMMAND_CONFIDENCE = 0.85;
// With no prompt: a cursor in a document is the classic inline-completion
// trigger; a bare selection is most often "what is this?", but it is a guess.
const CURSOR_COMPLETION_CONFIDENCE = 0.9;
const BARE_SELECTION_EXPLAIN_CONFIDENCE = 0.6;
// No prompt and no document: nothing to go on, so answer as a question, unsure.
const NOTHING_TO_GO_ON_CONFIDENCE = 0.2;
/**
 * Below this probability a code-only kind (completion, refactor: their prompts ask for bare
 * code) is not trusted and the request is answered as a question, whose prompt still shows
 * code when code is asked for; bare code is no answer to a question. Chosen from 1,595
 * out-of-fold predictions on train.jsonl (5 folds x 5 shuffles, the shipped
 * hyperparameters; `scripts/calibrate-kind-threshold.ts`, eval.jsonl never read): of the
 * completion/refactor predictions at p >= 0.5, 245 of 245 were right; below 0.5, 116 of 145
 * (one in five wrong). Explain and summarize answer in prose anyway, so they keep their kind.
 */
export const UNSURE_BELOW = 0.5;
const CODE_ONLY_KINDS: readonly Kind[] = ['completion', 'refactor'];

export interface KindDecision {
  kind: Kind;
  confidence: number;
  source: 'given' | 'classifier';
  signals: string[];
  /** The model's own guess when it was too unsure to act on (then `kind` is `ask`). */
  unsure?: { kind: Kind; confidence: number };
}

export function decideKind(given: unknown, prompt: string, document: DocumentInput | undefined): KindDecision {
  if (KINDS.includes(given as Kind)) {
    return { kind: given as Kind, confidence: 1, source: 'given', signals: [`kind given by caller: ${String(given)}`] };
  }
  const command = parseSlashCommand(prompt);
  if (command) {
    const exact = command.typed.toLowerCase().replace(/[-_]/g, '') === command.command;
    const read = exact ? `'/${command.typed}'` : `'/${command.typed}' read as '/${command.command}'`;
    return classified(command.kind, exact ? COMMAND_CONFIDENCE : MISTYPED_COMMAND_CONFIDENCE, `command: ${read} (kind ${command.kind})`);
  }
  if (prompt.trim() === '') {
    if (!document) return classified('ask', NOTHING_TO_GO_ON_CONFIDENCE, 'no prompt and no document: treated as a question');
    return hasSelection(document)
      ? classified('explain', BARE_SELECTION_EXPLAIN_CONFIDENCE, 'no prompt, only a selection: explain it')
      : classified('completion', CURSOR_COMPLETION_CONFIDENCE, 'no prompt, only a cursor in the document: complete the code');
  }
  const prediction = predictKind({ prompt, document });
  const p = prediction.probability.toFixed(2);
  const wording = prediction.cue
    ? `wording: '${prediction.cue}' (kind ${prediction.kind}, p=${p})`
    : `wording: no single decisive word (kind ${prediction.kind}, p=${p})`;
  const context = hasSelection(document) ? 'context: chat about a selection' : 'context: chat without a selection';
  if (prediction.probability < UNSURE_BELOW && CODE_ONLY_KINDS.includes(prediction.kind)) {
    const guess = { kind: prediction.kind, confidence: prediction.probability };
    return { ...classified('ask', prediction.probability, wording, context), unsure: guess };
  }
  return classified(prediction.kind, prediction.probability, wording, context);
}

/** "not sure which kind (refactor 30%): answered as a question" */
export function describeUnsure(guess: { kind: Kind; confidence: number }): string {
  return `not sure which kind (${guess.kind} ${Math.round(guess.confidence * 100)}%): answered as a question`;
}

function classified(kind: Kind, confidence: number, ...signals: string[]): KindDecision {
  return { kind, confidence, source: 'classifier', signals };
}
