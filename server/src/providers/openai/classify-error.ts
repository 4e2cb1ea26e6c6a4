// OpenAI SDK error classes, and the raw transport's errors, -> SDK-neutral failure facts.
import { classifyPlainError, connectionDetail, type SdkFailure } from '../common/sdk-failure';
import { loadedOpenaiSdk } from './load-sdk';
import { WireHttpError, WireStreamError, type WireErrorBody } from './raw/wire-errors';

export function classifyOpenAIError(error: unknown): SdkFailure {
  if (error instanceof WireHttpError) return httpFailure(error.status, error.headers, error.body);
  if (error instanceof WireStreamError) return streamFailure(error.body);
  const sdk = loadedOpenaiSdk();
  if (!sdk) return classifyPlainError(error);
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = sdk;
  // Subclasses before their parents: a timeout is a connection error, and both are APIErrors.
  if (error instanceof APIUserAbortError) return { kind: 'aborted' };
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) return { kind: 'connection', detail: connectionDetail(error.cause) };
  if (error instanceof APIError) {
    // `error.error` is the body's `error` object: { message, type, code }.
    const body = error.error as WireErrorBody | undefined;
    return error.status === undefined ? streamFailure(body) : httpFailure(error.status, error.headers, body);
  }
  return classifyPlainError(error);
}

function httpFailure(status: number, headers: Headers | undefined, body: WireErrorBody | undefined): SdkFailure {
  const errorCode = [body?.code, body?.type].find((v): v is string => typeof v === 'string');
  return { kind: 'http', status, headers, providerMessage: messageOf(body), ...(errorCode ? { errorCode } : {}) };
}

function streamFailure(body: WireErrorBody | undefined): SdkFailure {
  const errorType = [body?.type, body?.code].find((v): v is string => typeof v === 'string');
  return { kind: 'stream-error', errorType, providerMessage: messageOf(body) };
}

function messageOf(body: WireErrorBody | undefined): string | undefined {
  return typeof body?.message === 'string' ? body.message : undefined;
}
