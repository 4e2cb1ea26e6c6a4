// What the RPC layer (lsp-main.ts) asks of a router: the local Router (pipeline/router.ts),
// or in team mode the RemoteRouter that forwards to a team gateway (remote/remote-router.ts).
// Answers may be promises, so both a synchronous and an asynchronous ledger fit.
import type {
  CheckProvidersParams,
  CheckProvidersResult,
  DashboardParams,
  DashboardResult,
  ExecuteParams,
  ExecuteResult,
  FeedbackParams,
  ListProviderModelsParams,
  ListProviderModelsResult,
  ModelsResult,
  RouteParams,
  RouteResult,
  UsageReport,
} from '../../../shared/protocol';
import type { Settings } from '../../../shared/settings';
import type { StreamSink } from '../pipeline/execute';

type Answer<T> = T | Promise<T>;

/** Where requests are recorded: the router's ledger, or the team gateway's. */
export interface RecordedRequests {
  /** Calls `listener` with the workspace of each request recorded; returns the unsubscribe function. */
  onRecorded(listener: (workspaceId: string) => void): () => void;
  /** Something the user should know about the ledger (e.g. it was damaged and replaced). */
  readonly notice?: string;
  close(): void | Promise<void>;
}

export interface RouterApi {
  readonly currentSettings: Settings;
  readonly warnings: string[];
  readonly ledger: RecordedRequests;
  updateSettings(raw: unknown): { ok: true; warnings: string[] } | { ok: false; errors: string[] };
  setApiKeys(apiKeys: Record<string, string | string[]>): void;
  feedback(params: FeedbackParams): Answer<boolean>;
  route(params: RouteParams): Answer<RouteResult>;
  execute(params: ExecuteParams, sink: StreamSink): Promise<ExecuteResult>;
  /** Resolves once the requests running now have ended (recorded), or after `withinMs`; a team gateway's router records nothing here. */
  settled?(withinMs: number): Promise<void>;
  listModels(): Answer<ModelsResult>;
  usage(workspaceId: string): Answer<UsageReport>;
  dashboard(params: DashboardParams): Answer<DashboardResult>;
  checkProviders(params: CheckProvidersParams, signal: AbortSignal): Promise<CheckProvidersResult>;
  listProviderModels(params: ListProviderModelsParams, signal: AbortSignal): Promise<ListProviderModelsResult>;
}
