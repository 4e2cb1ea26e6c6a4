// The OpenAI SDK, loaded when a provider is first called through it, not at start: a
// server with nothing routed yet (one runs behind every editor window) does not pay for
// it, and one whose OpenAI-wire providers all go over the raw transport never does.
import type * as OpenAISdk from 'openai';

let sdk: typeof OpenAISdk | undefined;

export function openaiSdk(): typeof OpenAISdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('openai') as typeof OpenAISdk;
  return sdk;
}

/** The SDK if something already loaded it: its errors can only come from a loaded SDK. */
export function loadedOpenaiSdk(): typeof OpenAISdk | undefined {
  return sdk;
}
