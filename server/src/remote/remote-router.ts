// Team mode: the router server forwards every router request to a team gateway (an LLM Router
// `--http` server, through its /v1/router/... endpoints) instead of routing on this machine.
// Routing, keys, budgets and the ledger are the gateway's; the RPC layer and every face above
// it (palette, chat participant, language models) use the same methods as with a local Router.
import type {
  CheckProvidersResult,
  DashboardParams,
  DashboardResult,
  ExecuteParams,
  ExecuteProgress,
  ExecuteResult,
  FeedbackParams,
  ListProviderModelsResult,
  ModelsResult,
  RouteParams,
  RouteResult,
  UsageReport,
} from '../../../shared/protocol';
import { parseSettings, type Settings } from '../../../shared/settings';
import { RouterError } from '../pipeline/errors';
import type { StreamSink } from '../pipeline/execute';
import type { Server } from 'node:http';
import type { HostedGatewayOptions } from '../gateway/host';
import { createGatewayProxy } from './gateway-proxy';
import type { RecordedRequests, RouterApi } from '../rpc/router-api';
import { readSseEvents } from './sse-events';
import { fromGatewayAnswer, teamError } from './team-errors';
import { TeamHttp } from './team-http';

/** A progress event of /v1/router/execute: router/execute's `$/progress` value with the model writing it. */
type RemoteProgress = ExecuteProgress & { model?: string };

export class RemoteRouter implements RouterApi {
  private settings: Settings;
  private readonly http: TeamHttp;
  private readonly listeners = new Set<(workspaceId: string) => void>();
  readonly ledger: RecordedRequests = {
    onRecorded: (listener) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
    close: () => undefined,
  };

  constructor(
    /** The team gateway's base URL, ending in /v1. */
    readonly gateway: string,
    private readonly token: string | undefined,
    settings: Settings,
  ) {
    this.settings = settings;
    this.http = new TeamHttp(gateway, token);
  }

  /** The editor's hosted gateway in team mode: a proxy to the team gateway, with this developer's token. */
  gatewayProxy(options: HostedGatewayOptions): Server {
    // An agent's answered request raises the status bar as the editor's own requests do.
    return createGatewayProxy(this.gateway, this.token, options, (workspaceId) => this.recorded(workspaceId));
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  get warnings(): string[] {
    return [];
  }

  /** Only the settings this machine still uses (trace) apply; routing follows the gateway's. */
  updateSettings(raw: unknown): { ok: true; warnings: string[] } | { ok: false; errors: string[] } {
    const parsed = parseSettings(raw);
    if (!parsed.ok) return parsed;
    this.settings = parsed.settings;
    return { ok: true, warnings: [] };
  }

  /** The gateway holds the provider keys: this machine's keys are not used in team mode. */
  setApiKeys(): void {}

  /** The team gateway learns from the signal, for this workspace (best effort, as locally). */
  async feedback(params: FeedbackParams): Promise<boolean> {
    const { workspaceId, ...body } = params;
    return (await this.http.postJson<{ recorded: boolean }>('router/feedback', body, workspaceId)).recorded;
  }

  async execute(params: ExecuteParams, sink: StreamSink): Promise<ExecuteResult> {
    const { workspaceId, partialResultToken: _local, ...body } = params;
    const response = await this.http.postStream('router/execute', body, workspaceId, sink.signal);
    try {
      return await this.readAnswer(response, sink);
    } catch (error) {
      throw error instanceof RouterError ? error : this.http.failure(error, sink.signal);
    } finally {
      // The gateway recorded the request (answered, failed or cancelled) before it answered.
      this.recorded(workspaceId);
    }
  }

  private async readAnswer(response: Response, sink: StreamSink): Promise<ExecuteResult> {
    if (!response.body) throw teamError(this.gateway, 'failed', `The team gateway at ${this.gateway} sent an empty answer`);
    for await (const { event, data } of readSseEvents(response.body)) {
      if (event === 'progress') {
        const progress = JSON.parse(data) as RemoteProgress;
        if (progress.toolCall) sink.onToolCallDelta?.(progress.toolCall, progress.model ?? '');
        else if (progress.refusal !== undefined) sink.onRefusalDelta?.(progress.refusal, progress.model ?? '');
        else sink.onDelta?.(progress.delta, progress.reset === true, progress.model);
      } else if (event === 'result') {
        return JSON.parse(data) as ExecuteResult;
      } else if (event === 'error') {
        throw fromGatewayAnswer(this.gateway, 500, JSON.parse(data));
      }
    }
    throw teamError(this.gateway, 'failed', `The team gateway at ${this.gateway} ended the answer before it was complete; try again.`);
  }

  route(params: RouteParams): Promise<RouteResult> {
    const { workspaceId, ...body } = params;
    return this.http.postJson<RouteResult>('router/route', body, workspaceId);
  }

  listModels(): Promise<ModelsResult> {
    return this.http.getJson<ModelsResult>('router/models', undefined);
  }

  usage(workspaceId: string): Promise<UsageReport> {
    return this.http.getJson<UsageReport>('router/usage', workspaceId);
  }

  dashboard(params: DashboardParams): Promise<DashboardResult> {
    return this.http.getJson<DashboardResult>('router/dashboard', params.workspaceId, { days: params.days, limit: params.limit });
  }

  checkProviders(): Promise<CheckProvidersResult> {
    return Promise.reject(
      teamError(this.gateway, 'unsupported', `In team mode the team gateway (${this.gateway}) holds the provider keys: ask your team admin to check its providers.`),
    );
  }

  async listProviderModels(): Promise<ListProviderModelsResult> {
    return { ok: false, error: `In team mode providers are set up on the team gateway (${this.gateway}), not here.`, models: [], latencyMs: 0 };
  }

  private recorded(workspaceId: string): void {
    for (const listener of this.listeners) listener(workspaceId);
  }
}
