// The fakes' answers are a pure function of the request, and their "tokens" are
// whitespace-separated words, so a test can compute the exact text and cost it expects.

export interface FakeMessage {
  role: string;
  text: string;
}

export interface FakeReply {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens reported as read from the provider's prompt cache (OpenAI wire only). */
  cachedTokens?: number;
  /** The answer stopped at its token limit. */
  truncated?: boolean;
}

const SUMMARY_WORDS = 8;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/** What a fake answers to `messages` on `model`; `textOverride` replaces the text (scripted replies). */
export function fakeReply(model: string, messages: FakeMessage[], textOverride?: string): FakeReply {
  const text = textOverride ?? `Fake ${model} answers: ${summarise(lastUserText(messages))}`;
  const inputTokens = messages.reduce((sum, message) => sum + countWords(message.text), 0);
  return { text, inputTokens, outputTokens: countWords(text) };
}

/** Splits text into stream deltas (one word plus its trailing space each) that join back to it exactly. */
export function streamPieces(text: string): string[] {
  const pieces = text.split(/(?<=\s)(?=\S)/);
  return pieces.filter((piece) => piece.length > 0);
}

function lastUserText(messages: FakeMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') return messages[i].text;
  }
  return '';
}

function summarise(text: string): string {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return '(nothing)';
  const head = words.slice(0, SUMMARY_WORDS).join(' ');
  return words.length > SUMMARY_WORDS ? `${head} ...` : head;
}
