// Entry point of the request classifier: what kind of work a request is and how
// hard it is, with the signals that decided, in words. Runs on every editor
// request, so it does no I/O: the kind model is bundled and loaded once.
import type { DocumentInput } from '../../../shared/protocol';
import { assessDifficulty } from './difficulty';
import { decideKind } from './kind-decision';
import type { Classification, ClassifyInput } from './types';

export function classify(input: ClassifyInput): Classification {
  // Requests arrive over JSON-RPC: trust the shape, not the types.
  const prompt = typeof input.prompt === 'string' ? input.prompt : '';
  const document = usableDocument(input.document);
  const kind = decideKind(input.kind, prompt, document);
  const difficulty = assessDifficulty(kind.kind, prompt, document);
  return {
    kind: kind.kind,
    kindConfidence: kind.confidence,
    kindSource: kind.source,
    ...(kind.unsure ? { unsureOf: kind.unsure } : {}),
    difficulty: difficulty.difficulty,
    difficultyScore: difficulty.score,
    signals: [...kind.signals, ...difficulty.signals],
  };
}

function usableDocument(document: DocumentInput | undefined): DocumentInput | undefined {
  if (typeof document !== 'object' || document === null || typeof document.text !== 'string') return undefined;
  if (typeof document.languageId === 'string') return document;
  return { ...document, languageId: 'unknown' };
}
