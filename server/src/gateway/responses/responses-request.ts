// An OpenAI `POST /v1/responses` body turned into router/execute params, so a caller of
// `client.responses` (and OpenAI's Codex CLI, `wire_api = "responses"`) is routed and
// recorded like any other request. As on the other faces, a field that would change the
// answer and that the router cannot honour is refused with a 400 naming it: built-in tools
// (web search, file search, computer use...) and everything that needs state kept on the
// server (`previous_response_id`, `conversation`, stored prompts, `background`). Fields that
// change nothing here are accepted: `store` (nothing is ever stored: the gateway keeps no
// responses, whatever it says), `metadata`, `include`, `prompt_cache_key`, `service_tier`...
import { z } from 'zod';
import type { GenerationOptions, ReasoningEffort, ResponseFormat, ToolDefinition } from '../../../../shared/conversation';
import { executeParamsSchema, TOOL_NAME } from '../../../../shared/params';
import type { ExecuteParams, Kind } from '../../../../shared/protocol';
import { AUTO_MODEL, DEFAULT_WORKSPACE, type RouterHeaders } from '../chat-request';
import { invalidRequest } from '../http-error';
import { callerNames, fromIssue } from '../issue';
import { checkDepth, openAiToolChoice, checkToolName, checkUniqueNames, objectSchema } from '../tool-checks';
import { withValue } from '../with-value';
import { toConversation } from './responses-input';

const unsupported = (what: string) => `${what} is not supported by the LLM Router gateway`;
const NO_STATE = 'the LLM Router gateway keeps no conversation state: send the whole conversation in input';

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string({ error: 'expected a string' }),
  description: z.string().max(100_000).nullish(),
  parameters: z.unknown().optional(),
  strict: z.boolean().nullish(),
});

const toolChoice = z.union(
  [z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.literal('function'), name: z.string() })],
  { error: `expected "auto", "none", "required" or {"type": "function", "name": ...} (${unsupported('choosing a built-in tool')})` },
);

const textFormat = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      name: z.string().regex(TOOL_NAME, 'letters, digits, "_" or "-", at most 128'),
      schema: z.record(z.string(), z.unknown(), { error: 'expected a JSON Schema object' }),
      description: z.string().max(100_000).nullish(),
      strict: z.boolean().nullish(),
    }),
  ],
  { error: 'expected type "text", "json_object" or "json_schema"' },
);

const reasoning = z.looseObject({
  effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'], { error: 'expected "none", "minimal", "low", "medium", "high", "xhigh" or "max"' }).nullish(),
  // The answer carries no reasoning items, so no summary of them either: asking changes nothing.
  summary: z.string().nullish(),
  generate_summary: z.string().nullish(),
});

// Loose: fields not named here (store, metadata, include, prompt_cache_key, service_tier,
// safety_identifier's siblings, Codex's client_metadata...) change nothing the router does.
const body = z.looseObject({
  model: z.string({ error: 'expected a string' }).min(1, `expected "${AUTO_MODEL}", a logical model or a "providerId/modelId" (see GET /v1/models)`).max(512),
  input: z.unknown(),
  instructions: z.string().max(10_000_000).nullish(),
  tools: z.array(z.looseObject({ type: z.string({ error: 'a tool needs a type' }) }), { error: 'expected an array of tools' }).max(1_000, 'at most 1,000 tools').nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stream: z.boolean().nullish(),
  text: z
    .looseObject({
      format: textFormat.nullish(),
      verbosity: z.literal('medium', { error: `${unsupported('verbosity other than "medium"')} (in Codex, set model_verbosity = "medium")` }).nullish(),
    })
    .nullish(),
  reasoning: reasoning.nullish(),
  metadata: z.record(z.string(), z.string().max(512)).nullish(),
  user: z.string().max(512).nullish(),
  safety_identifier: z.string().max(512).nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.null({ error: `previous_response_id is not supported: ${NO_STATE}` }).optional(),
  conversation: z.null({ error: `conversation is not supported: ${NO_STATE}` }).optional(),
  prompt: z.null({ error: 'stored prompts are not supported by the LLM Router gateway: send the prompt in instructions and input' }).optional(),
  background: z.literal(false, { error: `${unsupported('background mode')}: send the request without it (stream it to see the answer as it comes)` }).nullish(),
  top_logprobs: z.literal(0, { error: unsupported('top_logprobs') }).nullish(),
  max_tool_calls: z.null({ error: `${unsupported('max_tool_calls')}: the caller runs each function call and decides when to stop` }).optional(),
  include: z.array(z.string().refine((value) => value !== 'message.output_text.logprobs', unsupported('logprobs'))).nullish(),
});

export type ResponsesBody = z.infer<typeof body>;

export interface ResponsesRequest {
  params: ExecuteParams;
  stream: boolean;
  /** The request as sent, for the fields a Response object repeats (instructions, tools, metadata...). */
  body: ResponsesBody;
}

/** Tools other than functions (built-in ones mostly), named with what to do instead. */
const TOOL_TYPE_ADVICE: Record<string, string> = {
  web_search: 'in Codex, set web_search = "disabled" in ~/.codex/config.toml',
  web_search_preview: 'in Codex, set web_search = "disabled" in ~/.codex/config.toml',
  namespace: 'in Codex, set [agents] enabled = false in ~/.codex/config.toml; elsewhere send its tools as function tools',
  custom: 'free-form input: send a function tool with a JSON schema',
};

/** `client`: who sent it (see client-name.ts), recorded for spend by client. */
export function parseResponsesRequest(raw: unknown, headers: RouterHeaders, client?: string): ResponsesRequest {
  const parsed = body.safeParse(raw);
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  const req = parsed.data;
  if (req.input === undefined || req.input === null) throw invalidRequest(`Missing required parameter: 'input'`, 'input', 'missing_required_parameter');
  const tools = toolDefinitions(req);
  const params: ExecuteParams = {
    workspaceId: headers['x-llm-router-workspace'] ?? DEFAULT_WORKSPACE,
    kind: headers['x-llm-router-kind'] as Kind | undefined,
    model: req.model === AUTO_MODEL ? undefined : req.model,
    messages: [...(req.instructions ? [{ role: 'system' as const, content: req.instructions }] : []), ...toConversation(req.input)],
    maxTokens: req.max_output_tokens ?? undefined,
    temperature: req.temperature ?? undefined,
    ...(tools ? { tools } : {}),
    ...withValue('toolChoice', openAiToolChoice(req.tool_choice, typeof req.tool_choice === 'object' ? req.tool_choice?.name : undefined, tools, 'tool_choice.name')),
    ...withValue('options', generationOptions(req, tools !== undefined)),
    ...withValue('client', client),
  };
  const checked = executeParamsSchema.safeParse(params);
  if (!checked.success) throw fromIssue(checked.error.issues[0], callerName);
  return { params: checked.data, stream: req.stream === true, body: req };
}

function toolDefinitions(req: ResponsesBody): ToolDefinition[] | undefined {
  if (!req.tools?.length) return undefined;
  checkFunctionToolsOnly(req.tools);
  const tools = req.tools.map((raw, i): ToolDefinition => {
    const parsed = functionTool.safeParse(raw);
    if (!parsed.success) throw fromIssue(parsed.error.issues[0], undefined, ['tools', i]);
    const { name, description, parameters, strict } = parsed.data;
    checkToolName(name, `tools[${i}].name`);
    return {
      name,
      ...(description ? { description } : {}),
      parameters: objectSchema(parameters, `tools[${i}].parameters`),
      ...(typeof strict === 'boolean' ? { strict } : {}),
    };
  });
  checkUniqueNames(tools.map((t) => t.name), (i) => `tools[${i}].name`);
  return tools;
}

/**
 * One 400 for every tool of the request that is not a function (built-in tools mostly), each
 * with what to do instead: Codex sends two by default, and a caller should not have to learn
 * them one refused request at a time.
 */
function checkFunctionToolsOnly(tools: { type: string }[]): void {
  const others = tools.flatMap((tool, index) => (tool.type === 'function' ? [] : [{ type: tool.type, index }]));
  if (others.length === 0) return;
  const named = others.map(({ type }) => {
    const advice = TOOL_TYPE_ADVICE[type];
    return `"${type}"${advice ? ` (${advice})` : ''}`;
  });
  const param = `tools[${others[0].index}].type`;
  const message = `the LLM Router gateway runs function tools only (the caller runs them), not ${[...new Set(named)].join(', ')}`;
  throw invalidRequest(`Invalid '${param}': ${message}`, param, 'unsupported_tool');
}

function generationOptions(req: ResponsesBody, hasTools: boolean): GenerationOptions | undefined {
  const options: GenerationOptions = {
    ...withValue('responseFormat', responseFormatOf(req.text?.format)),
    ...withValue('topP', req.top_p),
    ...withValue('user', req.safety_identifier ?? req.user),
    ...withValue('reasoningEffort', reasoningEffort(req.reasoning?.effort)),
    // Without tools there is no call to make in parallel.
    ...withValue('parallelToolCalls', hasTools ? req.parallel_tool_calls : undefined),
  };
  return Object.keys(options).length > 0 ? options : undefined;
}

/**
 * OpenAI's efforts on the router's scale: `none` (no reasoning) is the least the router can
 * ask for, `xhigh` and `max` the most. A model that does not reason is asked for none.
 */
function reasoningEffort(effort: NonNullable<ResponsesBody['reasoning']>['effort']): ReasoningEffort | undefined {
  switch (effort) {
    case null:
    case undefined:
      return undefined;
    case 'none':
      return 'minimal';
    case 'xhigh':
    case 'max':
      return 'high';
    default:
      return effort;
  }
}

/** `text` is what a model writes anyway: no option to honour. */
function responseFormatOf(format: z.infer<typeof textFormat> | null | undefined): ResponseFormat | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  const { name, schema, description, strict } = format;
  checkDepth(schema, 'text.format.schema', 'invalid_value');
  return {
    type: 'json_schema',
    name,
    schema,
    ...(description ? { description } : {}),
    ...(typeof strict === 'boolean' ? { strict } : {}),
  };
}

/** ExecuteParams fields under the name the HTTP caller used for them. */
const PARAM_NAMES: Record<string, string> = {
  workspaceId: 'x-llm-router-workspace',
  kind: 'x-llm-router-kind',
  client: 'x-llm-router-client',
  maxTokens: 'max_output_tokens',
  toolChoice: 'tool_choice',
  messages: 'input',
  'options.topP': 'top_p',
  'options.user': 'user',
  'options.reasoningEffort': 'reasoning.effort',
  'options.responseFormat': 'text.format',
  'options.parallelToolCalls': 'parallel_tool_calls',
};

const callerName = callerNames(PARAM_NAMES);
