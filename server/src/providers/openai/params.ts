// ChatRequest -> chat.completions parameters: messages, tools and every output option,
// each under the name the API gives it (the neutral shapes follow OpenAI's closely).
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionFunctionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type { GenerationOptions, ResponseFormat, ToolChoice, ToolDefinition } from '../../../../shared/conversation';
import { UnmappableRequestError } from '../common/sdk-failure';
import type { ChatRequest } from '../types';
import { toOpenAIMessages } from './messages';

/**
 * OpenAI's own API wants `max_completion_tokens` (its reasoning models reject `max_tokens`);
 * OpenAI-compatible servers (Ollama, vLLM, LM Studio) reliably understand only `max_tokens`.
 */
export type TokenLimitParam = 'max_completion_tokens' | 'max_tokens';

/** `withTemperature: false` leaves the temperature to the model's default (see fixed-temperature.ts). */
export function toChatParams(request: ChatRequest, tokenLimitParam: TokenLimitParam, withTemperature = true): ChatCompletionCreateParamsBase {
  const limit =
    tokenLimitParam === 'max_tokens' ? { max_tokens: request.maxTokens } : { max_completion_tokens: request.maxTokens };
  return {
    model: request.model,
    messages: toOpenAIMessages(request.messages),
    ...(withTemperature ? { temperature: request.temperature } : {}),
    ...limit,
    ...toolParams(request.tools, request.toolChoice, request.options?.parallelToolCalls),
    ...optionParams(request.options ?? {}),
  };
}

/**
 * The API refuses tool_choice and parallel_tool_calls without tools. Without tools no
 * call can be made, so `auto`, `none` and a parallel-calls flag change nothing and are
 * left out; a choice that demands a call cannot be met and is refused.
 */
function toolParams(tools: ToolDefinition[] | undefined, choice: ToolChoice | undefined, parallel: boolean | undefined) {
  if (!tools?.length) {
    if (choice === 'required' || typeof choice === 'object') {
      throw new UnmappableRequestError('toolChoice asks for a tool call, but the request has no tools');
    }
    return {};
  }
  return {
    tools: tools.map(toTool),
    ...(choice === undefined ? {} : { tool_choice: toToolChoice(choice) }),
    ...(parallel === undefined ? {} : { parallel_tool_calls: parallel }),
  };
}

function toTool(tool: ToolDefinition): ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters,
      ...(tool.strict === undefined ? {} : { strict: tool.strict }),
    },
  };
}

function toToolChoice(choice: ToolChoice): ChatCompletionToolChoiceOption {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function optionParams(options: GenerationOptions): Partial<ChatCompletionCreateParamsBase> {
  return {
    ...(options.stop?.length ? { stop: options.stop } : {}),
    ...(options.responseFormat ? { response_format: toResponseFormat(options.responseFormat) } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.topP === undefined ? {} : { top_p: options.topP }),
    ...(options.presencePenalty === undefined ? {} : { presence_penalty: options.presencePenalty }),
    ...(options.frequencyPenalty === undefined ? {} : { frequency_penalty: options.frequencyPenalty }),
    ...(options.user === undefined ? {} : { user: options.user }),
    ...(options.reasoningEffort === undefined ? {} : { reasoning_effort: options.reasoningEffort }),
  };
}

function toResponseFormat(format: ResponseFormat): NonNullable<ChatCompletionCreateParamsBase['response_format']> {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name,
      schema: format.schema,
      ...(format.description === undefined ? {} : { description: format.description }),
      ...(format.strict === undefined ? {} : { strict: format.strict }),
    },
  };
}
