// What @router keeps with each answer (ChatResult.metadata, which VS Code hands back with
// the chat's history): enough to continue the conversation, retry the request with another
// model, and say why its model was chosen. Pure.
import type { Attempt, DocumentInput, Kind } from '../../../shared/protocol';

/** The request as sent (without its history), so /retry can send it again. */
export interface SentRequest {
  kind: Kind;
  prompt?: string;
  document?: DocumentInput;
}

export interface AnswerRecord {
  /** The user's turn as the conversation's history carries it: the question, or what the command asked. */
  question: string;
  /** The model's answer text. */
  answer: string;
  request: SentRequest;
  model: string;
  costUsd: number;
  estimated?: boolean;
  priceUnknown?: boolean;
  reasons: string[];
  attempts: Attempt[];
  /** This answer replaces the one before it: the same request, re-run on a stronger model. */
  retried?: boolean;
  /** The router's warnings with this answer, shown or not: later turns leave out those already shown. */
  warnings?: string[];
}

export function isAnswerRecord(value: unknown): value is AnswerRecord {
  const v = value as Partial<AnswerRecord> | undefined;
  return typeof v?.question === 'string' && typeof v.answer === 'string' && typeof v.model === 'string'
    && typeof v.request === 'object' && Array.isArray(v.reasons);
}
