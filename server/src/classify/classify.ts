// Entry point of the request classifier: what kind of work a request is and how
// hard it is, with the signals that decided, in words. Runs on every editor
// request, so it does no I/O: the kind model is bundled and loaded once.
import type { DocumentInput } from '../../../shared/protocol';
import { assessDifficulty } from './difficulty';
import { decideKind } from './kind-decision';
import { RecentClassifications } from './recent-classifications';
import type { Classification, ClassifyInput } from './types';

const recent = new RecentClassifications();

export function classify(input: ClassifyInput): Classification {
  // Requests arrive over JSON-RPC: trust the shape, not the types.
  const prompt = typeof input.prompt === 'string' ? input.prompt : '';
  const document = usableDocument(input.document);
  // A prompt alone (the gateway's conversations) is classified once while it recurs; with a document the text around it counts too.
  if (document === undefined) return recent.get(input.kind, prompt, () => classifyText(input.kind, prompt, undefined));
  return classifyText(input.kind, prompt, document);
}

function classifyText(givenKind: ClassifyInput['kind'], prompt: string, document: DocumentInput | undefined): Classification {
  const kind = decideKind(givenKind, prompt, document);
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
