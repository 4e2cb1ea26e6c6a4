// The Anthropic SDK, loaded when first needed (an Anthropic provider is called), not at
// start: most set-ups have no Anthropic provider, and every editor window runs a server.
import type * as AnthropicSdk from '@anthropic-ai/sdk';

let sdk: typeof AnthropicSdk | undefined;

export function anthropicSdk(): typeof AnthropicSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('@anthropic-ai/sdk') as typeof AnthropicSdk;
  return sdk;
}
