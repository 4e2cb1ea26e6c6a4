// zod schemas for the params of every request in protocol.ts. The server validates
// each incoming request with these, so a malformed call gets -32602 naming the field.
import { z } from 'zod';
import { contentText } from './conversation';
import { FEEDBACK_SIGNALS, KINDS } from './protocol';
import { providerSchema } from './settings';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const MAX_TEXT = 4_000_000; // ~1M tokens: beyond any model's context window
const position = z.object({
  line: z.number().int().nonnegative(),
  character: z.number().int().nonnegative(),
});

export const documentSchema = z.object({
  uri: z.string().min(1).max(8192),
  languageId: z.string().max(256),
  text: z.string().max(MAX_TEXT),
  selection: z.object({ start: position, end: position }).optional(),
});

const workspaceId = z.string().min(1).max(512);
const MODEL_REF = /^([^/\s]+\/\S+|[A-Za-z0-9._-]+)$/;
/** `providerId/modelId`, or a logical model: `auto`, `cheap`, `fast`, `best`, or an alias from settings. */
const modelRef = z
  .string()
  .max(512)
  .regex(MODEL_REF, 'expected "providerId/modelId" or a logical model ("auto", "cheap", "fast", "best", an alias)');

export const routeParamsSchema = z
  .object({
    workspaceId,
    kind: z.enum(KINDS).optional(),
    prompt: z.string().max(MAX_TEXT).optional(),
    document: documentSchema.optional(),
  })
  .refine((p) => (p.prompt ?? '').trim() !== '' || p.document !== undefined, {
    message: 'give a prompt, a document, or both',
    path: ['prompt'],
  });

const MAX_PARTS = 10_000;
/** Images as https or base64 data URLs; ~20 MB of base64 is beyond what any provider takes in one image. */
const MAX_IMAGE_URL = 28_000_000;

export const contentPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().max(MAX_TEXT) }),
  z.object({
    type: z.literal('image'),
    url: z
      .string()
      .max(MAX_IMAGE_URL)
      .regex(/^(https?:\/\/\S+|data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]+)$/i, 'expected an https URL or a data:image/...;base64 URL'),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
]);

const content = z.union([z.string().max(MAX_TEXT), z.array(contentPartSchema).max(MAX_PARTS)]);

export const toolCallSchema = z.object({
  id: z.string().min(1).max(512),
  name: z.string().min(1).max(256),
  arguments: z.string().max(MAX_TEXT),
});

export const conversationMessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content,
    toolCalls: z.array(toolCallSchema).max(1_000).optional(),
    toolCallId: z.string().min(1).max(512).optional(),
    isError: z.boolean().optional(),
  })
  .refine((m) => m.toolCalls === undefined || m.role === 'assistant', { message: 'only assistant messages carry toolCalls', path: ['toolCalls'] })
  .refine((m) => (m.role === 'tool') === (m.toolCallId !== undefined), {
    message: 'a tool message needs the toolCallId it answers, and only a tool message has one',
    path: ['toolCallId'],
  });

/** An earlier chat turn sent before a built prompt: user or assistant text. */
const historyMessageSchema = z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(MAX_TEXT) });

/** A JSON value sent on to providers as it is: not nested past what serialising it can take. */
function withinDepth<T extends z.ZodType>(schema: T) {
  return schema.refine((value) => !nestsDeeperThan(value), `nested more than ${MAX_JSON_DEPTH} levels deep`);
}

/** Tool and function names as OpenAI and Anthropic both accept them. */
export const TOOL_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export const toolDefinitionSchema = z.object({
  name: z.string().regex(TOOL_NAME, 'letters, digits, "_" or "-", at most 128'),
  description: z.string().max(100_000).optional(),
  parameters: withinDepth(z.record(z.string(), z.unknown())),
  strict: z.boolean().optional(),
});

export const toolChoiceSchema = z.union([z.enum(['auto', 'none', 'required']), z.object({ name: z.string().regex(TOOL_NAME) })]);

export const generationOptionsSchema = z.object({
  stop: z.array(z.string().min(1).max(1_000)).max(16).optional(),
  responseFormat: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('text') }),
      z.object({ type: z.literal('json_object') }),
      z.object({
        type: z.literal('json_schema'),
        name: z.string().regex(TOOL_NAME, 'letters, digits, "_" or "-", at most 128'),
        schema: withinDepth(z.record(z.string(), z.unknown())),
        description: z.string().max(100_000).optional(),
        strict: z.boolean().optional(),
      }),
    ])
    .optional(),
  seed: z.number().int().optional(),
  topP: z.number().min(0).max(1).optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  user: z.string().max(512).optional(),
  reasoningEffort: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
  parallelToolCalls: z.boolean().optional(),
});

export const executeParamsSchema = z
  .object({
    workspaceId,
    kind: z.enum(KINDS).optional(),
    prompt: z.string().max(MAX_TEXT).optional(),
    document: documentSchema.optional(),
    model: modelRef.optional(),
    messages: z.array(conversationMessageSchema).min(1).max(10_000).optional(),
    history: z.array(historyMessageSchema).max(10_000).optional(),
    maxTokens: z.number().int().positive().max(10_000_000).optional(),
    temperature: z.number().min(0).max(2).optional(),
    tools: z.array(toolDefinitionSchema).max(1_000).optional(),
    toolChoice: toolChoiceSchema.optional(),
    options: generationOptionsSchema.optional(),
    client: z.string().min(1).max(256).optional(),
    partialResultToken: z.union([z.string(), z.number()]).optional(),
  })
  .refine((p) => (p.prompt ?? '').trim() !== '' || p.document !== undefined || p.messages !== undefined, {
    message: 'give a prompt, a document, messages, or a combination',
    path: ['prompt'],
  })
  .refine((p) => p.messages === undefined || (p.prompt === undefined && p.document === undefined), {
    message: 'messages replace prompt and document: give one or the other',
    path: ['messages'],
  })
  .refine((p) => p.messages === undefined || p.messages.some((m) => m.role === 'user' && contentText(m.content).trim() !== ''), {
    message: 'messages need at least one non-empty user message',
    path: ['messages'],
  })
  .refine((p) => p.history === undefined || p.messages === undefined, {
    message: 'history goes before a prompt or document, not with messages',
    path: ['history'],
  })
  .refine((p) => (p.tools === undefined && p.toolChoice === undefined) || p.messages !== undefined, {
    message: 'tools go with messages',
    path: ['tools'],
  });

const PLAIN_EXECUTE_KEYS = new Set(['workspaceId', 'kind', 'model', 'messages', 'maxTokens', 'temperature', 'client']);

/**
 * True when executeParamsSchema would accept `p` and return it as it is, for the common
 * shape only: a conversation of plain text turns (system, user, assistant), no tools or
 * options. The gateway builds its params from a body it has validated already, and the
 * schema's second pass over them was ~7% of its CPU per request. False means only "not
 * this shape, or not valid": the caller then parses with the schema, which names the
 * fault. test/shared/params.test.ts holds the two together.
 */
export function isPlainExecuteParams(p: Record<string, unknown>): boolean {
  for (const key in p) if (p[key] !== undefined && !PLAIN_EXECUTE_KEYS.has(key)) return false;
  const { workspaceId, kind, model, messages, maxTokens, temperature, client } = p;
  if (typeof workspaceId !== 'string' || workspaceId.length < 1 || workspaceId.length > 512) return false;
  if (kind !== undefined && !(KINDS as readonly unknown[]).includes(kind)) return false;
  if (model !== undefined && !(typeof model === 'string' && model.length <= 512 && MODEL_REF.test(model))) return false;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) > 0 && (maxTokens as number) <= 10_000_000)) return false;
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)) return false;
  if (client !== undefined && !(typeof client === 'string' && client.length >= 1 && client.length <= 256)) return false;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 10_000) return false;
  let userText = false;
  for (const message of messages as unknown[]) {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
    for (const key in message) if (key !== 'role' && key !== 'content') return false;
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (role !== 'system' && role !== 'user' && role !== 'assistant') return false;
    if (typeof content !== 'string' || content.length > MAX_TEXT) return false;
    if (role === 'user' && !userText) userText = content.trim() !== '';
  }
  return userText;
}

export const modelsParamsSchema = z.object({}).passthrough();

export const countTokensParamsSchema = z
  .object({
    text: z.string().max(MAX_TEXT).optional(),
    messages: z.array(conversationMessageSchema).max(10_000).optional(),
  })
  .refine((p) => (p.text === undefined) !== (p.messages === undefined), { message: 'give text or messages', path: ['text'] });

export const usageParamsSchema = z.object({ workspaceId });

export const feedbackParamsSchema = z.object({
  workspaceId,
  kind: z.enum(KINDS),
  /** The model that answered: always a concrete `providerId/modelId`. */
  model: z.string().max(512).regex(/^[^/\s]+\/\S+$/, 'expected "providerId/modelId"'),
  signal: z.enum(FEEDBACK_SIGNALS),
  at: z.number().int().nonnegative().optional(),
});

export const dashboardParamsSchema = z.object({
  workspaceId,
  days: z.number().int().min(1).max(366).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const checkProvidersParamsSchema = z.object({
  providerId: z.string().min(1).max(256).optional(),
});

export const listProviderModelsParamsSchema = z.object({
  provider: providerSchema.pick({ id: true, type: true, baseUrl: true, apiKeyEnv: true }),
  apiKey: z.string().min(1).max(4096).optional(),
});

export const setApiKeysParamsSchema = z.object({
  apiKeys: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});

/** At least 32 characters: a gateway token guards spending on the user's keys. */
export const MIN_GATEWAY_TOKEN_LENGTH = 32;

export const gatewayParamsSchema = z.object({
  action: z.enum(['start', 'stop', 'status', 'hold']),
  port: z.number().int().min(0).max(65_535).optional(),
  token: z.string().min(MIN_GATEWAY_TOKEN_LENGTH).max(512).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
  workspaceId: workspaceId.optional(),
});
