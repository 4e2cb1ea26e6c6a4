// A zod issue as the 400 a caller reads: `Invalid 'messages[2].content': ...`, with the
// field in OpenAI's own path notation (Anthropic's clients read the same message).
import type { z } from 'zod';
import { invalidRequest, type HttpError } from './http-error';

export function fromIssue(issue: z.core.$ZodIssue, rename: (path: string) => string = (path) => path, prefix: PropertyKey[] = []): HttpError {
  const param = rename(formatPath([...prefix, ...issue.path])) || null;
  return invalidRequest(`Invalid ${param ? `'${param}'` : 'request body'}: ${issue.message}`, param, 'invalid_value');
}

/** Parses `value` (found at `path` in the body) or throws the 400 naming the bad field. */
export function parseAt<T>(schema: z.ZodType<T>, value: unknown, path: PropertyKey[]): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromIssue(parsed.error.issues[0], undefined, path);
  return parsed.data;
}

/** OpenAI names nested fields like `messages[0].content`. */
export function formatPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/**
 * Renames a path of the router's own params to the field the caller sent (`options.topP` ->
 * `top_p`), through the face's table; an option the table does not name keeps its own name.
 */
export function callerNames(names: Record<string, string>): (path: string) => string {
  return (path) => {
    const [first, second] = path.split(/[.[]/);
    return names[`${first}.${second}`] ?? names[first] ?? (first === 'options' ? second : path);
  };
}
