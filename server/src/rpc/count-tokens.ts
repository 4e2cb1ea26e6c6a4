// router/countTokens: the router's own token count (the one its routing and cost estimates
// use), for editors that must fit a prompt into a model's window before sending it.
import type { CountTokensParams } from '../../../shared/protocol';
import { messageTokens } from '../prompt/build';
import { estimateTokens } from '../text/size';
import { TokenTally } from '../text/token-tally';

export function countTokens(params: CountTokensParams): { tokens: number } {
  if (params.messages) {
    const tally = new TokenTally();
    return { tokens: params.messages.reduce((sum, m) => sum + messageTokens(m, tally), 0) };
  }
  return { tokens: estimateTokens(params.text ?? '') };
}
