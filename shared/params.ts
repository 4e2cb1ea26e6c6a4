// zod schemas for the params of every request in protocol.ts. The server validates
// each incoming request with these, so a malformed call gets -32602 naming the field.
import { z } from 'zod';
import { KINDS } from './protocol';

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
const modelRef = z.string().regex(/^[^/\s]+\/\S+$/, 'expected "providerId/modelId"');

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

export const conversationMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(MAX_TEXT),
});

export const executeParamsSchema = z
  .object({
    workspaceId,
    kind: z.enum(KINDS).optional(),
    prompt: z.string().max(MAX_TEXT).optional(),
    document: documentSchema.optional(),
    model: modelRef.optional(),
    messages: z.array(conversationMessageSchema).min(1).max(10_000).optional(),
    maxTokens: z.number().int().positive().max(10_000_000).optional(),
    temperature: z.number().min(0).max(2).optional(),
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
  .refine((p) => p.messages === undefined || p.messages.some((m) => m.role === 'user' && m.content.trim() !== ''), {
    message: 'messages need at least one non-empty user message',
    path: ['messages'],
  });

export const usageParamsSchema = z.object({ workspaceId });

export const dashboardParamsSchema = z.object({
  workspaceId,
  days: z.number().int().min(1).max(366).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const checkProvidersParamsSchema = z.object({
  providerId: z.string().min(1).max(256).optional(),
});

export const setApiKeysParamsSchema = z.object({
  apiKeys: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
