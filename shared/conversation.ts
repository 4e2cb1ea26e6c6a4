// The router's own, provider-neutral conversation: what every face (the HTTP gateway's
// OpenAI and Anthropic APIs, VS Code's language model provider and chat participant)
// translates its requests into, and what each provider adapter translates out of.
// One shape, so a tool call made by an Anthropic model can be answered through the
// OpenAI API and sent on to an OpenAI model, and the other way round.

/** A piece of a message's content. */
export type ContentPart = TextPart | ImagePart;

export interface TextPart {
  type: 'text';
  text: string;
}

/** An image: an `https:` URL or a `data:image/...;base64,` URL. */
export interface ImagePart {
  type: 'image';
  url: string;
  /** OpenAI's resolution hint; other providers ignore it (it changes no answer's meaning). */
  detail?: 'auto' | 'low' | 'high';
}

/** A call of one of the request's tools, as the model made it. */
export interface ToolCall {
  /** The provider's id for the call; the tool result answers it by this id. */
  id: string;
  name: string;
  /** The arguments as JSON text (an object), as the model wrote them. */
  arguments: string;
}

/**
 * One turn of a conversation.
 * - `system`: instructions (OpenAI's `developer` role too); text only.
 * - `user`: text and images.
 * - `assistant`: text, and the tool calls it made (`toolCalls`), in the order made.
 * - `tool`: the result of the call `toolCallId` (text, or text and images); `isError`
 *   when the tool failed (Anthropic's `is_error`).
 */
export interface ConversationMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | ContentPart[];
  toolCalls?: ToolCall[];
  toolCallId?: string;
  isError?: boolean;
}

/** A tool the model may call: a name and a JSON Schema (an object schema) for its arguments. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  /** OpenAI's strict schema adherence; passed where the provider takes it. */
  strict?: boolean;
}

/** `auto`: the model decides; `none`: no call; `required`: at least one call; `{ name }`: that tool. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; description?: string; strict?: boolean };

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

/**
 * Sampling and output options beyond temperature and the token cap. Each is honoured by
 * the provider adapter or the model is not chosen for the request: a field the chosen
 * model cannot take is never silently dropped.
 */
export interface GenerationOptions {
  stop?: string[];
  responseFormat?: ResponseFormat;
  seed?: number;
  topP?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** The end user's id, for the provider's abuse monitoring. */
  user?: string;
  reasoningEffort?: ReasoningEffort;
  /** False: at most one tool call per turn. */
  parallelToolCalls?: boolean;
}

/** A piece of a tool call as it streams: the first piece of call `index` has its id and name. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  /** The next fragment of the arguments' JSON text. */
  arguments?: string;
}

/**
 * Why the model stopped: its answer was complete, hit the token limit, is a set of tool calls,
 * or the model declined to answer (OpenAI's `refusal`, Anthropic's stop_reason "refusal").
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'refusal';

/** The text of a message's content (images left out): what classification and token estimates read. */
export function contentText(content: string | ContentPart[]): string {
  if (typeof content === 'string') return content;
  return content
    .filter((part): part is TextPart => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}
