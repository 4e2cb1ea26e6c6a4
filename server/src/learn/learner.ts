// The learned quality of each model for each kind, per workspace, for the routing hot path:
// judged once from the ledger's evidence and kept until that workspace records a request
// or a feedback signal (the caller says so with invalidate()).
import type { Kind } from '../../../shared/protocol';
import type { FeedbackEvidence } from '../ledger/feedback';
import { judge, type Judgement } from './judge';

/** How far back signals count: recent enough to follow a model update, long enough to gather some. */
export const FEEDBACK_WINDOW_MS = 14 * 24 * 60 * 60_000;

export interface Learned {
  /** The model's quality for the kind after feedback. */
  quality: number;
  demoted: boolean;
  reason: string;
}

export type EvidenceSource = (workspaceId: string, sinceAt: number) => FeedbackEvidence[];

export class FeedbackLearner {
  private readonly judged = new Map<string, Map<string, Judgement>>();

  constructor(
    private readonly evidence: EvidenceSource,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * What feedback says of `model` for `kind`, given its prior quality; undefined when no
   * answer of it was discarded, undone or retried lately (its quality stands, nothing to say).
   */
  learned(workspaceId: string, kind: Kind, model: string, prior: number): Learned | undefined {
    const judgement = this.judgements(workspaceId).get(key(kind, model));
    if (!judgement || judgement.bad === 0) return undefined;
    const quality = prior * judgement.factor;
    const reason = judgement.demoted
      ? `${judgement.reason}: asking for more (its quality for ${kind} ${prior.toFixed(2)} -> ${quality.toFixed(2)})`
      : `${judgement.reason}: good enough, kept`;
    return { quality, demoted: judgement.demoted, reason };
  }

  invalidate(workspaceId: string): void {
    this.judged.delete(workspaceId);
  }

  private judgements(workspaceId: string): Map<string, Judgement> {
    let judged = this.judged.get(workspaceId);
    if (judged) return judged;
    judged = new Map();
    for (const e of this.evidence(workspaceId, this.now() - FEEDBACK_WINDOW_MS)) {
      const total = e.answered + Object.values(e.signals).reduce((a, b) => a + b, 0);
      if (total > 0) judged.set(key(e.kind, e.model), judge(e.kind, e.model, e));
    }
    this.judged.set(workspaceId, judged);
    return judged;
  }
}

function key(kind: Kind, model: string): string {
  return `${kind}\u0000${model}`;
}
