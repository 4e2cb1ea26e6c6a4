// The router server's public protocol: JSON-RPC 2.0 with LSP framing.
// Defined once here and used by the server, the VS Code client and the tests
// (the vscode-eslint pattern). Documented for other editors in docs/protocol.md.
import { NotificationType, ProgressType, RequestType } from 'vscode-jsonrpc';
import type {
  ConversationMessage,
  FinishReason,
  GenerationOptions,
  ToolCall,
  ToolCallDelta,
  ToolChoice,
  ToolDefinition,
} from './conversation';

export type * from './conversation';

export const KINDS = ['completion', 'refactor', 'explain', 'summarize', 'ask'] as const;
export type Kind = (typeof KINDS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** LSP position: zero-based line and UTF-16 character offset. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface DocumentInput {
  uri: string;
  languageId: string;
  text: string;
  /** The user's selection; absent or empty means "the cursor / whole document". */
  selection?: Range;
}

export interface RouteParams {
  workspaceId: string;
  kind?: Kind;
  prompt?: string;
  document?: DocumentInput;
  /**
   * The developer whose gateway token sent the request (team mode): the quality bars their own
   * feedback moved apply. Set only by the gateway from the token, never read from a body.
   */
  developer?: string;
}

/** A model that could take the request, as the router sees it for this request. */
export interface RouteCandidate {
  /** `providerId/modelId` */
  model: string;
  /** Absent when the model has no known price. */
  estimatedCostUsd?: number;
  /** Expected quality (0..1) for this request's kind. */
  quality: number;
  /** Why it cannot be called right now (no key, circuit open). */
  unavailable?: string;
}

export interface RouteResult {
  /** `providerId/modelId` */
  model: string;
  kind: Kind;
  difficulty: Difficulty;
  /** Human-readable reasons for the choice, most important first. */
  reasons: string[];
  /** 0 with `priceUnknown` when the chosen model has no known price. */
  estimatedCostUsd: number;
  priceUnknown?: boolean;
  /** The remaining candidates in the order fallback would try them. */
  fallbacks: string[];
  /** Every model that could take the request, the chosen one first, in fallback order. */
  candidates: RouteCandidate[];
  /** Price-table or budget warnings a user should see (e.g. a model with no known price). */
  warnings: string[];
}

export interface ExecuteParams extends RouteParams {
  /**
   * Force a model (`providerId/modelId`), or name a logical one: `auto` (the default),
   * `cheap`, `fast`, `best` (the routing strategies) or an alias from
   * `llmRouter.aliases`. Fallback still applies when a model fails.
   */
  model?: string;
  /**
   * A whole conversation, sent to the provider verbatim instead of a prompt built from
   * `prompt`/`document` (the kind is classified from the conversation's task: its last
   * user message with text).
   */
  messages?: ConversationMessage[];
  /**
   * Earlier turns of a chat (user and assistant text only, oldest first), sent before the
   * prompt built from `prompt`/`document` (with the kind's system prompt and output budget),
   * so a follow-up question keeps the conversation. Not with `messages`.
   */
  history?: ConversationMessage[];
  /** Tools the model may call (with `messages` only); routing then considers only models that call tools. */
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** Stop sequences, JSON output, sampling and other options: honoured, or the model is not chosen. */
  options?: GenerationOptions;
  /**
   * Who sent the request, for spend by client: a gateway caller (`x-llm-router-client` or
   * its user-agent), another VS Code extension (its id), or absent for the editor's own commands.
   */
  client?: string;
  /**
   * The developer whose gateway token sent the request (team mode): the request is recorded
   * and budgeted under them. Set only by the gateway from the token, never read from a body
   * (the params schema strips it).
   */
  developer?: string;
  /** That developer's team, when they have one: the request also counts against the team's budget. Set like `developer`. */
  team?: string;
  /** Cap on the answer's tokens; default: a budget per kind (prompt/document) or the model's cap (messages). */
  maxTokens?: number;
  /** Sampling temperature (default 0). Above 0 the answer is not deterministic, so it is not cached. */
  temperature?: number;
  /** LSP partial-result token: when given, text deltas stream as `$/progress` notifications. */
  partialResultToken?: string | number;
}

export interface Attempt {
  model: string;
  ok: boolean;
  error?: string;
  latencyMs?: number;
  /**
   * Only on a failed attempt whose provider refused the request itself (400, 404, 422: the
   * request is wrong for that model), as opposed to a failure a retry may get past (a rate
   * limit, an outage, a timeout). The gateway answers 400 instead of 502 when every model refused.
   */
  refused?: true;
  /**
   * Only on a failed attempt the provider billed: a stream that broke off after some text
   * (estimated: providers report no usage for a broken stream), or a reply that came back
   * unusable, e.g. empty because its token limit went to reasoning (`reported: true`, the
   * provider's own counts). `costUsd` is absent when the model has no known price.
   */
  billed?: AttemptBill;
}

export interface AttemptBill {
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  /** The provider reported these counts; absent: the router estimated them. */
  reported?: true;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Present and true when the endpoint reported no token counts and the server counted them itself. */
  estimated?: boolean;
  /**
   * Present when the provider read this many of `inputTokens` from its prompt cache
   * (OpenAI's automatic prompt caching); they are billed at the model's cached price.
   */
  cachedInputTokens?: number;
  /**
   * Present when the provider wrote this many of `inputTokens` to its prompt cache
   * (Anthropic's `cache_creation_input_tokens`); billed at the model's cache-write price.
   */
  cacheWriteInputTokens?: number;
  /**
   * Present when the provider reported this many of `outputTokens` as spent reasoning (OpenAI's
   * `completion_tokens_details.reasoning_tokens`); they are billed as output, like the rest.
   */
  reasoningTokens?: number;
  /** Present and true when the model has no known price: costUsd is 0 because it is unknown, not free. */
  priceUnknown?: boolean;
}

export interface ExecuteResult {
  text: string;
  model: string;
  kind: Kind;
  reasons: string[];
  attempts: Attempt[];
  usage: Usage;
  cached: boolean;
  latencyMs: number;
  warnings: string[];
  /** Present and true when the answer stopped at its token limit: it is incomplete (a warning says so). */
  truncated?: boolean;
  /** The tool calls the model made (then `finishReason` is `tool_calls`); `text` may be empty. */
  toolCalls?: ToolCall[];
  /** The stop sequence that ended the answer, when the provider says so (Anthropic does; OpenAI-wire providers do not). */
  stopSequence?: string;
  /** Why the model stopped; `length` goes with `truncated`, `refusal` with `refusal`. */
  finishReason?: FinishReason;
  /**
   * Present when the model declined to answer: its words declining (OpenAI's `refusal` text), or
   * '' when it gave none (Anthropic's stop_reason "refusal": `text` is what it wrote before).
   * The tokens are billed and recorded like an answer's; a refusal is not retried elsewhere.
   */
  refusal?: string;
  /**
   * With a refusal, when the provider explained it (Anthropic's stop_details): the policy
   * category and the provider's explanation, kept apart from the model's own words.
   */
  refusalDetails?: RefusalDetails;
}

/**
 * The provider's account of why its model declined (Anthropic's `stop_details` of type
 * "refusal"), not the model's words: each field null when the provider gives none. Not cached
 * and not recorded in the ledger.
 */
export interface RefusalDetails {
  /** The policy category (Anthropic: cyber, bio, frontier_llm, reasoning_extraction, general_harms), or null. */
  category: string | null;
  /** The provider's human-readable explanation (not guaranteed to be stable), or null. */
  explanation: string | null;
}

/** Value of each `$/progress` notification for an execute request's partialResultToken. */
export interface ExecuteProgress {
  delta: string;
  /** A piece of a tool call (then `delta` is empty). */
  toolCall?: ToolCallDelta;
  /** A piece of the model's refusal, its words declining as they arrive (then `delta` is empty): see ExecuteResult.refusal. */
  refusal?: string;
  /** True when a fallback model started over: discard the text received so far. */
  reset?: boolean;
}

export interface UsageParams {
  workspaceId: string;
}

export interface UsageTotals {
  costUsd: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Answered requests whose model had no known price: their cost is missing from costUsd, not $0. */
  unpricedRequests?: number;
  /**
   * Requests whose tokens the router counted itself (a stream cancelled half-way, a server
   * that streamed no usage): their part of costUsd is an estimate.
   */
  estimatedRequests?: number;
}

export interface BudgetStatus {
  dailyUsd?: number;
  monthlyUsd?: number;
  onExceed: 'warn' | 'downgrade' | 'block';
  /** `ok` below the warn threshold, `warn` at or above it, `exceeded` at or past a limit. */
  state: 'ok' | 'warn' | 'exceeded';
}

export interface LastRequest {
  /** '' when no model was called (the budget refused the request, or it ended before a model was chosen). */
  model: string;
  kind: Kind;
  costUsd: number;
  reasons: string[];
  cached: boolean;
  at: string;
  /** How it ended; absent from a team gateway older than this field. */
  outcome?: 'ok' | 'failed' | 'blocked' | 'cancelled';
}

export interface UsageReport {
  workspaceId: string;
  today: UsageTotals;
  month: UsageTotals;
  total: UsageTotals;
  byModel: Record<string, UsageTotals>;
  byKind: Record<string, UsageTotals>;
  /**
   * All-time totals per client (ExecuteParams.client); the editor's own requests, and any
   * recorded before clients were, under EDITOR_CLIENT.
   */
  byClient: Record<string, UsageTotals>;
  budget: BudgetStatus;
  last?: LastRequest;
  /**
   * From a team gateway called with a developer token: that developer's own spend (all their
   * workspaces and machines) with their budget. The totals above stay this workspace's.
   */
  developer?: ScopeSpend;
  /** From a team gateway: the developer's team's spend, with the team budget, next to the caller's own. */
  team?: ScopeSpend;
  /**
   * From the local ledger (not a team gateway): the spend of every workspace together (every
   * window of the VS Code profile, the hosted gateway included), with the all-workspaces budget
   * (`llmRouter.budget.allWorkspaces`; no `dailyUsd`/`monthlyUsd`: no limit set).
   */
  allWorkspaces?: ScopeSpend;
}

/** A developer's or a team's spend on a team gateway, with the limits set for them (see GET /v1/router/usage). */
export interface ScopeSpend {
  name: string;
  today: { costUsd: number; requests?: number };
  month: { costUsd: number; requests?: number };
  /** No `dailyUsd`/`monthlyUsd`: no limit set. */
  budget: BudgetStatus;
}

export namespace RouteRequest {
  export const method = 'router/route';
  export const type = new RequestType<RouteParams, RouteResult, void>(method);
}

export namespace ExecuteRequest {
  export const method = 'router/execute';
  export const type = new RequestType<ExecuteParams, ExecuteResult, void>(method);
  export const progress = new ProgressType<ExecuteProgress>();
}

/** One configured model as an editor offers it (VS Code's language model picker). */
export interface ModelListing {
  /** `providerId/modelId` */
  model: string;
  /** Largest prompt plus answer, in tokens. */
  contextWindow: number;
  /** Largest answer, in tokens. */
  maxOutputTokens: number;
  /** The model calls tools; absent: not known (the catalog does not say). */
  tools?: boolean;
  /** The model reads images; absent: not known. */
  vision?: boolean;
  /** Why it cannot be called right now (no key, circuit open). */
  unavailable?: string;
}

export interface ModelsResult {
  models: ModelListing[];
}

/** Every configured model with its limits and capabilities; no provider is called. */
export namespace ModelsRequest {
  export const method = 'router/models';
  export const type = new RequestType<Record<string, never>, ModelsResult, void>(method);
}

export interface CountTokensParams {
  /** A text, or messages (counted with ~4 tokens of framing each, as the router's own estimates). */
  text?: string;
  messages?: ConversationMessage[];
}

/**
 * Tokens by the router's tokenizer (gpt-tokenizer's o200k_base, exact up to 1,500
 * characters and extrapolated beyond): exact for OpenAI's current models, an estimate for others.
 */
export namespace CountTokensRequest {
  export const method = 'router/countTokens';
  export const type = new RequestType<CountTokensParams, { tokens: number }, void>(method);
}

export namespace UsageRequest {
  export const method = 'router/usage';
  export const type = new RequestType<UsageParams, UsageReport, void>(method);
}

export namespace UsageChangedNotification {
  export const method = 'router/usageChanged';
  export const type = new NotificationType<UsageReport>(method);
}

/** byClient's and HistoryEntry's name for requests with no `client`: the editor's own commands. */
export const EDITOR_CLIENT = 'editor';

export interface HistoryEntry {
  at: string;
  /** Who sent it: ExecuteParams.client, or EDITOR_CLIENT. */
  client: string;
  kind: Kind;
  model: string;
  reasons: string[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  outcome: 'ok' | 'failed' | 'blocked' | 'cancelled';
  cached: boolean;
  attempts: Attempt[];
  /** Present and true when the tokens (so the cost) are the server's estimate: see router/execute. */
  tokensEstimated?: boolean;
  /** Present and true when the model had no known price: costUsd is 0 because it is unknown. */
  priceUnknown?: boolean;
  /** Present and true when the model declined to answer (outcome `ok`: it answered, and was billed, with a refusal). */
  refused?: boolean;
}

export interface DailySpend {
  /** Local date, YYYY-MM-DD. */
  day: string;
  costUsd: number;
  requests: number;
}

export interface ModelHealth {
  model: string;
  breaker: 'closed' | 'open' | 'half-open';
  attempts: number;
  failures: number;
  errorRate: number;
  p50LatencyMs: number | null;
}

export interface Savings {
  actualUsd: number;
  /** The configured model with the best quality prior, the one a user would otherwise pick. */
  strongestModel: string | null;
  /** What the same tokens would have cost on that model. */
  strongestUsd: number;
}

export interface DashboardParams {
  workspaceId: string;
  /** How many days of daily spend (default 30) and history rows (default 100). */
  days?: number;
  limit?: number;
}

export interface DashboardResult {
  usage: UsageReport;
  daily: DailySpend[];
  history: HistoryEntry[];
  health: ModelHealth[];
  savings: Savings;
}

export namespace DashboardRequest {
  export const method = 'router/dashboard';
  export const type = new RequestType<DashboardParams, DashboardResult, void>(method);
}

export interface CheckProvidersParams {
  /** Check this provider only; every configured provider when absent. */
  providerId?: string;
}

/** One API key's check, named as messages name keys ("key #1 of 2"), never by its value. */
export interface KeyCheck {
  /** "key #1 of 2", or "no key" for a keyless local server. */
  key: string;
  ok: boolean;
  /** Why it failed, in plain words and free of the key. */
  error?: string;
  latencyMs: number;
}

export interface ProviderCheck {
  providerId: string;
  type: 'openai' | 'anthropic' | 'openai-compatible';
  /**
   * `ok`: every key lists the provider's models; `partial`: some keys fail; `failed`: none
   * works (see each key's error); `no-key`: the provider needs a key and has none.
   */
  status: 'ok' | 'partial' | 'failed' | 'no-key';
  keys: KeyCheck[];
  /** How many models the provider lists, when a key could list them. */
  listedModels?: number;
  /** Configured models the provider's list does not contain: often a typo in the model id. */
  unlistedModels?: string[];
}

export interface CheckProvidersResult {
  providers: ProviderCheck[];
}

/**
 * Checks each configured provider without spending anything: lists its models with
 * each of its keys (a free call on every supported API), so a wrong key, an unreachable
 * server or a misspelt model id shows up before the first real request.
 */
export namespace CheckProvidersRequest {
  export const method = 'router/checkProviders';
  export const type = new RequestType<CheckProvidersParams, CheckProvidersResult, void>(method);
}

/** A provider as Add Provider… describes it before it is saved (no models yet). */
export interface ProviderDraft {
  id: string;
  type: 'openai' | 'anthropic' | 'openai-compatible';
  baseUrl?: string;
  apiKeyEnv?: string;
}

export interface ListProviderModelsParams {
  provider: ProviderDraft;
  /** The key to try; absent: the keys the server holds for `provider.id`, else none (local servers). */
  apiKey?: string;
}

/** One model the provider lists, with what the built-in price table knows of it. */
export interface ListedModel {
  id: string;
  inputUsdPerMTok?: number;
  outputUsdPerMTok?: number;
  contextWindow?: number;
}

export interface ListProviderModelsResult {
  /** False when the provider could not list its models: then `error` says why (wrong key, unreachable…). */
  ok: boolean;
  error?: string;
  models: ListedModel[];
  latencyMs: number;
}

/**
 * Lists the models of a provider that need not be configured yet (free call), with the
 * prices the built-in table knows: Add Provider… tries the key and offers the models with it.
 */
export namespace ListProviderModelsRequest {
  export const method = 'router/listProviderModels';
  export const type = new RequestType<ListProviderModelsParams, ListProviderModelsResult, void>(method);
}

export interface SetApiKeysParams {
  /** Replaces every key the server holds: `{ [providerId]: key | keys }`. Kept in memory only. */
  apiKeys: Record<string, string | string[]>;
}

/** Client -> server: the user stored or removed a key (keys never travel in settings). */
/** What the user did with an answer: the signals the router learns each kind's quality bar from. */
export const FEEDBACK_SIGNALS = ['accepted', 'rejected', 'retried', 'undone'] as const;
export type FeedbackSignal = (typeof FEEDBACK_SIGNALS)[number];

export interface FeedbackParams {
  workspaceId: string;
  kind: Kind;
  /** The model that gave the answer (`providerId/modelId`, ExecuteResult.model). */
  model: string;
  /**
   * accepted: kept (a refactoring applied, an inline completion taken); rejected: discarded;
   * retried: asked again or on a stronger model; undone: applied, then undone.
   */
  signal: FeedbackSignal;
  /** Epoch milliseconds; now when absent. */
  at?: number;
  /**
   * The developer whose gateway token sent it, and their team (team mode): recorded with it,
   * and it moves only that developer's quality bars. Set only by the gateway from the token,
   * never read from a body (the params schema strips them).
   */
  developer?: string;
  team?: string;
}

/** A notification: feedback is best effort and never holds up the editor. */
export namespace FeedbackNotification {
  export const method = 'router/feedback';
  export const type = new NotificationType<FeedbackParams>(method);
}

export namespace SetApiKeysNotification {
  export const method = 'router/setApiKeys';
  export const type = new NotificationType<SetApiKeysParams>(method);
}

export interface GatewayParams {
  /**
   * `start` (or restart with new values), `stop`, `status` (changes nothing), or `hold`: this
   * server is about to be restarted (Restart Server), so a window standing by behind its
   * gateway leaves the port alone for a few seconds, until the restarted server's gateway
   * listens there again (a no-op unless this server's gateway serves its port).
   */
  action: 'start' | 'stop' | 'status' | 'hold';
  /** Port on 127.0.0.1 to try first (0: any free port); if it is taken, a free one is used. Default 8787. */
  port?: number;
  /** Required by every request (`Authorization: Bearer` or `x-api-key`); at least 32 characters. Generated when absent. */
  token?: string;
  /** Requests without `x-llm-router-workspace` count under this workspace (default `gateway`). */
  workspaceId?: string;
}

export interface GatewayStatus {
  running: boolean;
  /** The OpenAI-style base URL, `http://127.0.0.1:<port>/v1`. */
  url?: string;
  port?: number;
  token?: string;
  workspaceId?: string;
  /** Set when the port asked for was taken and another one was used instead. */
  requestedPort?: number;
  /**
   * Set while another router process (another editor window's gateway, with this token) serves
   * the port asked for: `url` and `port` are that gateway's, `workspaceId` is where it counts
   * requests, and this process takes the port over when that one stops (router/gatewayChanged).
   */
  standby?: boolean;
}

/**
 * Runs the HTTP gateway (OpenAI-compatible API, see README) inside this server process,
 * on loopback, with the same router: the same keys, settings, ledger and budgets as the
 * editor's requests. It stops with the server.
 */
export namespace GatewayRequest {
  export const method = 'router/gateway';
  export const type = new RequestType<GatewayParams, GatewayStatus, void>(method);
}

/** The hosted gateway's status changed on its own: a gateway standing by took its port over, or had to move. */
export namespace GatewayChangedNotification {
  export const method = 'router/gatewayChanged';
  export const type = new NotificationType<GatewayStatus>(method);
}

/** Application error codes: clear of JSON-RPC's reserved range and LSP's -32899..-32800. */
export namespace ErrorCodes {
  export const InvalidParams = -32602;
  export const RequestCancelled = -32800;
  export const BudgetBlocked = 1001;
  export const AllCandidatesFailed = 1002;
  export const NoCandidates = 1003;
  /** In team mode: the team gateway refused the token, could not be reached, or failed (see TeamGatewayErrorData). */
  export const TeamGateway = 1004;
  /** The server is stopping (Restart Server, its window reloading): the request was ended as Cancel ends it, what streamed recorded. */
  export const ServerStopping = 1005;
}

/** `data` of a TeamGateway error: what went wrong, so the editor offers the right fix. */
export interface TeamGatewayErrorData {
  /** `unauthorized`: the token is wrong or revoked (reconnect); `unreachable`; `failed`: the gateway answered with an error; `unsupported`: not available in team mode. */
  reason: 'unauthorized' | 'unreachable' | 'failed' | 'unsupported';
  /** The gateway's HTTP status, when it answered. */
  status?: number;
  /** The team gateway's base URL (never the token). */
  gateway: string;
}

/** `data` of an InvalidParams error: where the bad value is. */
export interface InvalidParamsData {
  path: string;
  issues: { path: string; message: string }[];
}

/** `data` of an AllCandidatesFailed error. */
export interface AllFailedData {
  attempts: Attempt[];
}
