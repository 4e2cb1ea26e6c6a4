// What a cancelled stream already cost. A provider bills the prompt and every token
// it streamed before the cancel, so recording such a request at $0 would understate
// spend. The provider never reports usage for a stream cut short, so the tokens are
// counted here: the prompt's estimate in, the text received out, flagged as estimated.
import { costUsd } from '../catalog/catalog';
import type { ModelInfo } from '../catalog/types';
import { estimateTokens } from '../text/size';

export interface BilledEstimate {
  model: ModelInfo;
  usage: { inputTokens: number; outputTokens: number };
  /** Undefined when the model's price is unknown. */
  cost: number | undefined;
  reason: string;
}

/** The text streamed so far by the attempt in flight; a fallback attempt starts it over. */
export class PartialStream {
  private model: ModelInfo | undefined;
  private text = '';

  startAttempt(model: ModelInfo): void {
    this.model = model;
    this.text = '';
  }

  append(delta: string): void {
    this.text += delta;
  }

  /** The estimate for a cancel now, or undefined when nothing was streamed (nothing shows it was billed). */
  billedOnCancel(promptTokens: number): BilledEstimate | undefined {
    if (!this.model || this.text === '') return undefined;
    const outputTokens = estimateTokens(this.text);
    const usage = { inputTokens: promptTokens, outputTokens };
    return {
      model: this.model,
      usage,
      cost: costUsd(this.model, usage.inputTokens, usage.outputTokens),
      reason: `cancelled after ${outputTokens} streamed tokens: cost estimated from the prompt and the text received`,
    };
  }
}
