// The router's conversation -> chat.completions messages. Nearly one to one: the neutral
// shape follows OpenAI's, except that a tool result may carry images, which the chat API
// takes only from a user: those follow the result as a user message that says whose they are.
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { contentText, type ContentPart, type ConversationMessage } from '../../../../shared/conversation';

export function toOpenAIMessages(messages: readonly ConversationMessage[]): ChatCompletionMessageParam[] {
  return messages.flatMap(toOpenAIMessage);
}

function toOpenAIMessage(message: ConversationMessage): ChatCompletionMessageParam[] {
  switch (message.role) {
    case 'system':
      return [{ role: 'system', content: contentText(message.content) }];
    case 'user':
      return [{ role: 'user', content: typeof message.content === 'string' ? message.content : message.content.map(toPart) }];
    case 'assistant': {
      const text = contentText(message.content);
      const calls = message.toolCalls ?? [];
      return [
        {
          role: 'assistant',
          // The API wants null, not '', beside tool calls with no text.
          content: text === '' && calls.length > 0 ? null : text,
          ...(calls.length > 0
            ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        },
      ];
    }
    case 'tool': {
      const text = contentText(message.content);
      const result: ChatCompletionMessageParam = {
        role: 'tool',
        tool_call_id: message.toolCallId ?? '',
        // The chat API has no error flag on a tool result; the text has to say it.
        content: message.isError ? `Error: ${text}` : text,
      };
      const images = typeof message.content === 'string' ? [] : message.content.filter((p) => p.type === 'image');
      if (images.length === 0) return [result];
      const note: ChatCompletionContentPart = { type: 'text', text: `Images returned by tool call ${message.toolCallId}:` };
      return [result, { role: 'user', content: [note, ...images.map(toPart)] }];
    }
  }
}

function toPart(part: ContentPart): ChatCompletionContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return { type: 'image_url', image_url: { url: part.url, ...(part.detail ? { detail: part.detail } : {}) } };
}
