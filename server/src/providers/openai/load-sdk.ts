// The OpenAI SDK, loaded when a provider is first called, not at start: a server with
// nothing routed yet (one runs behind every editor window) does not pay for it.
import type * as OpenAISdk from 'openai';

let sdk: typeof OpenAISdk | undefined;

export function openaiSdk(): typeof OpenAISdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('openai') as typeof OpenAISdk;
  return sdk;
}
