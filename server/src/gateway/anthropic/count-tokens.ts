// `POST /v1/messages/count_tokens` (Claude Code asks it to decide when to compact its
// context): the router's own estimate of the prompt's tokens, the same one routing uses.
// It is an estimate (gpt-tokenizer's count, not Anthropic's tokenizer), never a bill.
import type { ExecuteParams } from '../../../../shared/protocol';
import { conversationPrompt } from '../../prompt/build';
import { estimateTokens } from '../../text/size';

/** Tokens of the conversation and of the tool definitions the model is shown. */
export function estimateInputTokens(params: ExecuteParams): number {
  const conversation = conversationPrompt('ask', params.messages ?? []).inputTokens;
  const tools = params.tools?.length ? estimateTokens(JSON.stringify(params.tools)) : 0;
  return conversation + tools;
}
