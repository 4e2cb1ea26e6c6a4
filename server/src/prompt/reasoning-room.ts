// A model that reasons (OpenAI's o-series and gpt-5, DeepSeek-R1, Qwen3...) thinks in output
// tokens that count against the answer's limit. The per-kind limits (256 tokens for a
// completion) are sized for the visible answer, so such a model could spend all of them
// thinking and reply with nothing: it gets this much more room. The limit is a ceiling,
// not a spend: only the tokens it uses are billed, and the per-request cap still holds.
import type { ModelInfo } from '../catalog/types';
import type { BuiltPrompt } from './build';

export const REASONING_ROOM_TOKENS = 16_384;

/** Extra output tokens to allow this model for this prompt. */
export function reasoningRoom(model: ModelInfo, prompt: BuiltPrompt): number {
  // A cap the caller set is theirs to size. Claude models think only when asked
  // (the `thinking` parameter), which the router never sends.
  if (!model.reasoning || prompt.capGiven || model.provider.type === 'anthropic') return 0;
  return REASONING_ROOM_TOKENS;
}
