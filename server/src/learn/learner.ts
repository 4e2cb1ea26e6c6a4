// The learned quality of each model for each kind, per workspace, for the routing hot path:
// judged once from the ledger's evidence and kept until that workspace records a feedback
// signal (invalidate()) or a request that could move it (requestRecorded()).
import type { Kind } from '../../../shared/protocol';
import type { FeedbackEvidence } from '../ledger/feedback';
import { judge, type Judgement } from './judge';

/** How far back signals count: recent enough to follow a model update, long enough to gather some. */
export const FEEDBACK_WINDOW_MS = 14 * 24 * 60 * 60_000;

/**
 * How long judgements that found no bad answer are kept across the workspace's requests
 * (see requestRecorded): feedback another process writes to the same ledger shows within this.
 */
export const QUIET_JUDGEMENT_MS = 5_000;

export interface Learned {
  /** The model's quality for the kind after feedback. */
  quality: number;
  demoted: boolean;
  reason: string;
}

/** The ledger's evidence; a networked ledger answers it asynchronously (then call prepare() before learned()). */
export type EvidenceSource = (workspaceId: string, sinceAt: number) => FeedbackEvidence[] | Promise<FeedbackEvidence[]>;

export class FeedbackLearner {
  private readonly judged = new Map<string, Map<string, Judgement>>();
  /** When each workspace's held judgements were made, when none of them found a bad answer. */
  private readonly quietSince = new Map<string, number>();
  /** Bumped by invalidate(): evidence fetched before it is stale and not kept. */
  private generation = 0;

  constructor(
    private readonly evidence: EvidenceSource,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * What feedback says of `model` for `kind`, given its prior quality; undefined when no
   * answer of it was discarded, undone or retried lately (its quality stands, nothing to say).
   * With an asynchronous evidence source, use what prepare() returns instead.
   */
  learned(workspaceId: string, kind: Kind, model: string, prior: number): Learned | undefined {
    return learnedOf(this.judgements(workspaceId), kind, model, prior);
  }

  invalidate(workspaceId: string): void {
    this.judged.delete(workspaceId);
    this.quietSince.delete(workspaceId);
    this.generation++;
  }

  /**
   * The workspace recorded a request. It adds an answer to a count, which matters only to a
   * judgement that found bad answers: judgements without any stay held (for at most
   * QUIET_JUDGEMENT_MS), so a workspace without complaints is not read again for every request.
   */
  requestRecorded(workspaceId: string): void {
    const since = this.quietSince.get(workspaceId);
    if (since !== undefined && this.now() - since < QUIET_JUDGEMENT_MS) return;
    this.invalidate(workspaceId);
  }

  private hold(workspaceId: string, judged: Map<string, Judgement>): void {
    this.judged.set(workspaceId, judged);
    if ([...judged.values()].every((judgement) => judgement.bad === 0)) this.quietSince.set(workspaceId, this.now());
    else this.quietSince.delete(workspaceId);
  }

  /**
   * The workspace's judgements, fetched first unless already judged, as the synchronous
   * learned() of the routing path (decide() runs without awaiting).
   */
  async prepare(workspaceId: string): Promise<(kind: Kind, model: string, prior: number) => Learned | undefined> {
    let judged = this.judged.get(workspaceId);
    if (!judged) {
      const generation = this.generation;
      judged = judgeAll(await this.evidence(workspaceId, this.now() - FEEDBACK_WINDOW_MS));
      // Used for this decision either way; kept only when nothing was recorded meanwhile.
      if (generation === this.generation) this.hold(workspaceId, judged);
    }
    const current = judged;
    return (kind, model, prior) => learnedOf(current, kind, model, prior);
  }

  private judgements(workspaceId: string): Map<string, Judgement> {
    const judged = this.judged.get(workspaceId);
    if (judged) return judged;
    const evidence = this.evidence(workspaceId, this.now() - FEEDBACK_WINDOW_MS);
    // An asynchronous source answers through prepare(); here nothing is learned.
    if (evidence instanceof Promise) {
      evidence.catch(() => undefined);
      return new Map();
    }
    const fresh = judgeAll(evidence);
    this.hold(workspaceId, fresh);
    return fresh;
  }
}

function learnedOf(judged: Map<string, Judgement>, kind: Kind, model: string, prior: number): Learned | undefined {
  const judgement = judged.get(key(kind, model));
  if (!judgement || judgement.bad === 0) return undefined;
  const quality = prior * judgement.factor;
  const reason = judgement.demoted
    ? `${judgement.reason}: asking for more (its quality for ${kind} ${prior.toFixed(2)} -> ${quality.toFixed(2)})`
    : `${judgement.reason}: good enough, kept`;
  return { quality, demoted: judgement.demoted, reason };
}

function judgeAll(evidence: FeedbackEvidence[]): Map<string, Judgement> {
  const judged = new Map<string, Judgement>();
  for (const e of evidence) {
    const total = e.answered + Object.values(e.signals).reduce((a, b) => a + b, 0);
    if (total > 0) judged.set(key(e.kind, e.model), judge(e.kind, e.model, e));
  }
  return judged;
}

function key(kind: Kind, model: string): string {
  return `${kind}\u0000${model}`;
}
