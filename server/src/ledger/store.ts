// What the router asks of a ledger, whichever engine keeps it: the embedded SQLite file
// (sqlite-store.ts, one person) or PostgreSQL (postgres/, a team's replicas). Every
// question is async because a server-side ledger answers over the network; the SQLite
// ledger answers at once.
//
// The guarantee every store keeps: record() resolves only once the request is durable
// (committed, or fsynced to a local journal that is replayed later), so the pipeline
// awaits it before it releases an answer, and whatever a client saw survives a crash.
import type { DailySpend, HistoryEntry, Kind } from '../../../shared/protocol';
import type { FeedbackEvent, FeedbackEvidence } from './feedback';
import type { BilledTokens, CachedResponse, LedgerUsage, ModelStats, RequestRecord, Spend } from './types';
import type { CrossProcessReservations } from '../shared-state/types';
import type { TypicalOutput } from './typical-output';

export interface LedgerStore {
  /** Set when the store had to start afresh or is degraded at open: tell the user. */
  readonly notice?: string;

  /** Resolves with the request's id once it is durable; rejects only when it could be kept nowhere. */
  record(request: RequestRecord): Promise<number>;
  /** Calls `listener` after each recorded request with its workspace; returns the unsubscribe function. */
  onRecorded(listener: (workspaceId: string) => void): () => void;

  /** Spend of today and of this month (local calendar), journaled requests included: runs before every request. */
  spend(workspaceId: string, now?: Date): Promise<Spend>;
  /**
   * Spend of today and of this month of every workspace together (the all-workspaces budget,
   * llmRouter.budget.allWorkspaces), pending requests included. Only the local ledger has it:
   * a team's ledger budgets by developer and team instead.
   */
  totalSpend?(now?: Date): Promise<Spend>;
  /** With totalSpend: the all-workspaces budget's requests in flight, as every process on the same ledger sees them. */
  readonly allWorkspacesReservations?: CrossProcessReservations;
  /** Today's, this month's and all-time totals; costs and tokens count only 'ok' requests. */
  usage(workspaceId: string, now?: Date): Promise<LedgerUsage>;
  daily(workspaceId: string, days: number, now?: Date): Promise<DailySpend[]>;
  history(workspaceId: string, limit: number): Promise<HistoryEntry[]>;
  /** Attempts, failures and median latency per model over the last `windowMs`, all workspaces. */
  modelStats(now?: number, windowMs?: number): Promise<ModelStats[]>;
  /** Tokens of answered, non-cached requests per model: what the provider actually billed. */
  billedTokensByModel(workspaceId: string): Promise<BilledTokens[]>;
  /** The median output of the workspace's latest answers of this kind, when there are any. */
  typicalOutput(workspaceId: string, kind: Kind): Promise<TypicalOutput | undefined>;
  /** typicalOutput() of every kind, in one call: routing reads them all before each decision. */
  typicalOutputs(workspaceId: string): Promise<Map<Kind, TypicalOutput | undefined>>;

  /** Records what the user did with an answer; false when the signal was dropped (it bills nothing). */
  recordFeedback(event: FeedbackEvent): Promise<boolean>;
  /** Per kind and model of the workspace: requests routed since `sinceAt` (by local day) and the signals about them. */
  feedbackEvidence(workspaceId: string, sinceAt: number, developer?: string): Promise<FeedbackEvidence[]>;

  cacheGet(key: string, now?: number): Promise<CachedResponse | undefined>;
  cachePut(key: string, value: CachedResponse, ttlMs: number, now?: number): Promise<void>;
  cacheClear(): Promise<void>;

  close(): void | Promise<void>;
}
