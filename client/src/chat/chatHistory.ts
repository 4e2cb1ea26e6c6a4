// The Chat view's history of @router turns -> earlier messages for the next request. Pure:
// it reads only the records @router put in each result's metadata (answerRecord.ts), so
// the model sees each earlier question and answer exactly as they were, and nothing of a
// turn that failed or only explained a choice (/why).
import type { ConversationMessage } from '../../../shared/conversation';
import { isAnswerRecord, type AnswerRecord } from './answerRecord';

/** A history turn as VS Code gives it: a request, or a response with its result's metadata. */
export type HistoryTurn = { type: 'request' } | { type: 'response'; metadata?: unknown };

/** The answers of the conversation so far, oldest first; a retried answer replaces the one it retried. */
export function answeredTurns(turns: readonly HistoryTurn[]): AnswerRecord[] {
  const answers: AnswerRecord[] = [];
  for (const turn of turns) {
    if (turn.type !== 'response' || !isAnswerRecord(turn.metadata)) continue;
    if (turn.metadata.retried) answers.pop();
    answers.push(turn.metadata);
  }
  return answers;
}

export function historyMessages(answers: readonly AnswerRecord[]): ConversationMessage[] {
  return answers.flatMap((a): ConversationMessage[] => [
    { role: 'user', content: a.question },
    { role: 'assistant', content: a.answer },
  ]);
}

/**
 * The warnings that are new to this conversation. A warning such as "openai skipped first:
 * no API key" holds for every answer until the user acts; said under each one it becomes
 * noise that hides the warning that matters, so each is said once per conversation.
 */
export function unseenWarnings(warnings: readonly string[], answers: readonly AnswerRecord[]): string[] {
  const shown = new Set(answers.flatMap((a) => a.warnings ?? []));
  return warnings.filter((w) => !shown.has(w));
}
