// The editor's hosted gateway (router/gateway) in team mode: agents configured with the local
// URL and token keep working, and their requests go on to the team gateway with the
// developer's token, so they are routed, budgeted and recorded there under the developer.
// The local token is checked here and never forwarded; the team token never leaves this process
// except to the team gateway. Bodies and answers (JSON or streams) pass through untouched.
import { request as httpRequest, createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { authorized } from '../gateway/auth';
import { refuseBrowserRequests } from '../gateway/browser-guard';
import { sendError } from '../gateway/chat-completions';
import { HttpError } from '../gateway/http-error';
import type { HostedGatewayOptions } from '../gateway/host';
import { unreachableMessage } from '../../../shared/team-gateway';

/** Request headers an API client's request means something by; the rest (auth, hop-by-hop) stay here. */
const FORWARDED = ['content-type', 'accept', 'user-agent', 'anthropic-version', 'anthropic-beta', 'x-llm-router-workspace', 'x-llm-router-kind', 'x-llm-router-client'];

/** `onAnswered`: told the workspace of each request the team gateway answered (and so recorded). */
export function createGatewayProxy(
  team: string, teamToken: string | undefined, options: HostedGatewayOptions, onAnswered?: (workspaceId: string) => void,
): Server {
  const base = new URL(team.endsWith('/') ? team : `${team}/`);
  return createServer((req, res) => {
    try {
      refuseBrowserRequests(req.method, req.headers, options.host);
      if (!authorized(req.headers.authorization, options.token, first(req.headers['x-api-key']))) {
        throw new HttpError(401, 'Missing or wrong token: send the token of this editor\'s gateway', 'invalid_request_error', null, 'invalid_api_key');
      }
      forward(base, teamToken, options, req, res, onAnswered);
    } catch (error) {
      sendError(res, error);
    }
  });
}

function forward(
  base: URL, teamToken: string | undefined, options: HostedGatewayOptions, req: IncomingMessage, res: ServerResponse,
  onAnswered?: (workspaceId: string) => void,
): void {
  // `/v1/chat/completions` -> `<team base>/chat/completions`: the team's base already ends in /v1.
  const path = (req.url ?? '/').replace(/^\/v1(?=\/|$|\?)/, '').replace(/^\//, '');
  const target = new URL(path, base);
  const headers: OutgoingHttpHeaders = {};
  for (const name of FORWARDED) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  headers['x-llm-router-workspace'] ??= options.defaultWorkspace;
  if (teamToken) headers.authorization = `Bearer ${teamToken}`;
  if (req.headers['content-length'] !== undefined) headers['content-length'] = req.headers['content-length'];
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
    // A POST the team gateway answered is in its ledger (it records before it answers).
    if (req.method === 'POST' && answer.statusCode === 200) answer.once('end', () => onAnswered?.(String(headers['x-llm-router-workspace'])));
  });
  upstream.on('error', (error) => {
    options.log(`team gateway ${base.href}: ${error.message}`);
    sendError(res, new HttpError(502, unreachableMessage(base.href.replace(/\/$/, ''), (error as NodeJS.ErrnoException).code ?? error.message), 'upstream_error', null, 'team_gateway_unreachable'));
  });
  // A caller that goes away cancels the team gateway's request too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
