// The gateway's HTTP surface: token check, then the two OpenAI endpoints. Everything
// else answers 404/405 in OpenAI's error format.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Router } from '../pipeline/router';
import { authorized } from './auth';
import { refuseBrowserRequests } from './browser-guard';
import { chatCompletions, sendError } from './chat-completions';
import { parseChatRequest, type RouterHeaders } from './chat-request';
import { CLIENT_CLOSED, HttpError } from './http-error';
import { modelList } from './models';
import { readJson } from './read-json';
import { sendJson } from './send-json';

export interface GatewayOptions {
  /** The address the gateway listens on: on loopback, requests must name a loopback host. */
  host: string;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** One line per request that failed on our side (never prompt text or keys). */
  log: (line: string) => void;
}

export function createGatewayServer(router: Router, options: GatewayOptions): Server {
  return createServer((req, res) => {
    handle(router, options, req, res).catch((error: unknown) => {
      const http = sendError(res, error);
      if (http.status >= 500 && http.status !== CLIENT_CLOSED) options.log(`${req.method} ${req.url}: ${http.status} ${http.message}`);
    });
  });
}

async function handle(router: Router, options: GatewayOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  refuseBrowserRequests(req.method, req.headers, options.host);
  if (!authorized(req.headers.authorization, options.token)) {
    const message = 'Missing or wrong token: send "Authorization: Bearer <LLM_ROUTER_GATEWAY_TOKEN>"';
    throw new HttpError(401, message, 'invalid_request_error', null, 'invalid_api_key');
  }
  const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
  const route = ROUTES[path];
  if (!route) {
    const message = `Unknown path ${path}: the gateway serves GET /v1/models and POST /v1/chat/completions`;
    throw new HttpError(404, message, 'invalid_request_error', null, 'unknown_url');
  }
  if (req.method !== route.method) {
    throw new HttpError(405, `${path} takes ${route.method}`, 'invalid_request_error', null, 'method_not_allowed');
  }
  await route.run(router, req, res);
}

type Handler = (router: Router, req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const ROUTES: Record<string, { method: string; run: Handler }> = {
  '/v1/models': { method: 'GET', run: (router, _req, res) => sendJson(res, 200, modelList(router.currentSettings)) },
  '/v1/chat/completions': {
    method: 'POST',
    run: async (router, req, res) => {
      const request = parseChatRequest(await readJson(req), routerHeaders(req));
      await chatCompletions(router, request, res);
    },
  },
};

function routerHeaders(req: IncomingMessage): RouterHeaders {
  // An empty header is no header: scripts send `-H "x-llm-router-workspace: $WS"` with WS unset.
  const one = (name: string) => {
    const value = req.headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first?.trim() === '' ? undefined : first;
  };
  return { 'x-llm-router-workspace': one('x-llm-router-workspace'), 'x-llm-router-kind': one('x-llm-router-kind') };
}
