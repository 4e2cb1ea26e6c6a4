// Builds the chat messages a provider receives for one editor request, and the
// output budget it gets. One place, so routing estimates and real calls agree.
import { contentText } from '../../../shared/conversation';
import type { ConversationMessage, DocumentInput, Kind } from '../../../shared/protocol';
import type { ChatMessage } from '../providers/types';
import { sliceDocument } from '../text/selection';
import { estimateTokens } from '../text/size';
import { TokenTally } from '../text/token-tally';
import { CODE_ON_REQUEST_PROMPT, SYSTEM_PROMPTS } from './system-prompts';

/** Characters of context kept around the cursor for a completion: enough for local
 *  context, small enough that completions stay cheap and fast. */
const COMPLETION_CONTEXT_CHARS = 6_000;

export interface BuiltPrompt {
  messages: ChatMessage[];
  inputTokens: number;
  /** What the reply is expected to take, for cost estimates. */
  expectedOutputTokens: number;
  /** Cap sent to the provider (plus room for reasoning on a model that reasons, unless capGiven). */
  maxOutputTokens: number;
  /** The caller set the cap (maxTokens): it is sent exactly as given. */
  capGiven?: boolean;
}

/**
 * The kind's system prompt, then `history` (earlier chat turns, as given), then the request
 * built from the prompt and document.
 */
export function buildPrompt(
  kind: Kind, prompt: string | undefined, doc: DocumentInput | undefined, history: ConversationMessage[] = [],
): BuiltPrompt {
  const words = prompt?.trim() ?? '';
  const user = userMessage(kind, words, doc);
  const system = kind === 'completion' && words !== '' ? CODE_ON_REQUEST_PROMPT : SYSTEM_PROMPTS[kind];
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    ...history,
    { role: 'user', content: user.content },
  ];
  const tally = new TokenTally();
  const historyTokens = history.reduce((sum, m) => sum + messageTokens(m, tally), 0);
  const inputTokens = estimateTokens(system) + estimateTokens(user.content) + 8 + historyTokens;
  return { messages, inputTokens, ...outputBudget(kind, user.subjectTokens, words !== '') };
}

/**
 * A conversation sent as given (the HTTP gateway): no system prompt of ours, nothing
 * rebuilt. With no cap from the caller the model's own output cap applies, as on the
 * OpenAI API (execute takes the smaller of this and the model's cap).
 */
export function conversationPrompt(kind: Kind, messages: ConversationMessage[]): BuiltPrompt {
  // ~4 tokens of framing per message, as the chat formats add.
  const tally = new TokenTally();
  const inputTokens = messages.reduce((sum, m) => sum + messageTokens(m, tally), 0);
  const { expectedOutputTokens } = outputBudget(kind, 0, true);
  return {
    messages,
    inputTokens,
    expectedOutputTokens,
    maxOutputTokens: Number.MAX_SAFE_INTEGER,
  };
}

/**
 * ~4 tokens of framing per message, as the chat formats add; tool calls count their name and
 * arguments. `tally` is shared by all the messages of one request, bounding its exact counting.
 */
export function messageTokens(m: ConversationMessage, tally: TokenTally): number {
  const calls = (m.toolCalls ?? []).reduce((sum, c) => sum + tally.tokens(c.name) + tally.tokens(c.arguments) + 4, 0);
  return tally.tokens(contentText(m.content)) + calls + 4;
}

/** What the classifier reads from a conversation: the latest thing the user asked in words. */
export function lastUserText(messages: ConversationMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role !== 'user') continue;
    const text = contentText(messages[i].content);
    if (text.trim() !== '') return text;
  }
  return '';
}

/** A caller's cap on the answer replaces the default one, and bounds the cost estimate too. */
export function capOutput(built: BuiltPrompt, maxTokens: number | undefined): BuiltPrompt {
  if (maxTokens === undefined) return built;
  return { ...built, maxOutputTokens: maxTokens, expectedOutputTokens: Math.min(built.expectedOutputTokens, maxTokens), capGiven: true };
}

function userMessage(kind: Kind, prompt: string, doc: DocumentInput | undefined) {
  if (!doc) return { content: prompt, subjectTokens: 0 };
  const { before, selected, after } = sliceDocument(doc);
  const fence = (code: string) => '```' + doc.languageId + '\n' + code + '\n```';
  const file = `File: ${doc.uri} (${doc.languageId})`;
  if (kind === 'completion') {
    const prefix = before.slice(-COMPLETION_CONTEXT_CHARS) + selected;
    const suffix = after.slice(0, COMPLETION_CONTEXT_CHARS / 3);
    const parts = [file, 'Code before the cursor:', fence(prefix), 'Code after the cursor:', fence(suffix)];
    if (prompt) parts.push(`Instruction: ${prompt}`);
    return { content: parts.join('\n'), subjectTokens: 0 };
  }
  // No selection: the whole file is the subject (e.g. "Summarize" with nothing selected).
  const subject = selected !== '' ? selected : doc.text;
  const label = selected !== '' ? 'Selected code:' : 'Whole file:';
  const parts = [file, label, fence(subject)];
  if (prompt) parts.push(kind === 'refactor' ? `Instruction: ${prompt}` : prompt);
  return { content: parts.join('\n'), subjectTokens: estimateTokens(subject) };
}

/** `inWords`: the request says what it wants (a prompt, or a conversation), not only where the cursor is. */
function outputBudget(kind: Kind, subjectTokens: number, inWords: boolean) {
  switch (kind) {
    case 'completion':
      // The few lines that continue the code at the cursor; a piece of code asked for in words
      // ("implement an LRU cache in typescript") runs to a function or a file, and a cap of a few
      // lines would cut it off.
      return inWords ? { expectedOutputTokens: 300, maxOutputTokens: 2000 } : { expectedOutputTokens: 64, maxOutputTokens: 256 };
    case 'refactor':
      // A rewrite is about as long as what it rewrites, plus some growth.
      return {
        expectedOutputTokens: Math.max(64, Math.ceil(subjectTokens * 1.2)),
        maxOutputTokens: Math.max(1024, Math.ceil(subjectTokens * 2)),
      };
    case 'explain':
      return { expectedOutputTokens: 400, maxOutputTokens: 1500 };
    case 'summarize':
      return { expectedOutputTokens: 250, maxOutputTokens: 800 };
    case 'ask':
      return { expectedOutputTokens: 500, maxOutputTokens: 2000 };
  }
}
