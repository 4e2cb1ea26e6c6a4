// An OpenAI `POST /v1/chat/completions` body turned into router/execute params: the
// conversation with its tool turns and images, the tools, and every output option the
// router can honour. A field that would change the answer and that the router cannot
// honour (n > 1, logprobs, audio, web search, the legacy `functions`) is refused with a
// 400 naming it, never silently ignored; fields that change nothing (metadata, store...)
// are accepted as OpenAI accepts them.
import { z } from 'zod';
import type { GenerationOptions, ResponseFormat, ToolDefinition } from '../../../shared/conversation';
import { executeParamsSchema, isPlainExecuteParams, TOOL_NAME } from '../../../shared/params';
import type { ExecuteParams, Kind } from '../../../shared/protocol';
import { toConversation } from './chat-messages';
import { isPlainChatBody } from './plain-chat-body';
import { callerNames, fromIssue } from './issue';
import { checkDepth, openAiToolChoice, checkToolName, checkUniqueNames, objectSchema } from './tool-checks';
import { withValue } from './with-value';

export { formatPath } from './issue';

export const AUTO_MODEL = 'auto';
export const DEFAULT_WORKSPACE = 'gateway';

const unsupported = (what: string) => `${what} is not supported by the LLM Router gateway`;
const LEGACY = 'the legacy function-calling fields are not supported: send "tools" and "tool_choice" instead';

const tool = z.looseObject({
  type: z.literal('function', { error: 'only "function" tools are supported' }),
  function: z.looseObject({
    name: z.string({ error: 'expected a string' }),
    description: z.string().max(100_000).nullish(),
    parameters: z.unknown().optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union(
  [z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) })],
  { error: 'expected "auto", "none", "required" or {"type": "function", "function": {"name": ...}}' },
);

const responseFormat = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({
        name: z.string().regex(TOOL_NAME, 'letters, digits, "_" or "-", at most 128'),
        schema: z.record(z.string(), z.unknown(), { error: 'expected a JSON Schema object' }).optional(),
        description: z.string().max(100_000).nullish(),
        strict: z.boolean().nullish(),
      }),
    }),
  ],
  { error: 'expected type "text", "json_object" or "json_schema"' },
);

const stopSequence = z.string().min(1, 'a stop sequence cannot be empty').max(1_000);

// Loose: fields not named here (metadata, store, service_tier, prediction...) change nothing the router does.
export const chatRequestSchema = z.looseObject({
  model: z.string({ error: 'expected a string' }).min(1, `expected "${AUTO_MODEL}", a logical model or a "providerId/modelId" (see GET /v1/models)`).max(512),
  messages: z.unknown(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  n: z.literal(1, { error: unsupported('n other than 1') }).nullish(),
  tools: z.array(tool, { error: 'expected an array of tools' }).max(1_000, 'at most 1,000 tools').nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  functions: z.null({ error: LEGACY }).optional(),
  function_call: z.null({ error: LEGACY }).optional(),
  stop: z.union([stopSequence, z.array(stopSequence).max(16)], { error: 'expected a string or an array of at most 16 strings' }).nullish(),
  response_format: responseFormat.nullish(),
  seed: z.number().int().nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  user: z.string().max(512).nullish(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high'], { error: 'expected "minimal", "low", "medium" or "high"' }).nullish(),
  logprobs: z.literal(false, { error: unsupported('logprobs') }).nullish(),
  top_logprobs: z.literal(0, { error: unsupported('top_logprobs') }).nullish(),
  logit_bias: z.record(z.string(), z.unknown()).refine((bias) => Object.keys(bias).length === 0, unsupported('logit_bias')).nullish(),
  audio: z.null({ error: unsupported('audio output') }).optional(),
  modalities: z.array(z.literal('text', { error: unsupported('output other than text') })).nullish(),
  web_search_options: z.null({ error: unsupported('web search') }).optional(),
});

type ChatBody = z.infer<typeof chatRequestSchema>;

const SCHEMA_FIELDS: ReadonlySet<string> = new Set(Object.keys(chatRequestSchema.shape));

/** The body as chatRequestSchema reads it: a plain one checked by hand (see plain-chat-body.ts), any other by the schema. */
export function readChatBody(body: unknown): ChatBody {
  if (isPlainChatBody(body, SCHEMA_FIELDS)) return body as ChatBody;
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  return parsed.data;
}

export interface ChatRequest {
  params: ExecuteParams;
  stream: boolean;
  includeUsage: boolean;
}

/** The request headers the gateway reads, lower-case as Node gives them. */
export interface RouterHeaders {
  'x-llm-router-workspace'?: string;
  'x-llm-router-kind'?: string;
}

/** `client`: who sent it (see client-name.ts), recorded for spend by client. */
export function parseChatRequest(body: unknown, headers: RouterHeaders, client?: string): ChatRequest {
  const req = readChatBody(body);
  const tools = toolDefinitions(req);
  const params: ExecuteParams = {
    workspaceId: headers['x-llm-router-workspace'] ?? DEFAULT_WORKSPACE,
    kind: headers['x-llm-router-kind'] as Kind | undefined,
    model: req.model === AUTO_MODEL ? undefined : req.model,
    messages: toConversation(req.messages),
    maxTokens: req.max_completion_tokens ?? req.max_tokens ?? undefined,
    temperature: req.temperature ?? undefined,
    ...(tools ? { tools } : {}),
    ...withValue('toolChoice', openAiToolChoice(req.tool_choice, typeof req.tool_choice === 'object' ? req.tool_choice?.function.name : undefined, tools, 'tool_choice.function.name')),
    ...withValue('options', generationOptions(req, tools !== undefined)),
    ...withValue('client', client),
  };
  return { params: checkedParams(params), stream: req.stream === true, includeUsage: req.stream_options?.include_usage === true };
}

/**
 * The router's own schema has the last word (limits, "a user message"), named as the caller
 * knows it; a plain text conversation that passes its checks by hand skips the second parse.
 */
function checkedParams(params: ExecuteParams): ExecuteParams {
  if (isPlainExecuteParams(params as unknown as Record<string, unknown>)) return params;
  const checked = executeParamsSchema.safeParse(params);
  if (!checked.success) throw fromIssue(checked.error.issues[0], callerName);
  return checked.data;
}

function toolDefinitions(req: ChatBody): ToolDefinition[] | undefined {
  if (!req.tools?.length) return undefined;
  const tools = req.tools.map((t, i): ToolDefinition => {
    const { name, description, parameters, strict } = t.function;
    checkToolName(name, `tools[${i}].function.name`);
    return {
      name,
      ...(description ? { description } : {}),
      parameters: objectSchema(parameters, `tools[${i}].function.parameters`),
      ...(typeof strict === 'boolean' ? { strict } : {}),
    };
  });
  checkUniqueNames(tools.map((t) => t.name), (i) => `tools[${i}].function.name`);
  return tools;
}

function generationOptions(req: ChatBody, hasTools: boolean): GenerationOptions | undefined {
  const options: GenerationOptions = {
    ...withValue('stop', req.stop === null || req.stop === undefined ? undefined : [req.stop].flat()),
    ...withValue('responseFormat', responseFormatOf(req.response_format)),
    ...withValue('seed', req.seed),
    ...withValue('topP', req.top_p),
    ...withValue('presencePenalty', req.presence_penalty),
    ...withValue('frequencyPenalty', req.frequency_penalty),
    ...withValue('user', req.user),
    ...withValue('reasoningEffort', req.reasoning_effort),
    // Without tools there is no call to make in parallel.
    ...withValue('parallelToolCalls', hasTools ? req.parallel_tool_calls : undefined),
  };
  return Object.keys(options).length > 0 ? options : undefined;
}

/** `text` is what a model writes anyway: no option to honour. */
function responseFormatOf(format: ChatBody['response_format']): ResponseFormat | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  const { name, schema, description, strict } = format.json_schema;
  return {
    type: 'json_schema',
    name,
    schema: objectSchemaOrAny(schema),
    ...(description ? { description } : {}),
    ...(typeof strict === 'boolean' ? { strict } : {}),
  };
}

/** OpenAI lets `json_schema.schema` be left out: any JSON object then. */
function objectSchemaOrAny(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  checkDepth(schema, 'response_format.json_schema.schema', 'invalid_value');
  return schema ?? { type: 'object' };
}

/** ExecuteParams fields under the name the HTTP caller used for them. */
const PARAM_NAMES: Record<string, string> = {
  workspaceId: 'x-llm-router-workspace',
  kind: 'x-llm-router-kind',
  client: 'x-llm-router-client',
  maxTokens: 'max_tokens',
  toolChoice: 'tool_choice',
  'options.topP': 'top_p',
  'options.presencePenalty': 'presence_penalty',
  'options.frequencyPenalty': 'frequency_penalty',
  'options.reasoningEffort': 'reasoning_effort',
  'options.responseFormat': 'response_format',
  'options.parallelToolCalls': 'parallel_tool_calls',
};

const callerName = callerNames(PARAM_NAMES);
