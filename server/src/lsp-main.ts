// The router server in its editor mode: JSON-RPC 2.0 with LSP framing. `node dist/server.js
// --stdio` (or --node-ipc when VS Code starts it). It knows nothing of VS Code: any editor
// that speaks docs/protocol.md can use it. Loaded by server.ts; starts listening on import.
import {
  createConnection,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import {
  checkProvidersParamsSchema,
  countTokensParamsSchema,
  dashboardParamsSchema,
  executeParamsSchema,
  gatewayParamsSchema,
  modelsParamsSchema,
  listProviderModelsParamsSchema,
  routeParamsSchema,
  setApiKeysParamsSchema,
  feedbackParamsSchema,
  usageParamsSchema,
} from '../../shared/params';
import {
  CheckProvidersRequest,
  CountTokensRequest,
  DashboardRequest,
  ErrorCodes,
  ExecuteRequest,
  GatewayRequest,
  ModelsRequest,
  ListProviderModelsRequest,
  RouteRequest,
  SetApiKeysNotification,
  FeedbackNotification,
  UsageChangedNotification,
  GatewayChangedNotification,
  UsageRequest,
} from '../../shared/protocol';
import { initOptionsSchema } from '../../shared/settings';
import { salvageSettings } from '../../shared/settingsSalvage';
import { teamGatewayBase } from '../../shared/team-gateway';
import type { Server } from 'node:http';
import { GatewayHost, type HostedGatewayOptions } from './gateway/host';
import { PortHolds } from './gateway/port-hold';
import { createGatewayServer } from './gateway/http-server';
import { SqliteLedgerStore } from './ledger/sqlite-store';
import { Router } from './pipeline/router';
import type { RouterApi } from './rpc/router-api';
import { RemoteRouter } from './remote/remote-router';
import { toResponseError } from './rpc/errors';
import { Trace } from './rpc/trace';
import { parseParams } from './rpc/validate';
import { handleExecute } from './rpc/execute-handler';
import { RequestsInFlight } from './rpc/requests-in-flight';
import { countTokens } from './rpc/count-tokens';
import { PARTIAL_FRAME_TIMEOUT_MS, StrictStreamReader } from './rpc/strict-reader';
import { optimiseHotCodeSooner } from './optimise-sooner';
import { capYoungGeneration } from './young-generation';

const connection: Connection = openConnection();
/** The local Router, or in team mode the RemoteRouter forwarding to the team gateway. */
let router: RouterApi | undefined;
/** router/execute requests running, ended as Cancel would end them when the server stops. */
const executing = new RequestsInFlight();
/** How long a stopping server waits for the requests it ended to be recorded (the editor kills it 2 s after shutdown). */
const STOP_WAIT_MS = 1_500;
const trace = new Trace(connection);
/** The profile's storage folder (initialization options), shared by its windows: the ledger, and the gateway's port holds. */
let storageDir: string | undefined;
const gateway = new GatewayHost(
  hostedGateway,
  (line) => connection.console.warn(`gateway: ${line}`),
  (status) => void connection.sendNotification(GatewayChangedNotification.type, status).catch(() => undefined),
  new PortHolds(() => storageDir),
);

/** The raw settings last applied (as JSON), so that the same ones sent again are not applied or reported twice. */
let appliedSettings: string | undefined;
/** The invalid settings last named to the user, so that they are not named again on every change. */
let reportedInvalid = '';

connection.onInitialize((params) => {
  const options = parseParams(initOptionsSchema, params.initializationOptions);
  storageDir = options.storageDir;
  // No last good configuration yet: keep every valid setting rather than fall back to none.
  const { settings, errors: invalidSettings } = salvageSettings(options.settings);
  appliedSettings = JSON.stringify(options.settings);
  // Team mode is chosen at start: the editor restarts the server when the team gateway changes.
  const team = settings.team.gatewayUrl === undefined ? undefined : teamGatewayBase(settings.team.gatewayUrl);
  if (team) {
    router = new RemoteRouter(team, options.teamToken, settings);
    trace.log(`team mode: requests go to ${team}`); // never the token
  } else {
    // Not echoed: a URL with a user name or password may carry a secret.
    if (settings.team.gatewayUrl !== undefined) reportInvalidSettings(['llmRouter.team.gatewayUrl: an http(s) address without a user name or password'], 'routing with your own providers');
    router = new Router(SqliteLedgerStore.open(options.storageDir, { onNotice: warnUser }), settings, options.apiKeys ?? {});
  }
  notifyOnRecord(router);
  trace.level = router.currentSettings.trace;
  reportInvalidOnce(invalidSettings, 'ignoring these values, using the rest');
  return { capabilities: {}, serverInfo: { name: 'llm-router', version: '0.1.0' } };
});

connection.onInitialized(() => {
  // Started: from here on the code that runs is the requests' (see optimise-sooner.ts).
  optimiseHotCodeSooner();
  capYoungGeneration();
  const notice = ready().ledger.notice;
  if (notice) warnUser(notice);
  for (const warning of ready().warnings) connection.console.warn(warning);
});

connection.onDidChangeConfiguration((change) => {
  const raw = (change.settings as { llmRouter?: unknown } | undefined)?.llmRouter;
  if (raw === undefined) return;
  // The editor sends its settings again right after start: the same ones are applied already
  // (and, when some were invalid, reported already).
  const sent = JSON.stringify(raw);
  if (sent === appliedSettings) return;
  // One invalid value must not hold back the rest (a provider just added, a new budget): it
  // keeps its last good value and is named; everything else applies.
  const { settings, errors } = salvageSettings(raw, ready().currentSettings);
  const result = ready().updateSettings(settings);
  if (!result.ok) return reportInvalidSettings(result.errors, 'keeping the last good configuration');
  reportInvalidOnce(errors, 'keeping their last good values, applying the rest');
  appliedSettings = sent;
  trace.level = ready().currentSettings.trace;
  trace.log('settings applied');
  for (const warning of result.warnings) connection.console.warn(warning);
});

connection.onNotification(SetApiKeysNotification.type, (params) => {
  try {
    ready().setApiKeys(parseParams(setApiKeysParamsSchema, params).apiKeys);
    trace.log('API keys updated'); // never the keys themselves
  } catch (error) {
    connection.console.error(`router/setApiKeys ignored: ${(error as Error).message}`);
  }
});

// Best effort: a notification has no answer, so a malformed or dropped signal is only logged.
connection.onNotification(FeedbackNotification.type, async (params) => {
  try {
    const valid = parseParams(feedbackParamsSchema, params);
    if (!(await ready().feedback(valid))) trace.log('router/feedback dropped: the ledger was busy, or the team gateway learns on its own');
  } catch (error) {
    connection.console.error(`router/feedback ignored: ${(error as Error).message}`);
  }
});

connection.onRequest(RouteRequest.type, (params) =>
  guard(async () => {
    const result = await ready().route(parseParams(routeParamsSchema, params));
    trace.decision('route', result.model, result.reasons);
    return result;
  }),
);

connection.onRequest(ExecuteRequest.type, (params, token) =>
  guard(async () => {
    const valid = parseParams(executeParamsSchema, params);
    // router/usageChanged follows from the ledger (see notifyOnRecord), for this face and the gateway alike.
    const result = await handleExecute(connection, ready(), valid, token, executing);
    trace.decision('execute', result.model, result.reasons);
    return result;
  }),
);

connection.onRequest(ModelsRequest.type, (params) =>
  guard(() => {
    parseParams(modelsParamsSchema, params ?? {});
    return ready().listModels();
  }),
);

connection.onRequest(CountTokensRequest.type, (params) => guard(() => countTokens(parseParams(countTokensParamsSchema, params))));

connection.onRequest(UsageRequest.type, (params) =>
  guard(() => ready().usage(parseParams(usageParamsSchema, params).workspaceId)),
);

connection.onRequest(DashboardRequest.type, (params) =>
  guard(() => ready().dashboard(parseParams(dashboardParamsSchema, params))),
);

connection.onRequest(CheckProvidersRequest.type, (params, token) =>
  guard(async () => {
    const valid = parseParams(checkProvidersParamsSchema, params);
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      return await ready().checkProviders(valid, abort.signal);
    } finally {
      subscription.dispose();
    }
  }),
);

connection.onRequest(ListProviderModelsRequest.type, (params, token) =>
  guard(async () => {
    const valid = parseParams(listProviderModelsParamsSchema, params);
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      return await ready().listProviderModels(valid, abort.signal);
    } finally {
      subscription.dispose();
    }
  }),
);


connection.onRequest(GatewayRequest.type, (params) =>
  guard(async () => {
    const status = await gateway.handle(parseParams(gatewayParamsSchema, params));
    trace.log(!status.running ? 'gateway stopped' : status.standby ? `gateway standing by: another router serves ${status.url}` : `gateway listening on ${status.url}`); // never the token
    return status;
  }),
);

// The gateway lives and dies with this server: it is stopped before the ledger closes.
let shutdownRequested = false;
connection.onShutdown(async () => {
  shutdownRequested = true;
  await stopServing();
});

/**
 * Before the process ends (Restart Server, a window reloading or closing): requests still
 * running are ended as Cancel ends them, so what already streamed, which the provider bills,
 * is recorded at its cost once; then the ledger closes. Within the editor's 2 s before it
 * kills a server that has not exited.
 */
let stopping: Promise<void> | undefined;
function stopServing(): Promise<void> {
  stopping ??= (async () => {
    const stopped = executing.stopAll(STOP_WAIT_MS);
    await gateway.stop(); // ends its connections: its streams abort the same way
    await stopped;
    await router?.settled?.(STOP_WAIT_MS);
    await router?.ledger.close();
  })();
  return stopping;
}

/**
 * Over stdio, frames are read strictly: a malformed one is logged on stderr and ends the
 * process with code 1, so the editor sees a crash and restarts the server instead of
 * talking to one that has silently stopped answering. (--node-ipc carries whole messages.)
 */
function openConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  // Replies on stdout: the client's requests are read no faster than it reads their replies.
  const reader = new StrictStreamReader(process.stdin, PARTIAL_FRAME_TIMEOUT_MS, process.stdout);
  reader.onError((error) => {
    process.stderr.write(`llm-router: ${error.message}; exiting so the editor restarts the server\n`);
    process.exit(1);
  });
  // What createConnection does for its own stdio streams: stdin closing ends the server,
  // and console output must not mix into the protocol on stdout.
  // The editor went away without a shutdown (its extension host ended): record what is running first.
  reader.onClose(() => void stopServing().finally(() => process.exit(shutdownRequested ? 0 : 1)));
  console.log = console.info = console.debug = console.error;
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}

function ready(): RouterApi {
  if (!router) throw new ResponseError(-32002, 'Server not initialized');
  return router;
}

/** The hosted gateway serves this machine's Router; in team mode it passes requests on to the team gateway. */
function hostedGateway(options: HostedGatewayOptions): Server {
  const current = ready();
  return current instanceof RemoteRouter ? current.gatewayProxy(options) : createGatewayServer(current as Router, options);
}

async function guard<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const response = toResponseError(error);
    if (response.code !== ErrorCodes.InvalidParams && response.code !== ErrorCodes.RequestCancelled) {
      trace.error(response.message);
    }
    throw response;
  }
}

/**
 * Every recorded request, whichever face sent it (router/execute, the hosted gateway), ends
 * in one router/usageChanged for its workspace. Sent after the current turn, so the answer
 * goes out first (totals over a large ledger take a few ms); requests recorded in the same
 * turn share one notification per workspace.
 */
function notifyOnRecord(recorded: RouterApi): void {
  const pending = new Set<string>();
  recorded.ledger.onRecorded((workspaceId) => {
    if (pending.size === 0) {
      setImmediate(() => {
        const workspaces = [...pending];
        pending.clear();
        for (const workspaceId of workspaces) void notifyUsage(workspaceId);
      });
    }
    pending.add(workspaceId);
  });
}

async function notifyUsage(workspaceId: string): Promise<void> {
  if (stopping) return; // the ledger is closing: the next server tells the editor
  try {
    await connection.sendNotification(UsageChangedNotification.type, await ready().usage(workspaceId));
  } catch (error) {
    trace.error(`usage notification failed: ${(error as Error).message}`);
  }
}

function warnUser(notice: string): void {
  connection.console.warn(notice);
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `LLM Router: ${notice}` });
}

/** Names invalid settings unless these same ones were named last: a later change elsewhere (a provider added) does not repeat the toast. */
function reportInvalidOnce(errors: string[], consequence: string): void {
  const named = errors.join('\n');
  if (errors.length > 0 && named !== reportedInvalid) reportInvalidSettings(errors, consequence);
  reportedInvalid = named;
}

function reportInvalidSettings(errors: string[], consequence: string): void {
  const message = `LLM Router: invalid settings (${consequence}): ${errors.join('; ')}`;
  connection.console.error(message);
  // A notification, not window/showMessageRequest: the server needs no answer and must
  // not depend on the client supporting message actions.
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
}

// A stray rejection must cost one request, never the whole server (and every
// request in flight with it).
process.on('unhandledRejection', (reason) => trace.error(`unhandled rejection: ${String(reason)}`));

connection.listen();
