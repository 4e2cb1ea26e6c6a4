// VS Code's message and response part classes <-> the plain parts of parts.ts. The only file
// of the language model provider that tells VS Code's classes apart, so the mapping itself
// (toConversation.ts, responseParts.ts) stays testable outside VS Code.
import * as vscode from 'vscode';
import type { RequestMessage, RequestPart, RequestRole, ResponsePart } from './parts';

export function requestMessage(message: vscode.LanguageModelChatRequestMessage): RequestMessage {
  return { role: roleOf(message.role), parts: message.content.flatMap(requestPart) };
}

function roleOf(role: vscode.LanguageModelChatMessageRole): RequestRole {
  if (role === vscode.LanguageModelChatMessageRole.User) return 'user';
  if (role === vscode.LanguageModelChatMessageRole.Assistant) return 'assistant';
  return 'system'; // LanguageModelChatMessageRole.System (3) of newer VS Code
}

function requestPart(part: unknown): RequestPart[] {
  if (part instanceof vscode.LanguageModelTextPart) return [{ type: 'text', text: part.value }];
  if (part instanceof vscode.LanguageModelToolCallPart) return [{ type: 'toolCall', callId: part.callId, name: part.name, input: part.input }];
  if (part instanceof vscode.LanguageModelToolResultPart) {
    const isError = (part as { isError?: unknown }).isError === true;
    return [{ type: 'toolResult', callId: part.callId, content: part.content.flatMap(requestPart), ...(isError ? { isError } : {}) }];
  }
  if (part instanceof vscode.LanguageModelPromptTsxPart) return [{ type: 'text', text: promptTsxText(part.value) }];
  if (isDataPart(part)) return [{ type: 'data', mimeType: part.mimeType, data: part.data }];
  return []; // thinking parts and parts of newer VS Code versions the router has no use for
}

/** LanguageModelDataPart (images, JSON, hints) is not in the 1.104 typings, so it is recognised by shape. */
function isDataPart(part: unknown): part is { mimeType: string; data: Uint8Array } {
  const candidate = part as { mimeType?: unknown; data?: unknown } | null;
  return typeof candidate?.mimeType === 'string' && candidate.data instanceof Uint8Array;
}

/**
 * A prompt-tsx element tree (what some tools return) rendered as the text it holds: every
 * `text` string in it, in order. Its layout and priorities need @vscode/prompt-tsx to apply.
 */
function promptTsxText(value: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'text' && typeof child === 'string') texts.push(child);
      else walk(child);
    }
  };
  walk(value);
  return texts.join('');
}

export function responsePart(part: ResponsePart): vscode.LanguageModelResponsePart {
  if (part.type === 'text') return new vscode.LanguageModelTextPart(part.text);
  return new vscode.LanguageModelToolCallPart(part.callId, part.name, part.input);
}
