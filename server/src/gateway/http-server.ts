// The gateway's HTTP surface: token check, then OpenAI's endpoints (models, chat
// completions, responses) and Anthropic's (messages, count_tokens). Errors use the format of the
// API the path belongs to; anything else answers 404/405 in OpenAI's format.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Router } from '../pipeline/router';
import { estimateInputTokens } from './anthropic/count-tokens';
import { createMessage, sendAnthropicError } from './anthropic/messages-endpoint';
import { parseMessagesRequest } from './anthropic/messages-request';
import { authorized, WRONG_TOKEN_MESSAGE } from './auth';
import { callerOf, type TeamAuth } from './team-auth';
import type { Principal } from './principal';
import type { ScopeReader } from './scope-figures';
import { refuseBrowserRequests } from './browser-guard';
import { chatCompletions, sendError } from './chat-completions';
import { parseChatRequest, type RouterHeaders } from './chat-request';
import { clientName } from './client-name';
import { CLIENT_CLOSED, HttpError } from './http-error';
import { DEFAULT_LIMITS, serverOptions, type GatewayLimits } from './limits';
import { modelList } from './models';
import { BodyBudget, readJson } from './read-json';
import { dashboardEndpoint, feedbackEndpoint, historyEndpoint, routeEndpoint, routerModelsEndpoint, usageEndpoint } from './router-endpoints';
import { executeEndpoint } from './router-execute';
import { createResponse } from './responses/responses-endpoint';
import { parseResponsesRequest } from './responses/responses-request';
import { sendJson } from './send-json';
import { withoutTrailingSlashes } from '../../../shared/trailing-slashes';

export interface GatewayOptions {
  /** The address the gateway listens on: on loopback, requests must name a loopback host. */
  host: string;
  /** When set, every request needs `Authorization: Bearer <token>` or `x-api-key: <token>`. */
  token?: string;
  /** One line per request that failed on our side (never prompt text or keys). */
  log: (line: string) => void;
  /**
   * The workspace requests without `x-llm-router-workspace` count under (default
   * `gateway`); the editor's hosted gateway passes the editor's own (see host.ts).
   */
  defaultWorkspace?: string;
  /** Timeouts, connection cap and body limits; DEFAULT_LIMITS for what is not given. */
  limits?: Partial<GatewayLimits>;
  /** Team mode: every request needs a developer's token, and runs as that developer (team-auth.ts). */
  team?: TeamAuth;
  /** Team mode: developers' and teams' spend and limits, for the caller's usage (GET /v1/router/usage). */
  scopes?: ScopeReader;
}

export function createGatewayServer(router: Router, options: GatewayOptions): Server {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const budget = new BodyBudget(limits.maxBufferedBytes);
  const readBody = (req: IncomingMessage) => readJson(req, limits.maxBodyBytes, budget);
  const server = createServer(serverOptions(limits), (req, res) => {
    handle(router, options, req, res, readBody).catch((error: unknown) => {
      // A body refused half-read: close the connection rather than read the rest of it.
      if (error instanceof HttpError && (error.status === 413 || error.status === 503) && !res.headersSent) res.setHeader('connection', 'close');
      const http = isAnthropicPath(pathOf(req)) ? sendAnthropicError(res, error) : sendError(res, error);
      if (http.status >= 500 && http.status !== CLIENT_CLOSED) options.log(`${req.method} ${req.url}: ${http.status} ${http.message}`);
    });
  });
  server.maxConnections = limits.maxConnections;
  closeSilentSockets(server, limits.headersTimeoutMs);
  let lastDropLog = 0;
  server.on('drop', () => {
    if (Date.now() - lastDropLog < 10_000) return; // one line per burst, not one per socket
    lastDropLog = Date.now();
    options.log(`connection refused: ${limits.maxConnections} connections already open`);
  });
  return server;
}

/**
 * A socket that sends no request within the header timeout is closed. Node's own
 * headersTimeout covers this for a few sockets, but was seen to leave hundreds of silent
 * ones open, so each gets its own timer here.
 */
function closeSilentSockets(server: Server, timeoutMs: number): void {
  const spoke = new WeakSet<object>();
  server.on('request', (req: IncomingMessage) => void spoke.add(req.socket));
  server.on('connection', (socket) => {
    const timer = setTimeout(() => {
      if (!spoke.has(socket)) socket.destroy();
    }, timeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}

type ReadBody = (req: IncomingMessage) => Promise<unknown>;

async function handle(router: Router, options: GatewayOptions, req: IncomingMessage, res: ServerResponse, readBody: ReadBody): Promise<void> {
  refuseBrowserRequests(req.method, req.headers, options.host);
  // Filled in here, before any face reads it, so every API counts under the same workspace.
  if (options.defaultWorkspace !== undefined && one(req, 'x-llm-router-workspace') === undefined) {
    req.headers['x-llm-router-workspace'] = options.defaultWorkspace;
  }
  const principal = options.team ? await callerOf(options.team, req.headers.authorization, one(req, 'x-api-key')) : undefined;
  if (!options.team && !authorized(req.headers.authorization, options.token, one(req, 'x-api-key'))) {
    throw new HttpError(401, WRONG_TOKEN_MESSAGE, 'invalid_request_error', null, 'invalid_api_key');
  }
  const path = pathOf(req);
  const route = ROUTES[path];
  if (!route) {
    if (path.startsWith('/v1/responses/')) {
      const stored = 'the LLM Router gateway stores no responses (whatever "store" says), so none can be retrieved, cancelled or deleted: keep the response POST /v1/responses answered';
      throw new HttpError(404, `Unknown path ${path}: ${stored}`, 'invalid_request_error', null, 'unknown_url');
    }
    const message =
      `Unknown path ${path}: the gateway serves GET /v1/models, POST /v1/chat/completions, POST /v1/messages, ` +
      'POST /v1/messages/count_tokens and /v1/router/... (usage, history, dashboard, models, route, execute, feedback)';
    throw new HttpError(404, message, 'invalid_request_error', null, 'unknown_url');
  }
  if (req.method !== route.method) {
    throw new HttpError(405, `${path} takes ${route.method}`, 'invalid_request_error', null, 'method_not_allowed');
  }
  await route.run(router, req, res, readBody, principal, options.scopes);
}

type Handler = (
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  readBody: ReadBody,
  principal: Principal | undefined,
  scopes: ScopeReader | undefined,
) => Promise<void> | void;

const ROUTES: Record<string, { method: string; run: Handler }> = {
  '/v1/models': { method: 'GET', run: (router, _req, res) => sendJson(res, 200, modelList(router.currentSettings)) },
  '/v1/chat/completions': {
    method: 'POST',
    run: async (router, req, res, readBody, principal) => {
      const request = parseChatRequest(await readBody(req), routerHeaders(req), clientName(req.headers));
      await chatCompletions(router, { ...request, params: { ...request.params, ...principalParams(principal) } }, res);
    },
  },
  '/v1/responses': {
    method: 'POST',
    run: async (router, req, res, readBody, principal) => {
      const request = parseResponsesRequest(await readBody(req), routerHeaders(req), clientName(req.headers));
      await createResponse(router, { ...request, params: { ...request.params, ...principalParams(principal) } }, res);
    },
  },
  '/v1/messages': {
    method: 'POST',
    run: async (router, req, res, readBody, principal) => {
      const request = parseMessagesRequest(await readBody(req), routerHeaders(req), clientName(req.headers));
      await createMessage(router, { ...request, params: { ...request.params, ...principalParams(principal) } }, res);
    },
  },
  '/v1/messages/count_tokens': {
    method: 'POST',
    run: async (_router, req, res, readBody) => {
      const { params } = parseMessagesRequest(await readBody(req), routerHeaders(req), undefined, true);
      // An estimate: the header says so, since Anthropic's answer is an exact count.
      sendJson(res, 200, { input_tokens: estimateInputTokens(params) }, { 'x-llm-router-estimated': 'true' });
    },
  },
  // The router's own questions, answered for the caller (router-endpoints.ts, docs/protocol.md).
  // Each for the caller: the developer the token names on a team gateway, else the workspace.
  '/v1/router/usage': { method: 'GET', run: (router, req, res, _read, principal, scopes) => usageEndpoint(router, req, res, { principal, scopes }) },
  '/v1/router/history': { method: 'GET', run: (router, req, res, _read, principal, scopes) => historyEndpoint(router, req, res, { principal, scopes }) },
  '/v1/router/dashboard': {
    method: 'GET',
    run: (router, req, res, _read, principal, scopes) => dashboardEndpoint(router, req, res, { principal, scopes }),
  },
  '/v1/router/models': { method: 'GET', run: (router, req, res) => routerModelsEndpoint(router, req, res) },
  '/v1/router/route': {
    method: 'POST',
    run: async (router, req, res, readBody, principal) => routeEndpoint(router, req, res, await readBody(req), { principal }),
  },
  '/v1/router/execute': {
    method: 'POST',
    run: async (router, req, res, readBody, principal) => executeEndpoint(router, req, res, await readBody(req), principal),
  },
  '/v1/router/feedback': {
    method: 'POST',
    run: async (router, req, res, readBody, principal) => feedbackEndpoint(router, req, res, await readBody(req), { principal }),
  },
};

/** The caller as the gateway resolved it from the token: the only way `developer`/`team` get into a request. */
function principalParams(principal: Principal | undefined): { developer?: string; team?: string } {
  if (!principal) return {};
  return { developer: principal.developer, ...(principal.team === undefined ? {} : { team: principal.team }) };
}

function pathOf(req: IncomingMessage): string {
  return withoutTrailingSlashes((req.url ?? '/').split('?')[0]);
}

function isAnthropicPath(path: string): boolean {
  return path === '/v1/messages' || path.startsWith('/v1/messages/');
}

// An empty header is no header: scripts send `-H "x-llm-router-workspace: $WS"` with WS unset.
function one(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() === '' ? undefined : first;
}

function routerHeaders(req: IncomingMessage): RouterHeaders {
  return { 'x-llm-router-workspace': one(req, 'x-llm-router-workspace'), 'x-llm-router-kind': one(req, 'x-llm-router-kind') };
}
