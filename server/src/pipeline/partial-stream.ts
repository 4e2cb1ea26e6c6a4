// What streams cut short already cost. A provider bills the prompt and every token it
// streamed before a stream ended early, whether the user cancelled it or it broke off
// (a reset, a timeout, an error event mid-stream) and a fallback model took over;
// recording those at $0 would understate spend. The provider never reports usage for
// such a stream, so the tokens are counted here: the prompt's estimate in, the text
// received out, flagged as estimated.
import type { Attempt, AttemptBill } from '../../../shared/protocol';
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

interface StreamedText {
  /** Index of the attempt in the run's attempt list. */
  index: number;
  model: ModelInfo;
  text: string;
}

/** The text each attempt of one request streamed; an attempt that ends without answering keeps what it sent. */
export class PartialStream {
  private current: StreamedText | undefined;
  private readonly brokenOff: StreamedText[] = [];
  /** Attempts answered 200 with a body that could not be read, nothing streamed: sent, so maybe charged. */
  private readonly unreadable: StreamedText[] = [];

  /** `index` is the attempt's place in the run's attempt list (0 for the first call). */
  startAttempt(model: ModelInfo, index: number): void {
    if (this.current && this.current.text !== '') this.brokenOff.push(this.current);
    this.current = { index, model, text: '' };
  }

  append(delta: string): void {
    if (this.current) this.current.text += delta;
  }

  /**
   * The attempt in flight got a reply it could not read (a 200 whose body is not JSON): the
   * provider took the request and may have charged for the prompt, so it is billed the
   * prompt's estimate and no output (what it wrote is unknown). One that streamed text first
   * is billed as a broken-off stream instead, once.
   */
  unreadableReply(): void {
    if (this.current && this.current.text === '') this.unreadable.push(this.current);
  }

  /** The estimate for a cancel now, or undefined when nothing was streamed (nothing shows it was billed). */
  billedOnCancel(promptTokens: number): BilledEstimate | undefined {
    if (!this.current || this.current.text === '') return undefined;
    const { model, usage, cost } = estimate(this.current, promptTokens);
    return {
      model,
      usage,
      cost,
      reason: `cancelled after ${usage.outputTokens} streamed tokens: cost estimated from the prompt and the text received`,
    };
  }

  /**
   * `attempts` with the estimated bill of each one that streamed text and then failed.
   * `lastFailed` says the attempt in flight failed too (the whole run failed); after an
   * answer or a cancel it is false (the answer is billed by its usage, a cancel by
   * billedOnCancel).
   */
  billAttempts(attempts: readonly Attempt[], promptTokens: number, lastFailed: boolean): Attempt[] {
    const failed = lastFailed && this.current && this.current.text !== '' ? [...this.brokenOff, this.current] : this.brokenOff;
    const billed = attempts.map((attempt) => ({ ...attempt }));
    for (const streamed of [...failed, ...this.unreadable]) {
      const attempt = billed[streamed.index];
      // The lists come from the same run; a mismatch would bill the wrong model, so nothing is billed.
      if (!attempt || attempt.ok || attempt.billed || attempt.model !== streamed.model.ref) continue;
      const { usage, cost } = estimate(streamed, promptTokens);
      const bill: AttemptBill = { ...usage, ...(cost === undefined ? {} : { costUsd: cost }) };
      attempt.billed = bill;
    }
    return billed;
  }
}

function estimate(streamed: StreamedText, promptTokens: number) {
  const usage = { inputTokens: promptTokens, outputTokens: estimateTokens(streamed.text) };
  return { model: streamed.model, usage, cost: costUsd(streamed.model, usage.inputTokens, usage.outputTokens) };
}

/** The summed bill of failed attempts (unknown prices add nothing), and how many of them are estimates. */
export function failedAttemptsCost(attempts: readonly Attempt[]): { costUsd: number; estimated: number } {
  let costUsd = 0;
  let estimated = 0;
  for (const { billed } of attempts) {
    if (!billed) continue;
    if (!billed.reported) estimated++;
    costUsd += billed.costUsd ?? 0;
  }
  return { costUsd, estimated };
}
