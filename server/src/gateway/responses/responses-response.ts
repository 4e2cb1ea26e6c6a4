// The router's answer as a Responses API `response` object: `output` holds a `message`
// item with the text (when there is text, or nothing else) and one `function_call` item per
// tool call (a `custom_tool_call` for a custom tool, with its namespace for a tool of one:
// responses-tools.ts); `status` is `incomplete` (reason `max_output_tokens`) when the answer stopped at
// its token limit. A model that declined has a `refusal` content part in its message (after any
// text it wrote). `model` is the `providerId/modelId` that answered, so a caller of `auto`
// sees where its request went. Nothing is stored: the id names no retrievable response.
import { randomBytes } from 'node:crypto';
import type { ExecuteResult, ToolCall } from '../../../../shared/protocol';
import { refusalWords } from '../refusal';
import type { ResponsesBody } from './responses-request';
import { customInput, type ResponsesTools } from './responses-tools';

/** An id in OpenAI's style: a prefix and random hex. */
export const newItemId = (prefix: 'resp' | 'msg' | 'fc' | 'ctc') => `${prefix}_${randomBytes(24).toString('hex')}`;

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface MessageItem {
  id: string;
  type: 'message';
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: MessagePart[];
}

export type OutputTextPart = { type: 'output_text'; text: string; annotations: []; logprobs: [] };
export type RefusalPart = { type: 'refusal'; refusal: string };
export type MessagePart = OutputTextPart | RefusalPart;

export interface FunctionCallItem {
  id: string;
  type: 'function_call';
  status: 'in_progress' | 'completed' | 'incomplete';
  call_id: string;
  name: string;
  namespace?: string;
  arguments: string;
}

export interface CustomToolCallItem {
  id: string;
  type: 'custom_tool_call';
  status: 'in_progress' | 'completed' | 'incomplete';
  call_id: string;
  name: string;
  namespace?: string;
  input: string;
}

export type OutputItem = MessageItem | FunctionCallItem | CustomToolCallItem;

export const outputText = (text: string): OutputTextPart => ({ type: 'output_text', text, annotations: [], logprobs: [] });
export const refusalPart = (refusal: string): RefusalPart => ({ type: 'refusal', refusal });

/** The message of an answer: its text, and the model's refusal when it declined (no empty text part before a refusal). */
export function messageItem(text: string, status: MessageItem['status'] = 'completed', refusal?: string): MessageItem {
  const content = [...(text !== '' || refusal === undefined ? [outputText(text)] : []), ...(refusal === undefined ? [] : [refusalPart(refusal)])];
  return { id: newItemId('msg'), type: 'message', status, role: 'assistant', content };
}

/** The model's call of the tool it was offered as `call.name`, as the item the caller declared it for. */
export function toolCallItem(call: ToolCall, tools: ResponsesTools, status: FunctionCallItem['status'] = 'completed'): FunctionCallItem | CustomToolCallItem {
  const { type, name, namespace } = tools.declaredTool(call.name);
  const named = { name, ...(namespace ? { namespace } : {}) };
  if (type === 'custom') return { id: newItemId('ctc'), type: 'custom_tool_call', status, call_id: call.id, ...named, input: customInput(call) };
  return { id: newItemId('fc'), type: 'function_call', status, call_id: call.id, ...named, arguments: call.arguments };
}

/** The answer's output items: its text (unless it is only tool calls), then its calls. */
export function outputItems(result: ExecuteResult, tools: ResponsesTools): OutputItem[] {
  const calls = result.toolCalls ?? [];
  const status = isIncomplete(result) ? 'incomplete' : 'completed';
  const refusal = refusalWords(result);
  const message = result.text !== '' || refusal !== undefined || calls.length === 0 ? [messageItem(result.text, status, refusal)] : [];
  return [...message, ...calls.map((call) => toolCallItem(call, tools, status))];
}

export const isIncomplete = (result: ExecuteResult) => result.truncated === true || result.finishReason === 'length';

/** OpenAI's usage: `input_tokens` includes what was read from (or written to) the prompt cache. */
export function responsesUsage(result: ExecuteResult) {
  const { inputTokens, outputTokens, cachedInputTokens = 0, cacheWriteInputTokens = 0, reasoningTokens = 0 } = result.usage;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cachedInputTokens, cache_write_tokens: cacheWriteInputTokens },
    output_tokens: outputTokens,
    // As the provider reported them (OpenAI's reasoning models); Anthropic counts thinking in output_tokens only.
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}

export interface ResponseFields {
  id: string;
  createdAt: number;
  model: string;
  status: ResponseStatus;
  output: OutputItem[];
  usage?: ReturnType<typeof responsesUsage>;
  error?: { code: string; message: string };
}

/** The `response` object, repeating the request's settings as OpenAI does. */
export function responseBody(request: ResponsesBody, fields: ResponseFields) {
  return {
    id: fields.id,
    object: 'response' as const,
    created_at: fields.createdAt,
    status: fields.status,
    ...(fields.status === 'completed' || fields.status === 'incomplete' ? { completed_at: Math.floor(Date.now() / 1000) } : {}),
    error: fields.error ?? null,
    incomplete_details: fields.status === 'incomplete' ? { reason: 'max_output_tokens' as const } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: null },
    // Whatever the request said: the gateway keeps no responses (GET /v1/responses/{id} is a 404).
    store: false,
    temperature: request.temperature ?? null,
    text: { format: request.text?.format ?? { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: 'disabled' as const,
    usage: fields.usage ?? null,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
}

/** The whole answer of a request sent without `stream`. */
export function finalResponseBody(request: ResponsesBody, tools: ResponsesTools, id: string, createdAt: number, result: ExecuteResult) {
  return responseBody(request, {
    id,
    createdAt,
    model: result.model,
    status: isIncomplete(result) ? 'incomplete' : 'completed',
    output: outputItems(result, tools),
    usage: responsesUsage(result),
  });
}
