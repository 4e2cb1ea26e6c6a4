// ChatRequest -> Messages API parameters. What the Messages API has no parameter for is
// refused by name (routing normally keeps such requests away from Anthropic models),
// never dropped: an answer that ignored the caller's seed or penalties would look right
// and not be.
import type { MessageCreateParamsBase, Tool, ToolChoice as AnthropicToolChoice } from '@anthropic-ai/sdk/resources/messages';
import type { GenerationOptions, ToolChoice, ToolDefinition } from '../../../../shared/conversation';
import { UnmappableRequestError } from '../common/sdk-failure';
import type { ChatRequest } from '../types';
import { jsonAnswerTool } from './json-answer';
import { toAnthropicConversation } from './messages';

export interface AnthropicCall {
  params: MessageCreateParamsBase;
  /** Set when the answer is JSON: the name of the forced tool whose input is the answer. */
  jsonTool?: string;
}

/**
 * Options the Messages API (version 2026-10-21, which SDK 1.x sends) has no parameter for.
 * It refuses top_p (and temperature, top_k) outright, so topP cannot be passed on either.
 */
const NO_SUCH_PARAMETER: Partial<Record<keyof GenerationOptions, string>> = {
  seed: 'seed',
  presencePenalty: 'presence penalty',
  frequencyPenalty: 'frequency penalty',
  reasoningEffort: 'reasoning effort parameter',
  topP: 'top_p (API version 2026-10-21 refuses sampling parameters)',
};

/** `request.temperature` is not sent: the Messages API refuses sampling temperature since version 2026-10-21. */
export function toMessageParams(request: ChatRequest): AnthropicCall {
  const options = request.options ?? {};
  for (const [field, what] of Object.entries(NO_SUCH_PARAMETER)) {
    if (options[field as keyof GenerationOptions] !== undefined) {
      throw new UnmappableRequestError(`options.${field}: Anthropic's Messages API has no ${what}`);
    }
  }
  const { system, messages } = toAnthropicConversation(request.messages);
  const json = jsonAnswerTool(options.responseFormat, request.tools);
  const tools = json ? { tools: [json.tool], tool_choice: json.choice } : toolParams(request.tools, request.toolChoice, options.parallelToolCalls);
  const params: MessageCreateParamsBase = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages,
    ...(system ? { system } : {}),
    ...tools,
    ...(options.stop?.length ? { stop_sequences: options.stop } : {}),
    ...(options.user === undefined ? {} : { metadata: { user_id: options.user } }),
  };
  return { params, ...(json ? { jsonTool: json.tool.name } : {}) };
}

/**
 * Without tools no call can be made: `auto`, `none` and the parallel-calls flag change
 * nothing and are left out; a choice that demands a call cannot be met and is refused.
 */
function toolParams(tools: ToolDefinition[] | undefined, choice: ToolChoice | undefined, parallel: boolean | undefined) {
  if (!tools?.length) {
    if (choice === 'required' || typeof choice === 'object') {
      throw new UnmappableRequestError('toolChoice asks for a tool call, but the request has no tools');
    }
    return {};
  }
  const toolChoice = toToolChoice(choice ?? 'auto', parallel === false);
  // The API's default is auto with parallel calls: say nothing unless the caller did.
  const sendChoice = choice !== undefined || parallel === false;
  return { tools: tools.map(toTool), ...(sendChoice ? { tool_choice: toolChoice } : {}) };
}

function toTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    input_schema: tool.parameters as Tool.InputSchema,
    ...(tool.strict === undefined ? {} : { strict: tool.strict }),
  };
}

function toToolChoice(choice: ToolChoice, singleCall: boolean): AnthropicToolChoice {
  if (choice === 'none') return { type: 'none' };
  const single = singleCall ? { disable_parallel_tool_use: true } : {};
  if (choice === 'auto') return { type: 'auto', ...single };
  if (choice === 'required') return { type: 'any', ...single };
  return { type: 'tool', name: choice.name, ...single };
}
