// What every provider adapter offers the router: one chat call, streamed or not,
// with the provider's own token counts, and errors normalised to ProviderError.
import type {
  ConversationMessage,
  GenerationOptions,
  ToolCall,
  ToolCallDelta,
  ToolChoice,
  ToolDefinition,
} from '../../../shared/conversation';
import type { RefusalDetails } from '../../../shared/protocol';

/** The router's neutral conversation turn; each adapter translates it to its wire format. */
export type ChatMessage = ConversationMessage;

export interface ChatRequest {
  /** The provider's own model id (no `providerId/` prefix). */
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  options?: GenerationOptions;
  /** Aborts the HTTP request (user cancel or the attempt's timeout). */
  signal: AbortSignal;
  timeoutMs: number;
  /** With onDelta: called on every event the stream brings (text, a tool call's piece, thinking): the call is alive. */
  onAlive?: () => void;
  /** When given, the call streams and reports each text delta as it arrives. */
  onDelta?: (text: string) => void;
  /** With onDelta: each piece of a tool call as it arrives. */
  onToolCallDelta?: (delta: ToolCallDelta) => void;
  /** With onDelta: each piece of the model's refusal (OpenAI's `delta.refusal`) as it arrives. */
  onRefusalDelta?: (text: string) => void;
}

export interface ChatResponse {
  text: string;
  /** Token counts as the provider reported them (unless usageEstimated). */
  inputTokens: number;
  outputTokens: number;
  /**
   * True when the server streamed an answer but sent no token counts, and the adapter
   * was told to count them itself (OpenAI-compatible local servers that ignore
   * stream_options.include_usage). The cost then rests on an estimate, and says so.
   */
  usageEstimated?: boolean;
  /** Prompt tokens the provider reported reading from its prompt cache (part of inputTokens), billed at the cached price. */
  cachedInputTokens?: number;
  /** True when the answer stopped at its token limit (OpenAI finish_reason "length", Anthropic stop_reason "max_tokens"): it is incomplete. */
  truncated?: boolean;
  /** Prompt tokens the provider wrote to its prompt cache (part of inputTokens), billed at the cache-write price. */
  cacheWriteInputTokens?: number;
  /** Output tokens the provider reported the model spent reasoning (part of outputTokens, billed with them). */
  reasoningTokens?: number;
  /** The tool calls the model made, complete, with arguments checked to be JSON. */
  toolCalls?: ToolCall[];
  /** The stop sequence that ended the answer (Anthropic's stop_reason "stop_sequence"); OpenAI-wire replies do not say. */
  stopSequence?: string;
  /**
   * Set when the model declined to answer: OpenAI's `message.refusal` text (then `text` is
   * usually ''), or '' for Anthropic's stop_reason "refusal", which gives no words of its own
   * (`text` is what the model wrote before it was stopped).
   */
  refusal?: string;
  /** With a refusal: the provider's explanation of it (Anthropic's stop_details), apart from the model's words. */
  refusalDetails?: RefusalDetails;
}

/** How long a call may take and how to abort it, for calls that are not a chat. */
export interface CallLimits {
  signal: AbortSignal;
  timeoutMs: number;
}

export interface ProviderClient {
  chat(request: ChatRequest, apiKey: string | undefined): Promise<ChatResponse>;
  /** The model ids the provider lists for this key: a free call that proves the key and the endpoint work. */
  listModels(apiKey: string | undefined, limits: CallLimits): Promise<string[]>;
}
