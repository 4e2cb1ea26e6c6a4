// The extension's one way to talk to the router server. Commands and views use this,
// not the language client, so they never wait on start-up or deal with progress tokens.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, ResponseError, State, type LanguageClient } from 'vscode-languageclient/node';
import {
  CheckProvidersRequest, CountTokensRequest, DashboardRequest, ErrorCodes, ExecuteRequest, GatewayRequest, ListProviderModelsRequest,
  FeedbackNotification, GatewayChangedNotification, ModelsRequest, RouteRequest, SetApiKeysNotification, UsageChangedNotification, UsageRequest, type CheckProvidersParams,
  type CheckProvidersResult, type CountTokensParams, type DashboardResult, type ExecuteParams, type ExecuteProgress,
  type ExecuteResult, type GatewayParams, type GatewayStatus, type ListProviderModelsParams, type ListProviderModelsResult,
  type ModelsResult, type RouteParams, type RouteResult, type UsageReport, type FeedbackSignal, type Kind,
} from '../../../shared/protocol';

export type ExecuteInput = Omit<ExecuteParams, 'workspaceId' | 'partialResultToken'>;
export type RouteInput = Omit<RouteParams, 'workspaceId'>;

/** How long Restart Server waits for the server to hold its gateway's port before restarting it anyway. */
const HOLD_ANSWER_MS = 1_000;

export class RouterConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly started: Promise<LanguageClient>;
  private resolveStarted!: (client: LanguageClient) => void;
  private rejectStarted!: (error: unknown) => void;
  private readonly usageChanged = new vscode.EventEmitter<UsageReport>();
  private readonly running = new vscode.EventEmitter<void>();
  private readonly answered = new vscode.EventEmitter<ExecuteResult>();
  private readonly gatewayChanged = new vscode.EventEmitter<GatewayStatus>();
  private readonly disposables: vscode.Disposable[] = [this.usageChanged, this.running, this.answered, this.gatewayChanged];

  /** Fires for every ledger change in this workspace. */
  readonly onDidChangeUsage = this.usageChanged.event;
  /** Fires when the server is up, at start and after each restart. */
  readonly onDidStart = this.running.event;
  /** Fires when a request of this window was answered (so a provider works). */
  readonly onDidAnswer = this.answered.event;
  /** Fires when the hosted gateway's status changed on its own (it took the port over from another window). */
  readonly onDidChangeGateway = this.gatewayChanged.event;

  constructor(readonly workspaceId: string) {
    this.started = new Promise((resolve, reject) => {
      this.resolveStarted = resolve;
      this.rejectStarted = reject;
    });
    // Commands that never ran must not turn a failed start into an unhandled rejection.
    this.started.catch(() => undefined);
  }

  /** Starts the client made by `create`; requests made before then wait for it. */
  async start(create: () => Promise<LanguageClient>): Promise<void> {
    try {
      const client = await create();
      this.client = client;
      this.disposables.push(
        client.onNotification(UsageChangedNotification.type, (usage) => {
          if (usage.workspaceId === this.workspaceId) this.usageChanged.fire(usage);
        }),
        client.onNotification(GatewayChangedNotification.type, (status) => this.gatewayChanged.fire(status)),
        client.onDidChangeState((change) => change.newState === State.Running && this.running.fire()),
      );
      await client.start();
      this.resolveStarted(client);
    } catch (error) {
      this.rejectStarted(error);
      throw error;
    }
  }

  /** router/execute requests of this window waiting on the server now (a restart or a crash ends them). */
  get executing(): number {
    return this.executesWaiting;
  }
  private executesWaiting = 0;

  /** Runs a request; with `onProgress` the answer streams in as it is generated. */
  async execute(
    input: ExecuteInput, onProgress?: (progress: ExecuteProgress) => void, token?: vscode.CancellationToken,
  ): Promise<ExecuteResult> {
    this.executesWaiting++;
    try {
      return await this.executeNow(input, onProgress, token);
    } finally {
      this.executesWaiting--;
    }
  }

  private async executeNow(
    input: ExecuteInput, onProgress: ((progress: ExecuteProgress) => void) | undefined, token: vscode.CancellationToken | undefined,
  ): Promise<ExecuteResult> {
    const client = await this.started;
    const partialResultToken = onProgress ? `llmRouter-${randomUUID()}` : undefined;
    const progress = partialResultToken && onProgress
      ? client.onProgress(ExecuteRequest.progress, partialResultToken, onProgress)
      : undefined;
    try {
      const params: ExecuteParams = { ...input, workspaceId: this.workspaceId, partialResultToken };
      const result = await settleOnCancel(client.sendRequest(ExecuteRequest.type, params, token), token);
      this.answered.fire(result);
      return result;
    } finally {
      progress?.dispose();
    }
  }

  /**
   * The router's decision for a request, with every model that could take it and its
   * estimated cost; no provider is called and nothing is billed.
   */
  async route(input: RouteInput, token?: vscode.CancellationToken): Promise<RouteResult> {
    const client = await this.started;
    const params: RouteParams = { ...input, workspaceId: this.workspaceId };
    return settleOnCancel(client.sendRequest(RouteRequest.type, params, token), token);
  }

  /** Every configured model with its limits and availability; nothing is called or billed. */
  async models(token?: vscode.CancellationToken): Promise<ModelsResult> {
    const client = await this.started;
    return settleOnCancel(client.sendRequest(ModelsRequest.type, {}, token), token);
  }

  /** The router's own token count of a text or of messages. */
  async countTokens(params: CountTokensParams, token?: vscode.CancellationToken): Promise<number> {
    const client = await this.started;
    return (await settleOnCancel(client.sendRequest(CountTokensRequest.type, params, token), token)).tokens;
  }

  async usage(): Promise<UsageReport> {
    return (await this.started).sendRequest(UsageRequest.type, { workspaceId: this.workspaceId });
  }

  async dashboard(days?: number, limit?: number): Promise<DashboardResult> {
    return (await this.started).sendRequest(DashboardRequest.type, { workspaceId: this.workspaceId, days, limit });
  }

  /** Lists each provider's models with each of its keys (free calls); nothing is billed. */
  async checkProviders(params: CheckProvidersParams = {}, token?: vscode.CancellationToken): Promise<CheckProvidersResult> {
    const client = await this.started;
    return settleOnCancel(client.sendRequest(CheckProvidersRequest.type, params, token), token);
  }

  /** Starts, stops or reports the HTTP gateway hosted in the server process. */
  async gateway(params: GatewayParams): Promise<GatewayStatus> {
    return (await this.started).sendRequest(GatewayRequest.type, params);
  }

  /** Lists a provider's models before it is saved (a free call that also proves the key). */
  async listProviderModels(params: ListProviderModelsParams, token?: vscode.CancellationToken): Promise<ListProviderModelsResult> {
    const client = await this.started;
    return settleOnCancel(client.sendRequest(ListProviderModelsRequest.type, params, token), token);
  }

  async setApiKeys(apiKeys: Record<string, string[]>): Promise<void> {
    await (await this.started).sendNotification(SetApiKeysNotification.type, { apiKeys });
  }

  /**
   * Tells the router what the user did with an answer (kept, discarded, undone, retried), so it
   * learns which model is good enough for each kind here. Best effort: a lost signal is no error.
   */
  feedback(kind: Kind, model: string, signal: FeedbackSignal): void {
    if (!this.isRunning()) return;
    this.started
      .then((client) => client.sendNotification(FeedbackNotification.type, { workspaceId: this.workspaceId, kind, model, signal }))
      .catch(() => undefined);
  }

  /** Pushes settings outside the usual change events (e.g. when workspace trust is granted). */
  async sendSettings(settings: unknown): Promise<void> {
    await (await this.started).sendNotification(DidChangeConfigurationNotification.type, { settings: { llmRouter: settings } });
  }

  /**
   * Stops and starts the server again (it then reads its initialization options anew, e.g. team
   * mode). The stopping server ends the requests it runs as Cancel does and records them.
   * A server left stopped after crashing again and again is simply started.
   */
  async restart(): Promise<void> {
    const client = await this.started;
    if (!client.isRunning()) return client.start();
    // A window standing by behind this window's gateway leaves its port alone while the server
    // restarts (port-hold.ts): the gateway is back there a moment later. Best effort: a server
    // too stuck to answer within HOLD_ANSWER_MS is restarted all the same.
    const held = client.sendRequest(GatewayRequest.type, { action: 'hold' }).catch(() => undefined);
    await Promise.race([held, new Promise((resolve) => setTimeout(resolve, HOLD_ANSWER_MS))]);
    await client.restart();
  }

  isRunning(): boolean {
    return this.client?.isRunning() ?? false;
  }

  async dispose(): Promise<void> {
    this.disposables.forEach((d) => d.dispose());
    if (this.client?.isRunning()) await this.client.stop();
  }
}

/**
 * `$/cancelRequest` goes out as soon as the token fires, but the server may still take a
 * moment to stop; the user pressed Cancel, so settle right away.
 */
function settleOnCancel<T>(request: Promise<T>, token: vscode.CancellationToken | undefined): Promise<T> {
  if (!token) return request;
  return new Promise<T>((resolve, reject) => {
    const cancelled = token.onCancellationRequested(() => {
      reject(new ResponseError(ErrorCodes.RequestCancelled, 'Cancelled by the user.'));
    });
    request.then(resolve, reject).finally(() => cancelled.dispose());
  });
}
