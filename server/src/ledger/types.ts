import type { Attempt, Difficulty, HistoryEntry, Kind, UsageReport, UsageTotals } from '../../../shared/protocol';

export type Outcome = HistoryEntry['outcome'];

/** One routed request as the router finished it, with every model it tried. */
export interface RequestRecord {
  workspaceId: string;
  /** Who sent it (ExecuteParams.client); absent for the editor's own commands. */
  client?: string;
  /** The developer whose gateway token sent it (team mode, ExecuteParams.developer); absent otherwise. */
  developer?: string;
  /** Their team at the time of the request (team mode), for the team's budget. */
  team?: string;
  /** Epoch milliseconds when the request started; decides its local day and month. */
  at: number;
  kind: Kind;
  difficulty: Difficulty;
  /** The model that answered, or the last one tried when none did. */
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Null when the model has no known price: the request is counted but adds nothing to spend. */
  costUsd: number | null;
  /** True when the token counts (and so the cost) are the router's estimate, not the provider's report. */
  tokensEstimated?: boolean;
  /** True when the model declined to answer (outcome 'ok': it answered, and was billed, with a refusal). */
  refused?: boolean;
  latencyMs: number;
  outcome: Outcome;
  cached: boolean;
  reasons: string[];
  attempts: Attempt[];
}

/** UsageTotals plus how many requests had no known price (their cost counts as 0) or estimated tokens. */
export interface LedgerTotals extends UsageTotals {
  unpricedRequests: number;
  estimatedRequests: number;
}

export interface LedgerUsage
  extends Omit<UsageReport, 'budget' | 'today' | 'month' | 'total' | 'byModel' | 'byKind' | 'byClient'> {
  today: LedgerTotals;
  month: LedgerTotals;
  total: LedgerTotals;
  byModel: Record<string, LedgerTotals>;
  byKind: Record<string, LedgerTotals>;
  byClient: Record<string, LedgerTotals>;
}

/** client_totals' key for the editor's own requests (and those recorded before clients were). */
export const EDITOR_CLIENT_KEY = '';

/** Stands for every workspace of the ledger where a workspace id is asked for (the all-workspaces budget). */
export const ALL_WORKSPACES = Symbol('all workspaces');

export interface Spend {
  todayUsd: number;
  monthUsd: number;
}

export interface ModelStats {
  model: string;
  attempts: number;
  failures: number;
  /** Median over attempts that reported a latency; null when none did. */
  p50LatencyMs: number | null;
}

export interface BilledTokens {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

export interface CachedResponse {
  text: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
}
