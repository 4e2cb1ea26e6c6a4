// VS Code's language model message parts, as plain tagged data. vscodeParts.ts makes these
// from VS Code's classes (which only exist inside VS Code); everything else in this folder
// works on them, so the mapping to and from the router's conversation is testable anywhere.

/** A message part of a request, as VS Code sends it to a language model provider. */
export type RequestPart =
  | { type: 'text'; text: string }
  /** LanguageModelDataPart: an image, JSON or text payload, or a provider hint (e.g. cache_control). */
  | { type: 'data'; mimeType: string; data: Uint8Array }
  | { type: 'toolCall'; callId: string; name: string; input: unknown }
  | { type: 'toolResult'; callId: string; content: RequestPart[]; isError?: boolean };

/** VS Code's LanguageModelChatMessageRole: User 1, Assistant 2, System 3 (newer VS Code). */
export type RequestRole = 'user' | 'assistant' | 'system';

export interface RequestMessage {
  role: RequestRole;
  parts: RequestPart[];
}

/** A response part for `progress.report`: text, or one complete tool call. */
export type ResponsePart =
  | { type: 'text'; text: string }
  | { type: 'toolCall'; callId: string; name: string; input: object };
