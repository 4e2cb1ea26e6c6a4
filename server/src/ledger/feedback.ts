// What users did with answers (router/feedback), per workspace, and the evidence the
// learner (learn/) reads back: per kind and model, how many answers it gave lately and
// how many of them were kept, discarded, undone or retried.
import type { FeedbackSignal, Kind } from '../../../shared/protocol';
import type { DatabaseSync, StatementSync } from './sqlite';

export interface FeedbackEvent {
  workspaceId: string;
  kind: Kind;
  model: string;
  signal: FeedbackSignal;
  /** Epoch milliseconds. */
  at: number;
  /**
   * The developer whose gateway token sent it, and their team (team mode, like a request's).
   * Only the PostgreSQL ledger keeps them: team gateways run on it, and the SQLite ledger's
   * requests carry no developer either.
   */
  developer?: string;
  team?: string;
}

/** One kind and model of a workspace over the learner's window. */
export interface FeedbackEvidence {
  kind: Kind;
  model: string;
  /** Requests routed to the model for this kind (not from the cache), from the daily rollup. */
  answered: number;
  signals: Record<FeedbackSignal, number>;
}

export function noSignals(): Record<FeedbackSignal, number> {
  return { accepted: 0, rejected: 0, retried: 0, undone: 0 };
}

export class FeedbackStore {
  private readonly insert: StatementSync;
  private readonly signalCounts: StatementSync;
  private readonly answeredCounts: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare('INSERT INTO feedback (workspace_id, at, kind, model, signal) VALUES (?, ?, ?, ?, ?)');
    this.signalCounts = db.prepare(`
      SELECT kind, model, signal, COUNT(*) AS n FROM feedback
      WHERE workspace_id = ? AND at >= ? GROUP BY kind, model, signal`);
    // The rollup, not the requests: a few rows per day however many requests there were.
    this.answeredCounts = db.prepare(`
      SELECT kind, model, SUM(requests) AS n FROM daily_totals
      WHERE workspace_id = ? AND day >= ? AND cached = 0 GROUP BY kind, model`);
  }

  record(event: FeedbackEvent): void {
    this.insert.run(event.workspaceId, event.at, event.kind, event.model, event.signal);
  }

  /** Signals since `sinceAt` (epoch ms) and requests since local day `sinceDay`, per kind and model. */
  evidence(workspaceId: string, sinceAt: number, sinceDay: string): FeedbackEvidence[] {
    const answered = this.answeredCounts.all(workspaceId, sinceDay) as unknown as AnsweredRow[];
    return assembleEvidence(answered, this.signalCounts.all(workspaceId, sinceAt) as unknown as SignalRow[]);
  }
}

export interface AnsweredRow {
  kind: Kind;
  model: string;
  n: number;
}

export type SignalRow = AnsweredRow & { signal: FeedbackSignal };

export function assembleEvidence(answered: AnsweredRow[], signals: SignalRow[]): FeedbackEvidence[] {
  const byKey = new Map<string, FeedbackEvidence>();
  const entry = (kind: Kind, model: string): FeedbackEvidence => {
    const key = `${kind}\u0000${model}`;
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { kind, model, answered: 0, signals: noSignals() }));
    return found;
  };
  for (const row of answered) entry(row.kind, row.model).answered = row.n;
  for (const row of signals) entry(row.kind, row.model).signals[row.signal] = row.n;
  return [...byKey.values()];
}
