// The router's live state: the last good settings, the model catalog built from them,
// the provider clients, keys, breakers and the ledger. Editor-agnostic: the RPC layer
// (lsp-main.ts), the HTTP gateway (gateway/) and tests drive it through these methods.
import {
  ErrorCodes,
  type CheckProvidersParams,
  type CheckProvidersResult,
  type DashboardParams,
  type DashboardResult,
  type ExecuteParams,
  type FeedbackParams,
  type ListProviderModelsParams,
  type ListProviderModelsResult,
  type ExecuteResult,
  type ModelsResult,
  type RouteParams,
  type RouteResult,
  type UsageReport,
} from '../../../shared/protocol';
import { parseSettings, type ProviderSettings, type Settings } from '../../../shared/settings';
import { buildCatalog } from '../catalog/catalog';
import { modelListing } from '../catalog/listing';
import type { ModelInfo } from '../catalog/types';
import type { LedgerStore } from '../ledger/store';
import { FeedbackLearner } from '../learn/learner';
import { createProviderClient } from '../providers/registry';
import type { ProviderClient } from '../providers/types';
import { Resilience, resolveProviderKeys } from '../resilience';
import { checkProviders } from '../diagnose/check-providers';
import { aliasWarnings } from '../route/logical-models';
import { ToolCallOwners } from '../route/tool-loop';
import { listProviderModels } from '../diagnose/list-provider-models';
import { decide, toRouteResult, type DecideContext } from './decide';
import { RouterError } from './errors';
import { execute, type Admission, type StreamSink } from './execute';
import { dashboardReport, usageReport } from './reports';
import { InProcessState } from '../shared-state/in-process';
import type { ScopeLimit, SharedState } from '../shared-state/types';
import { allWorkspacesLimits, hasLimit } from '../budget/budget';
import { ALL_WORKSPACES_SCOPE, workspaceScopeKey } from '../budget/scopes';

type ApiKeys = Record<string, string | string[]>;

const NO_SPEND = Object.freeze({ todayUsd: 0, monthUsd: 0 });

export class Router {
  private settings!: Settings;
  private models: ModelInfo[] = [];
  /** The models' refs, for the circuits refreshed before each decision (not mapped again per request). */
  private modelRefs: string[] = [];
  private catalogWarnings: string[] = [];
  private apiKeys: ApiKeys;
  private readonly clients = new Map<string, { config: string; provider: ProviderSettings; client: ProviderClient }>();
  /** Which model made each recent tool call: a tool loop's next turn goes back to it. */
  private readonly toolCallOwners = new ToolCallOwners();
  readonly resilience: Resilience;
  /** Checked before each execute: a team gateway's developer and team limits (team/limits.ts). */
  admission: Admission | undefined;
  /** A team gateway's developer and team budget scopes for a request (team/team-mode.ts), besides the workspace's. */
  teamScopes: ((params: ExecuteParams) => Promise<ScopeLimit[]>) | undefined;
  /** Each model's quality per kind as the workspace's feedback moved it; rejudged when the workspace records. */
  private readonly learner: FeedbackLearner;
  /** Requests running now (router/execute and the gateway alike), for settled(). */
  private readonly running = new Set<Promise<ExecuteResult>>();

  constructor(
    readonly ledger: LedgerStore,
    settings: Settings,
    apiKeys: ApiKeys = {},
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly now: () => number = Date.now,
    /** Where breakers, key cooldowns, budget counters, rates and the cache live: this process, or Redis for N replicas. */
    readonly shared: SharedState = new InProcessState(),
  ) {
    this.apiKeys = apiKeys;
    this.resilience = new Resilience(settings.resilience, { shared });
    this.apply(settings);
    this.learner = new FeedbackLearner((workspaceId, sinceAt, developer) => ledger.feedbackEvidence(workspaceId, sinceAt, developer), now);
    ledger.onRecorded((workspaceId) => this.learner.requestRecorded(workspaceId));
  }

  /** Records what the user did with an answer; false when the ledger was busy and the signal was dropped. */
  async feedback(params: FeedbackParams): Promise<boolean> {
    const recorded = await this.ledger.recordFeedback({ ...params, at: params.at ?? this.now() });
    this.learner.invalidate(params.workspaceId, params.developer);
    return recorded;
  }

  /** Applies raw settings; on error the last good configuration stays active. */
  updateSettings(raw: unknown): { ok: true; warnings: string[] } | { ok: false; errors: string[] } {
    const parsed = parseSettings(raw);
    if (!parsed.ok) return parsed;
    this.apply(parsed.settings);
    return { ok: true, warnings: this.catalogWarnings };
  }

  setApiKeys(apiKeys: ApiKeys): void {
    this.apiKeys = apiKeys;
    this.resilience.setKeys(resolveProviderKeys(this.settings.providers, this.apiKeys, this.env));
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  get warnings(): string[] {
    return this.catalogWarnings;
  }

  async route(params: RouteParams): Promise<RouteResult> {
    return toRouteResult(decide(await this.decideContext(params.workspaceId, params.developer), params));
  }

  async execute(params: ExecuteParams, sink: StreamSink): Promise<ExecuteResult> {
    const run = this.run(params, sink);
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  /**
   * Resolves once every request running now, from any face, has ended (and so is recorded), or
   * after `withinMs`: a server stopping waits for the requests it aborted to be recorded before
   * it closes the ledger.
   */
  async settled(withinMs: number): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, withinMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), late]);
    clearTimeout(timer);
  }

  private async run(params: ExecuteParams, sink: StreamSink): Promise<ExecuteResult> {
    // The workspace's scope and, with llmRouter.budget.allWorkspaces set, all workspaces'; only a team
    // gateway adds scopes that need an await (a microtask turn): none without one.
    const allWorkspaces = this.allWorkspacesScope();
    const scopes = [
      this.workspaceScope(params.workspaceId),
      ...(allWorkspaces ? [allWorkspaces] : []),
      ...(this.teamScopes ? await this.teamScopes(params) : []),
    ];
    const result = await execute(
      {
        ...(await this.decideContext(params.workspaceId, params.developer)),
        ledger: this.ledger,
        admission: this.admission,
        resilience: this.resilience,
        clientFor: (model) => this.clientFor(model.provider),
        now: this.now,
        budget: this.shared.budget,
        budgetScopes: scopes,
        cache: this.shared.cache,
      },
      params,
      sink,
    );
    // The request answering these calls goes back to this model (see route/tool-loop.ts).
    if (result.toolCalls?.length) this.toolCallOwners.remember(result.toolCalls, result.model);
    return result;
  }

  /** The workspace's budget scope, limited by llmRouter.budget (a hard limit with onExceed "block"); its counter seeds from the ledger. */
  private workspaceScope(workspaceId: string): ScopeLimit {
    const { dailyUsd, monthlyUsd } = this.settings.budget;
    const seed = () => this.ledger.spend(workspaceId, new Date(this.now()));
    return { scope: workspaceScopeKey(workspaceId), dailyUsd, monthlyUsd, seed, soft: this.settings.budget.onExceed !== 'block' };
  }

  /**
   * Every workspace's spend together, limited by llmRouter.budget.allWorkspaces: only when a limit
   * is set and the ledger is the local one (a team's ledger budgets by developer and team). Its
   * counter seeds from the whole ledger, which every window of the profile writes to.
   */
  private allWorkspacesScope(): ScopeLimit | undefined {
    const limits = allWorkspacesLimits(this.settings.budget);
    const totalSpend = this.ledger.totalSpend?.bind(this.ledger);
    if (!hasLimit(limits) || !totalSpend) return undefined;
    const seed = () => totalSpend(new Date(this.now()));
    const { dailyUsd, monthlyUsd } = limits;
    const crossProcess = this.ledger.allWorkspacesReservations;
    return { scope: ALL_WORKSPACES_SCOPE, dailyUsd, monthlyUsd, seed, soft: limits.onExceed !== 'block', ...(crossProcess ? { crossProcess } : {}) };
  }

  /** Every configured model with its limits, capabilities and availability. */
  listModels(): ModelsResult {
    return { models: modelListing(this.models, (model) => this.unavailable(model)) };
  }

  usage(workspaceId: string): Promise<UsageReport> {
    return usageReport(this.ledger, this.settings.budget, workspaceId, new Date(this.now()));
  }

  async dashboard(params: DashboardParams): Promise<DashboardResult> {
    await this.resilience.refreshCircuits(this.modelRefs);
    return dashboardReport(this.ledger, this.settings.budget, this.models, this.resilience, params, new Date(this.now()));
  }

  private apply(settings: Settings): void {
    const catalog = buildCatalog(settings.providers);
    this.settings = settings;
    this.models = catalog.models;
    this.modelRefs = catalog.models.map((m) => m.ref);
    this.catalogWarnings = [...catalog.warnings, ...aliasWarnings(settings.aliases, new Set(catalog.models.map((m) => m.ref)))];
    this.resilience.updateOptions(settings.resilience);
    this.resilience.setKeys(resolveProviderKeys(settings.providers, this.apiKeys, this.env));
  }

  /**
   * What decide() reads of the ledger, fetched before it runs: decide() is synchronous
   * (pure routing), the ledger is not. The kind is known only inside decide(), so the
   * typical output of every kind is fetched (the stores keep it cached until a request of
   * that workspace and kind is recorded, so this costs nothing on the hot path).
   */
  private async decideContext(workspaceId: string, developer: string | undefined): Promise<DecideContext> {
    const { dailyUsd, monthlyUsd } = this.settings.budget;
    const allWorkspaces = this.allWorkspacesScope();
    const [spend, allWorkspacesSpend, , typical, learned] = await Promise.all([
      // The workspace's spend as every replica counts it (seeded from the ledger), with the requests
      // in flight; read against the budget's limits only: without any, the query is skipped.
      dailyUsd === undefined && monthlyUsd === undefined
        ? NO_SPEND
        : this.shared.budget.spend(this.workspaceScope(workspaceId), new Date(this.now())),
      // Every workspace's together, with this process's requests in flight, when that budget is set.
      allWorkspaces ? this.shared.budget.spend(allWorkspaces, new Date(this.now())) : undefined,
      // Circuits other replicas opened or closed: selection passes over an open one.
      this.resilience.refreshCircuits(this.modelRefs).then(() => undefined),
      this.ledger.typicalOutputs(workspaceId),
      // In team mode each developer's feedback moves their own quality bars (learn/learner.ts).
      this.learner.prepare(workspaceId, developer),
    ]);
    return {
      settings: this.settings,
      models: this.models,
      catalogWarnings: this.catalogWarnings,
      spend,
      ...(allWorkspacesSpend ? { allWorkspacesSpend } : {}),
      unavailable: (model) => this.unavailable(model),
      observedLatencyMs: (model) => this.resilience.breakers.stats(model.ref)?.p50LatencyMs() ?? undefined,
      typicalOutput: (kind) => typical.get(kind),
      toolCallOwner: (id) => this.toolCallOwners.ownerOf(id),
      learnedQuality: (model, kind) => learned(kind, model.ref, model.quality[kind]),
    };
  }


  private unavailable(model: ModelInfo): string | undefined {
    const needsKey = model.provider.type !== 'openai-compatible';
    if (needsKey && this.resilience.keys.keyCount(model.provider.id) === 0) {
      return `no API key for provider "${model.provider.id}" (run "LLM Router: Set API Key…")`;
    }
    const state = this.resilience.breakers.state(model.ref);
    return state === 'open' ? 'circuit open after repeated failures' : undefined;
  }

  /** Lists each provider's models with each of its keys: free calls that show what works. */
  checkProviders(params: CheckProvidersParams, signal: AbortSignal): Promise<CheckProvidersResult> {
    const { providers } = this.settings;
    const chosen = params.providerId === undefined ? providers : providers.filter((p) => p.id === params.providerId);
    if (chosen.length === 0 && params.providerId !== undefined) {
      const known = providers.map((p) => p.id).join(', ') || 'none';
      throw new RouterError(ErrorCodes.InvalidParams, `No provider "${params.providerId}" is configured (configured: ${known})`, {
        path: ['providerId'],
      });
    }
    const keys = resolveProviderKeys(providers, this.apiKeys, this.env);
    const context = {
      keysFor: (id: string) => keys.get(id) ?? [],
      clientFor: (provider: ProviderSettings) => this.clientFor(provider),
      signal,
      now: this.now,
    };
    return checkProviders(context, chosen);
  }

  /**
   * Lists a provider's models, configured or not, with the given key or else the keys
   * held for its id (the first one); prices come from the built-in table.
   */
  listProviderModels(params: ListProviderModelsParams, signal: AbortSignal): Promise<ListProviderModelsResult> {
    const draft = params.provider;
    const held = resolveProviderKeys([{ ...draft, models: [{ id: draft.id }] }], this.apiKeys, this.env).get(draft.id) ?? [];
    return listProviderModels({ apiKey: params.apiKey ?? held[0], signal, now: this.now }, draft);
  }

  /**
   * One client per provider, rebuilt only when that provider's settings change. The same
   * settings object (every request between two settings loads) is known without comparing.
   */
  private clientFor(provider: ProviderSettings): ProviderClient {
    const cached = this.clients.get(provider.id);
    if (cached?.provider === provider) return cached.client;
    const config = JSON.stringify(provider);
    if (cached && cached.config === config) {
      cached.provider = provider;
      return cached.client;
    }
    const client = createProviderClient(provider);
    this.clients.set(provider.id, { config, provider, client });
    return client;
  }
}
