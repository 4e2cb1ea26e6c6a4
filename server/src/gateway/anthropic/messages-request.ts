// An Anthropic `POST /v1/messages` body turned into router/execute params, so agents that
// speak Anthropic (Claude Code with ANTHROPIC_BASE_URL) are routed and recorded like any
// other request, to whichever provider the router picks. As on the OpenAI face, a field
// that would change the answer and cannot be honoured is refused naming it; markers that
// change nothing here (`cache_control`, `service_tier`, `metadata` beyond `user_id`) are
// accepted and ignored.
import { z } from 'zod';
import type { GenerationOptions, ReasoningEffort, ToolChoice, ToolDefinition } from '../../../../shared/conversation';
import { executeParamsSchema } from '../../../../shared/params';
import type { ExecuteParams, Kind } from '../../../../shared/protocol';
import { AUTO_MODEL, DEFAULT_WORKSPACE, type RouterHeaders } from '../chat-request';
import { invalidRequest } from '../http-error';
import { callerNames, fromIssue } from '../issue';
import { checkChosenTool, checkDepth, checkToolName, checkUniqueNames, objectSchema } from '../tool-checks';
import { withValue } from '../with-value';
import { toConversation } from './content';

const unsupported = (what: string) => `${what} is not supported by the LLM Router gateway`;

const toolChoice = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().nullish() }),
    z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().nullish() }),
    z.looseObject({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().nullish() }),
    z.looseObject({ type: z.literal('none') }),
  ],
  { error: 'expected type "auto", "any", "tool" or "none"' },
);

const tool = z.looseObject({
  type: z.literal('custom', { error: unsupported('Anthropic server tools (web search, bash, text editor, computer use...)') }).nullish(),
  name: z.string({ error: 'expected a string' }),
  description: z.string().max(100_000).nullish(),
  input_schema: z.unknown(),
});

const thinking = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().positive() }),
    z.looseObject({ type: z.literal('disabled') }),
    z.looseObject({ type: z.literal('adaptive') }),
  ],
  { error: 'expected type "enabled", "disabled" or "adaptive"' },
);

const outputConfig = z.looseObject({
  effort: z.enum(['low', 'medium', 'high'], { error: unsupported('effort other than "low", "medium" or "high"') }).nullish(),
  format: z
    .looseObject({ type: z.literal('json_schema', { error: 'expected "json_schema"' }), schema: z.record(z.string(), z.unknown()) })
    .nullish(),
});

const systemText = z.union([z.string(), z.array(z.looseObject({ type: z.literal('text'), text: z.string() }))], {
  error: 'expected a string or an array of text blocks',
});

// Loose: fields not named here change nothing the router does.
const body = z.looseObject({
  model: z.string({ error: 'expected a string' }).min(1, 'expected a model name').max(512),
  max_tokens: z.number({ error: 'max_tokens is required' }).int().positive(),
  messages: z.unknown(),
  system: systemText.nullish(),
  tools: z.array(tool, { error: 'expected an array of tools' }).max(1_000, 'at most 1,000 tools').nullish(),
  tool_choice: toolChoice.nullish(),
  stop_sequences: z.array(z.string().min(1, 'a stop sequence cannot be empty').max(1_000)).max(16).nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.null({ error: unsupported('top_k') }).optional(),
  metadata: z.looseObject({ user_id: z.string().max(512).nullish() }).nullish(),
  stream: z.boolean().nullish(),
  thinking: thinking.nullish(),
  output_config: outputConfig.nullish(),
  mcp_servers: z.null({ error: unsupported('mcp_servers') }).optional(),
  container: z.null({ error: unsupported('container') }).optional(),
});

type MessagesBody = z.infer<typeof body>;

export interface MessagesRequest {
  params: ExecuteParams;
  stream: boolean;
}

/**
 * Anthropic clients send Anthropic model ids (`claude-sonnet-4-5`, `claude-3-5-haiku-latest`)
 * by default: those are routed as `auto`. `auto`, a logical model or a `providerId/modelId`
 * (e.g. `anthropic/claude-sonnet-4-5`) mean what they mean on the OpenAI face.
 */
export function routedModel(model: string): string | undefined {
  if (model === AUTO_MODEL || /^claude-[^/]*$/i.test(model)) return undefined;
  return model;
}

/** The body of a Messages request; `countOnly` for count_tokens, which takes no max_tokens. */
export function parseMessagesRequest(raw: unknown, headers: RouterHeaders, client?: string, countOnly = false): MessagesRequest {
  const parsed = (countOnly ? body.extend({ max_tokens: z.unknown().optional() }) : body).safeParse(raw);
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  const req = parsed.data as MessagesBody;
  const tools = toolDefinitions(req);
  const system = systemPrompt(req.system);
  const params: ExecuteParams = {
    workspaceId: headers['x-llm-router-workspace'] ?? DEFAULT_WORKSPACE,
    kind: headers['x-llm-router-kind'] as Kind | undefined,
    model: routedModel(req.model),
    messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...toConversation(req.messages)],
    ...(countOnly ? {} : { maxTokens: req.max_tokens }),
    ...(typeof req.temperature === 'number' ? { temperature: req.temperature } : {}),
    ...(tools ? { tools } : {}),
    ...withValue('toolChoice', toolChoiceOf(req, tools)),
    ...withValue('options', generationOptions(req, tools !== undefined)),
    ...withValue('client', client),
  };
  const checked = executeParamsSchema.safeParse(params);
  if (!checked.success) throw fromIssue(checked.error.issues[0], callerName);
  return { params: checked.data, stream: req.stream === true };
}

function systemPrompt(system: MessagesBody['system']): string | undefined {
  if (system === null || system === undefined) return undefined;
  const text = typeof system === 'string' ? system : system.map((b) => b.text).join('\n\n');
  return text === '' ? undefined : text;
}

function toolDefinitions(req: MessagesBody): ToolDefinition[] | undefined {
  if (!req.tools?.length) return undefined;
  const tools = req.tools.map((t, i): ToolDefinition => {
    checkToolName(t.name, `tools[${i}].name`);
    return {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      parameters: objectSchema(t.input_schema, `tools[${i}].input_schema`),
    };
  });
  checkUniqueNames(tools.map((t) => t.name), (i) => `tools[${i}].name`);
  return tools;
}

function toolChoiceOf(req: MessagesBody, tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  const choice = req.tool_choice;
  if (!choice) return undefined;
  if (!tools) {
    if (choice.type === 'auto' || choice.type === 'none') return undefined;
    throw invalidRequest(`Invalid 'tool_choice': a tool call was required but the request has no 'tools'`, 'tool_choice', 'invalid_value');
  }
  switch (choice.type) {
    case 'auto':
    case 'none':
      return choice.type;
    case 'any':
      return 'required';
    case 'tool':
      checkChosenTool(choice.name, tools, 'tool_choice.name');
      return { name: choice.name };
  }
}

function generationOptions(req: MessagesBody, hasTools: boolean): GenerationOptions | undefined {
  const choice = req.tool_choice;
  const noParallel = hasTools && choice && 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true;
  const format = req.output_config?.format;
  if (format) checkDepth(format.schema, 'output_config.format.schema', 'invalid_value');
  const options: GenerationOptions = {
    ...withValue('stop', req.stop_sequences?.length ? req.stop_sequences : undefined),
    ...withValue('topP', req.top_p),
    ...withValue('user', req.metadata?.user_id),
    ...withValue('reasoningEffort', req.output_config?.effort ?? thinkingEffort(req.thinking)),
    ...withValue('responseFormat', format ? { type: 'json_schema' as const, name: 'response', schema: format.schema } : undefined),
    ...(noParallel ? { parallelToolCalls: false } : {}),
  };
  return Object.keys(options).length > 0 ? options : undefined;
}

/**
 * Extended thinking asks for a model that reasons, and how hard: a budget maps to the
 * neutral reasoning effort. `adaptive` leaves it to the model, as the router does anyway.
 * The answer carries no thinking blocks.
 */
export function thinkingEffort(config: MessagesBody['thinking']): ReasoningEffort | undefined {
  if (config?.type !== 'enabled') return undefined;
  if (config.budget_tokens <= 4_096) return 'low';
  return config.budget_tokens <= 16_384 ? 'medium' : 'high';
}

const PARAM_NAMES: Record<string, string> = {
  workspaceId: 'x-llm-router-workspace',
  kind: 'x-llm-router-kind',
  client: 'x-llm-router-client',
  maxTokens: 'max_tokens',
  toolChoice: 'tool_choice',
  'options.stop': 'stop_sequences',
  'options.topP': 'top_p',
  'options.user': 'metadata.user_id',
  'options.reasoningEffort': 'thinking',
  'options.responseFormat': 'output_config.format',
};

const callerName = callerNames(PARAM_NAMES);
