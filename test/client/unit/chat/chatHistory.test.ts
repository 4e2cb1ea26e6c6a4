import assert from 'node:assert/strict';
import type { AnswerRecord } from '../../../../client/src/chat/answerRecord';
import { answeredTurns, historyMessages, unseenWarnings, type HistoryTurn } from '../../../../client/src/chat/chatHistory';

const record = (question: string, answer: string, more: Partial<AnswerRecord> = {}): AnswerRecord => ({
  question, answer, request: { kind: 'ask', prompt: question }, model: 'p/m', costUsd: 0.001, reasons: [], attempts: [], ...more,
});
const exchange = (metadata: unknown): HistoryTurn[] => [{ type: 'request' }, { type: 'response', metadata }];

describe('@router history -> earlier messages', () => {
  it('carries each answered turn as the question and the answer, oldest first', () => {
    const turns = [...exchange(record('What is x?', 'A number.')), ...exchange(record('And y?', 'A string.'))];
    assert.deepEqual(historyMessages(answeredTurns(turns)), [
      { role: 'user', content: 'What is x?' },
      { role: 'assistant', content: 'A number.' },
      { role: 'user', content: 'And y?' },
      { role: 'assistant', content: 'A string.' },
    ]);
  });

  it('leaves out turns that failed or only explained a choice (no answer record)', () => {
    const turns = [...exchange(undefined), ...exchange({ something: 'else' }), ...exchange(record('Q', 'A'))];
    assert.deepEqual(answeredTurns(turns).map((a) => a.question), ['Q']);
  });

  it('lets a retried answer replace the one it retried', () => {
    const turns = [
      ...exchange(record('Q1', 'A1')),
      ...exchange(record('Q2', 'weak answer')),
      ...exchange(record('Q2', 'strong answer', { retried: true, model: 'p/strong' })),
    ];
    assert.deepEqual(historyMessages(answeredTurns(turns)).map((m) => m.content), ['Q1', 'A1', 'Q2', 'strong answer']);
  });
});

describe('@router warnings across a conversation', () => {
  it('says a warning once: a later answer with the same warning leaves it out, a new one is said', () => {
    const earlier = [record('Q1', 'A1', { warnings: ['openai skipped first: no API key'] })];
    assert.deepEqual(
      unseenWarnings(['openai skipped first: no API key', 'Daily budget: $4.10 of $5.00 used (82%)'], earlier),
      ['Daily budget: $4.10 of $5.00 used (82%)'],
    );
  });

  it('says every warning in a new conversation', () => {
    assert.deepEqual(unseenWarnings(['w1', 'w2'], []), ['w1', 'w2']);
  });
});
