// Every request's params pass one zod schema before any work: a malformed call gets
// -32602 naming the offending field, and the server keeps serving.
import { ResponseError } from 'vscode-languageserver/node';
import type { z } from 'zod';
import { ErrorCodes, type InvalidParamsData } from '../../../shared/protocol';

export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const first = issues[0];
  const data: InvalidParamsData = { path: first.path, issues };
  return throwInvalid(`Invalid params: ${first.path || '(params)'}: ${first.message}`, data);
}

function throwInvalid(message: string, data: InvalidParamsData): never {
  throw new ResponseError(ErrorCodes.InvalidParams, message, data);
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}
