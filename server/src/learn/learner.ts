// The learned quality of each model for each kind, per workspace (per developer in it in team
// mode), for the routing hot path: judged once from the ledger's evidence and kept until that
// scope records a feedback signal (invalidate()) or a request that could move it (requestRecorded()).
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

/**
 * The ledger's evidence for a workspace, or for one developer in it (team mode); a networked
 * ledger answers it asynchronously (then call prepare() before learned()).
 */
export type EvidenceSource = (
  workspaceId: string,
  sinceAt: number,
  developer?: string,
) => FeedbackEvidence[] | Promise<FeedbackEvidence[]>;

/** The judgements held for one learning scope: a workspace, or a developer in it. */
interface Held {
  judged: Map<string, Judgement>;
  /** When they were made, if none of them found a bad answer. */
  quietSince?: number;
}

/**
 * Learning is scoped like the requests it judges: a workspace's, or in team mode (where every
 * request carries the developer its token names) each developer's own in that workspace, so
 * one developer's discarded answers do not move the quality bars another routes by.
 */
export class FeedbackLearner {
  /** Per workspace, per developer ('' for requests without one). */
  private readonly held = new Map<string, Map<string, Held>>();
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
  learned(workspaceId: string, kind: Kind, model: string, prior: number, developer?: string): Learned | undefined {
    return learnedOf(this.judgements(workspaceId, developer), kind, model, prior);
  }

  /** New feedback in the scope: its judgements are made again. */
  invalidate(workspaceId: string, developer?: string): void {
    this.held.get(workspaceId)?.delete(developer ?? '');
    this.generation++;
  }

  /**
   * The workspace recorded a request. It adds an answer to a count, which matters only to a
   * judgement that found bad answers: judgements without any stay held (for at most
   * QUIET_JUDGEMENT_MS), so a workspace without complaints is not read again for every request.
   * (Which developer sent it is not said: every scope of the workspace counts it.)
   */
  requestRecorded(workspaceId: string): void {
    const scopes = this.held.get(workspaceId);
    // Nothing held: evidence on its way now predates this request, and is not kept.
    if (!scopes || scopes.size === 0) {
      this.generation++;
      return;
    }
    for (const [developer, held] of scopes) {
      if (held.quietSince !== undefined && this.now() - held.quietSince < QUIET_JUDGEMENT_MS) continue;
      scopes.delete(developer);
      this.generation++;
    }
  }

  private hold(workspaceId: string, developer: string | undefined, judged: Map<string, Judgement>): void {
    const quiet = [...judged.values()].every((judgement) => judgement.bad === 0);
    const scopes = this.held.get(workspaceId) ?? new Map<string, Held>();
    this.held.set(workspaceId, scopes);
    scopes.set(developer ?? '', { judged, ...(quiet ? { quietSince: this.now() } : {}) });
  }

  /**
   * The scope's judgements, fetched first unless already judged, as the synchronous
   * learned() of the routing path (decide() runs without awaiting).
   */
  async prepare(workspaceId: string, developer?: string): Promise<(kind: Kind, model: string, prior: number) => Learned | undefined> {
    let judged = this.held.get(workspaceId)?.get(developer ?? '')?.judged;
    if (!judged) {
      const generation = this.generation;
      judged = judgeAll(await this.evidence(workspaceId, this.now() - FEEDBACK_WINDOW_MS, developer));
      // Used for this decision either way; kept only when nothing was recorded meanwhile.
      if (generation === this.generation) this.hold(workspaceId, developer, judged);
    }
    const current = judged;
    return (kind, model, prior) => learnedOf(current, kind, model, prior);
  }

  private judgements(workspaceId: string, developer: string | undefined): Map<string, Judgement> {
    const judged = this.held.get(workspaceId)?.get(developer ?? '')?.judged;
    if (judged) return judged;
    const evidence = this.evidence(workspaceId, this.now() - FEEDBACK_WINDOW_MS, developer);
    // An asynchronous source answers through prepare(); here nothing is learned.
    if (evidence instanceof Promise) {
      evidence.catch(() => undefined);
      return new Map();
    }
    const fresh = judgeAll(evidence);
    this.hold(workspaceId, developer, fresh);
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
