// The fakes' answers are a pure function of the request, and their "tokens" are
// whitespace-separated words, so a test can compute the exact text and cost it expects.

export interface FakeMessage {
  role: string;
  /** The turn's text, its tool calls' names and arguments, and its tool results' text. */
  text: string;
  /** How many images the turn carries; each counts IMAGE_TOKENS prompt tokens. */
  images?: number;
}

/** A tool call as the fake makes it: `arguments` is the JSON text streamed or sent (not always valid). */
export interface FakeToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface FakeReply {
  text: string;
  /** Every prompt token, including those read from or written to the prompt cache. */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens reported as read from the provider's prompt cache (OpenAI cached_tokens, Anthropic cache_read_input_tokens). */
  cachedTokens?: number;
  /** Prompt tokens reported as written to the prompt cache (Anthropic cache_creation_input_tokens). */
  cacheWriteTokens?: number;
  /** Output tokens spent reasoning (part of outputTokens; OpenAI's completion_tokens_details.reasoning_tokens). */
  reasoningTokens?: number;
  /** The answer stopped at its token limit. */
  truncated?: boolean;
  /** The stop sequence the text was cut at (the text ends just before it). */
  stopSequence?: string;
  /** The tool calls the answer makes after its text. */
  toolCalls?: FakeToolCall[];
  /** The model declined: OpenAI sends `text` as the refusal, Anthropic as the text before stop_reason "refusal". */
  refused?: boolean;
  /** Anthropic's stop_details of a refusal: its policy category and explanation. */
  refusalDetails?: { category: string | null; explanation: string | null };
}

/** What one image costs as prompt tokens on the fakes (OpenAI's base cost of a low-detail image). */
export const IMAGE_TOKENS = 85;

const SUMMARY_WORDS = 8;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/**
 * The output tokens of a tool call: the words of its name, plus the words of its arguments
 * with JSON punctuation read as spaces (`{"path":"a.ts"}` is 2: path, a.ts).
 */
export function toolCallTokens(call: { name: string; arguments: string }): number {
  return countWords(call.name) + countWords(call.arguments.replace(/[{}[\]":,]/g, ' '));
}

/** What a fake answers to `messages` on `model`; `textOverride` replaces the text (scripted replies). */
export function fakeReply(model: string, messages: FakeMessage[], textOverride?: string): FakeReply {
  const text = textOverride ?? `Fake ${model} answers: ${summarise(lastUserText(messages))}`;
  const inputTokens = messages.reduce((sum, message) => sum + countWords(message.text) + (message.images ?? 0) * IMAGE_TOKENS, 0);
  return { text, inputTokens, outputTokens: countWords(text) };
}

/** Adds tool calls to a reply, counting their tokens as output. */
export function withToolCalls(reply: FakeReply, calls: FakeToolCall[]): FakeReply {
  const callTokens = calls.reduce((sum, call) => sum + toolCallTokens(call), 0);
  return { ...reply, toolCalls: calls, outputTokens: reply.outputTokens + callTokens };
}

/** Cuts the text before the first stop sequence it contains, as a provider stops there. */
export function withStop(reply: FakeReply, stop: readonly string[]): FakeReply {
  let cut: { at: number; sequence: string } | undefined;
  for (const sequence of stop) {
    const at = reply.text.indexOf(sequence);
    if (sequence !== '' && at >= 0 && (!cut || at < cut.at)) cut = { at, sequence };
  }
  if (!cut) return reply;
  const text = reply.text.slice(0, cut.at);
  return { ...reply, text, outputTokens: reply.outputTokens - countWords(reply.text) + countWords(text), stopSequence: cut.sequence };
}

/** Splits text into stream deltas (one word plus its trailing space each) that join back to it exactly. */
export function streamPieces(text: string): string[] {
  const pieces = text.split(/(?<=\s)(?=\S)/);
  return pieces.filter((piece) => piece.length > 0);
}

/** Splits a tool call's JSON arguments into the short fragments providers stream them in. */
export function argumentPieces(json: string, size = 6): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < json.length; at += size) pieces.push(json.slice(at, at + size));
  return pieces;
}

/** The latest user turn's text, or a tool result's (OpenAI's tool role): what the fake answers. */
function lastUserText(messages: FakeMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user' || messages[i].role === 'tool') return messages[i].text;
  }
  return '';
}

function summarise(text: string): string {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return '(nothing)';
  const head = words.slice(0, SUMMARY_WORDS).join(' ');
  return words.length > SUMMARY_WORDS ? `${head} ...` : head;
}
