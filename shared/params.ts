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

export const executeParamsSchema = z
  .object({
    workspaceId,
    kind: z.enum(KINDS).optional(),
    prompt: z.string().max(MAX_TEXT).optional(),
    document: documentSchema.optional(),
    model: modelRef.optional(),
    partialResultToken: z.union([z.string(), z.number()]).optional(),
  })
  .refine((p) => (p.prompt ?? '').trim() !== '' || p.document !== undefined, {
    message: 'give a prompt, a document, or both',
    path: ['prompt'],
  });

export const usageParamsSchema = z.object({ workspaceId });

export const dashboardParamsSchema = z.object({
  workspaceId,
  days: z.number().int().min(1).max(366).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const setApiKeysParamsSchema = z.object({
  apiKeys: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
