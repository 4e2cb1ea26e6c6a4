// An OpenAI `POST /v1/responses` body turned into router/execute params, so a caller of
// `client.responses` (and OpenAI's Codex CLI, `wire_api = "responses"`) is routed and
// recorded like any other request. As on the other faces, a field that would change the
// answer and that the router cannot honour is refused with a 400 naming it: built-in tools
// (web search, file search, computer use...; function, custom and namespace tools are offered
// as functions, see responses-tools.ts) and everything that needs state kept on the
// server (`previous_response_id`, `conversation`, stored prompts, `background`). Fields that
// change nothing here are accepted: `store` (nothing is ever stored: the gateway keeps no
// responses, whatever it says), `metadata`, `include`, `prompt_cache_key`, `service_tier`...
import { z } from 'zod';
import type { GenerationOptions, ReasoningEffort, ResponseFormat } from '../../../../shared/conversation';
import { executeParamsSchema, TOOL_NAME } from '../../../../shared/params';
import type { ExecuteParams, Kind } from '../../../../shared/protocol';
import { AUTO_MODEL, DEFAULT_WORKSPACE, type RouterHeaders } from '../chat-request';
import { invalidRequest } from '../http-error';
import { callerNames, fromIssue } from '../issue';
import { checkDepth, openAiToolChoice } from '../tool-checks';
import { withValue } from '../with-value';
import { toConversation } from './responses-input';
import { ResponsesTools } from './responses-tools';

const unsupported = (what: string) => `${what} is not supported by the LLM Router gateway`;
const NO_STATE = 'the LLM Router gateway keeps no conversation state: send the whole conversation in input';

const toolChoice = z.union(
  [z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.enum(['function', 'custom']), name: z.string(), namespace: z.string().nullish() })],
  { error: `expected "auto", "none", "required" or {"type": "function" | "custom", "name": ...} (${unsupported('choosing a built-in tool')})` },
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
  /** How each tool was offered to the model, to answer its calls in the caller's terms. */
  tools: ResponsesTools;
}

/** `client`: who sent it (see client-name.ts), recorded for spend by client. */
export function parseResponsesRequest(raw: unknown, headers: RouterHeaders, client?: string): ResponsesRequest {
  const parsed = body.safeParse(raw);
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  const req = parsed.data;
  if (req.input === undefined || req.input === null) throw invalidRequest(`Missing required parameter: 'input'`, 'input', 'missing_required_parameter');
  const tools = req.tools?.length ? ResponsesTools.parse(req.tools) : ResponsesTools.NONE;
  const definitions = tools.any ? tools.definitions : undefined;
  const forced = typeof req.tool_choice === 'object' && req.tool_choice ? (tools.offeredName(req.tool_choice.name, req.tool_choice.namespace) ?? req.tool_choice.name) : undefined;
  const params: ExecuteParams = {
    workspaceId: headers['x-llm-router-workspace'] ?? DEFAULT_WORKSPACE,
    kind: headers['x-llm-router-kind'] as Kind | undefined,
    model: req.model === AUTO_MODEL ? undefined : req.model,
    messages: [...(req.instructions ? [{ role: 'system' as const, content: req.instructions }] : []), ...toConversation(req.input)],
    maxTokens: req.max_output_tokens ?? undefined,
    temperature: req.temperature ?? undefined,
    ...(definitions ? { tools: definitions } : {}),
    ...withValue('toolChoice', openAiToolChoice(req.tool_choice, forced, definitions, 'tool_choice.name')),
    ...withValue('options', generationOptions(req, definitions !== undefined)),
    ...withValue('client', client),
  };
  const checked = executeParamsSchema.safeParse(params);
  if (!checked.success) throw fromIssue(checked.error.issues[0], callerName);
  return { params: checked.data, stream: req.stream === true, body: req, tools };
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
