// An OpenAI `POST /v1/chat/completions` body turned into router/execute params. Anything
// the router cannot honour (tools, n > 1, stop sequences, JSON mode, images) is refused
// with a 400 naming the field, never silently ignored: the caller would get an answer
// that quietly breaks its expectations.
import { z } from 'zod';
import { executeParamsSchema } from '../../../shared/params';
import type { ConversationMessage, ExecuteParams, Kind } from '../../../shared/protocol';
import { invalidRequest } from './http-error';

export const AUTO_MODEL = 'auto';
export const DEFAULT_WORKSPACE = 'gateway';

const unsupported = (what: string) => `${what} is not supported by the LLM Router gateway`;

const textPart = z.object({ type: z.literal('text'), text: z.string() });

const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant'], {
    error: 'expected "system", "developer", "user" or "assistant" (tool messages are not supported)',
  }),
  content: z.union([z.string(), z.array(textPart)], { error: 'expected a string or an array of text parts' }),
});

// Loose: clients send many optional fields (user, seed, top_p...) that change nothing here.
export const chatRequestSchema = z.looseObject({
  model: z
    .string({ error: 'expected a string' })
    .regex(/^(auto|[^/\s]+\/\S+)$/, `expected "${AUTO_MODEL}" or a configured "providerId/modelId" (see GET /v1/models)`),
  messages: z.array(message, { error: 'expected an array of messages' }).min(1, 'at least one message is required'),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  n: z.literal(1, { error: unsupported('n other than 1') }).nullish(),
  tools: z.array(z.unknown()).max(0, unsupported('tool calling')).nullish(),
  functions: z.array(z.unknown()).max(0, unsupported('function calling')).nullish(),
  stop: z.null({ error: unsupported('stop') }).optional(),
  response_format: z.object({ type: z.literal('text', { error: unsupported('response_format other than text') }) }).nullish(),
});

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

export function parseChatRequest(body: unknown, headers: RouterHeaders): ChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) throw fromIssue(parsed.error.issues[0], (path) => path);
  const req = parsed.data;
  const params: ExecuteParams = {
    workspaceId: headers['x-llm-router-workspace'] ?? DEFAULT_WORKSPACE,
    kind: headers['x-llm-router-kind'] as Kind | undefined,
    model: req.model === AUTO_MODEL ? undefined : req.model,
    messages: req.messages.map(toConversationMessage),
    maxTokens: req.max_completion_tokens ?? req.max_tokens ?? undefined,
    temperature: req.temperature ?? undefined,
  };
  // The router's own schema has the last word (limits, "a user message"), named as the caller knows it.
  const checked = executeParamsSchema.safeParse(params);
  if (!checked.success) throw fromIssue(checked.error.issues[0], (path) => PARAM_NAMES[path.split(/[.[]/)[0]] ?? path);
  return { params: checked.data, stream: req.stream === true, includeUsage: req.stream_options?.include_usage === true };
}

/** ExecuteParams fields under the name the HTTP caller used for them. */
const PARAM_NAMES: Record<string, string> = {
  workspaceId: 'x-llm-router-workspace',
  kind: 'x-llm-router-kind',
  maxTokens: 'max_tokens',
  temperature: 'temperature',
  model: 'model',
};

function toConversationMessage(m: z.infer<typeof message>): ConversationMessage {
  // `developer` is OpenAI's newer name for the system role.
  const role = m.role === 'developer' ? 'system' : m.role;
  const content = typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join('\n');
  return { role, content };
}

function fromIssue(issue: z.core.$ZodIssue, rename: (path: string) => string) {
  const param = rename(formatPath(issue.path)) || null;
  return invalidRequest(`Invalid ${param ? `'${param}'` : 'request body'}: ${issue.message}`, param, 'invalid_value');
}

/** OpenAI names nested fields like `messages[0].content`. */
export function formatPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}
