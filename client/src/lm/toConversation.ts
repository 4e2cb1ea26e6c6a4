// VS Code's language model messages -> the router's provider-neutral conversation.
// Pure (no vscode import): the unit tests run it outside VS Code.
import type { ContentPart, ConversationMessage, ToolCall } from '../../../shared/conversation';
import type { RequestMessage, RequestPart } from './parts';

const IMAGE = /^image\/(png|jpe?g|gif|webp)$/i;
const TEXTUAL = /^(text\/|application\/(json|xml|x-json)|.*\+json$)/i;

/**
 * One VS Code message can become several router messages: VS Code puts tool results in a
 * user message, the router gives each its own `tool` message, answering the call it names.
 * They go first, right after the assistant's calls, as both providers require; the user's
 * own text (if any) follows as a user message.
 */
export function toConversation(messages: readonly RequestMessage[]): ConversationMessage[] {
  return messages.flatMap((message): ConversationMessage[] => {
    switch (message.role) {
      case 'system':
        return nonEmpty({ role: 'system', content: textOf(message.parts) });
      case 'assistant':
        return assistantMessage(message.parts);
      case 'user': {
        const results = message.parts.filter((p): p is Extract<RequestPart, { type: 'toolResult' }> => p.type === 'toolResult');
        const rest = message.parts.filter((p) => p.type !== 'toolResult');
        return [...results.map(toolMessage), ...nonEmpty({ role: 'user', content: content(rest) })];
      }
    }
  });
}

function assistantMessage(parts: readonly RequestPart[]): ConversationMessage[] {
  const toolCalls: ToolCall[] = parts.flatMap((p) =>
    p.type === 'toolCall' ? [{ id: p.callId, name: p.name, arguments: JSON.stringify(p.input ?? {}) }] : []);
  const text = textOf(parts);
  if (toolCalls.length === 0) return nonEmpty({ role: 'assistant', content: text });
  return [{ role: 'assistant', content: text, toolCalls }];
}

function toolMessage(result: Extract<RequestPart, { type: 'toolResult' }>): ConversationMessage {
  const parts = content(result.content);
  return {
    role: 'tool',
    toolCallId: result.callId,
    // A tool that returned nothing still answers its call: providers refuse a call left unanswered.
    content: typeof parts === 'string' && parts === '' ? '(no output)' : parts,
    ...(result.isError ? { isError: true } : {}),
  };
}

/** Text alone stays a string (what every provider takes); with images, a list of parts. */
function content(parts: readonly RequestPart[]): string | ContentPart[] {
  const out: ContentPart[] = [];
  for (const part of parts) {
    const piece = contentPart(part);
    if (!piece) continue;
    const last = out.at(-1);
    // Adjacent text pieces read as one text, as VS Code splits a prompt into several parts.
    if (piece.type === 'text' && last?.type === 'text') last.text += piece.text;
    else out.push(piece);
  }
  if (out.every((p) => p.type === 'text')) return out.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return out;
}

function contentPart(part: RequestPart): ContentPart | undefined {
  if (part.type === 'text') return part.text === '' ? undefined : { type: 'text', text: part.text };
  if (part.type !== 'data') return undefined;
  if (IMAGE.test(part.mimeType)) return { type: 'image', url: `data:${part.mimeType.toLowerCase()};base64,${base64(part.data)}` };
  // JSON or text payloads are content; anything else (e.g. Copilot's `cache_control` hint) is not.
  if (TEXTUAL.test(part.mimeType)) return { type: 'text', text: new TextDecoder().decode(part.data) };
  return undefined;
}

function textOf(parts: readonly RequestPart[]): string {
  const text = content(parts.filter((p) => p.type === 'text' || p.type === 'data'));
  return typeof text === 'string' ? text : text.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

function nonEmpty(message: ConversationMessage): ConversationMessage[] {
  const empty = typeof message.content === 'string' ? message.content.trim() === '' : message.content.length === 0;
  return empty ? [] : [message];
}

function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}
