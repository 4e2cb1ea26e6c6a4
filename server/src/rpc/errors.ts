// Turns whatever a handler threw into a JSON-RPC error a client can act on.
import { ErrorCodes as RpcCodes, ResponseError } from 'vscode-languageserver/node';
import { RouterError } from '../pipeline/errors';

export function toResponseError(error: unknown): ResponseError<unknown> {
  if (error instanceof ResponseError) return error;
  if (error instanceof RouterError) return new ResponseError(error.code, error.message, error.data);
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(RpcCodes.InternalError, `Internal error: ${message}`);
}
