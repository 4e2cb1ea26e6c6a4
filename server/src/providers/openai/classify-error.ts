// OpenAI SDK error classes -> SDK-neutral failure facts.
import { classifyPlainError, connectionDetail, type SdkFailure } from '../common/sdk-failure';
import { openaiSdk } from './load-sdk';

export function classifyOpenAIError(error: unknown): SdkFailure {
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = openaiSdk();
  // Subclasses before their parents: a timeout is a connection error, and both are APIErrors.
  if (error instanceof APIUserAbortError) return { kind: 'aborted' };
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) return { kind: 'connection', detail: connectionDetail(error.cause) };
  if (error instanceof APIError) {
    // `error.error` is the body's `error` object: { message, type, code }.
    const body = error.error as { message?: unknown; type?: unknown; code?: unknown } | undefined;
    const providerMessage = typeof body?.message === 'string' ? body.message : undefined;
    const errorType = [body?.type, body?.code].find((v): v is string => typeof v === 'string');
    if (error.status === undefined) return { kind: 'stream-error', errorType, providerMessage };
    const errorCode = [body?.code, body?.type].find((v): v is string => typeof v === 'string');
    return { kind: 'http', status: error.status, headers: error.headers, providerMessage, ...(errorCode ? { errorCode } : {}) };
  }
  return classifyPlainError(error);
}
