// `/v1/router/...`: the router's own questions over HTTP, answered for the caller (see
// caller.ts), in the shapes the JSON-RPC methods answer them (docs/protocol.md). A developer's
// extension pointed at a team gateway reads its usage, history and dashboard here, and sends
// its requests to `POST /v1/router/execute` (router-execute.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HistoryEntry, UsageReport } from '../../../shared/protocol';
import { feedbackParamsSchema, routeParamsSchema } from '../../../shared/params';
import type { Router } from '../pipeline/router';
import { callerOf, type Caller } from './caller';
import type { Principal } from './principal';
import type { LimitScope } from '../team/developers';
import { scopeFigures, type ScopeReader } from './scope-figures';
import { invalidRequest } from './http-error';
import { fromIssue } from './issue';
import { sendJson } from './send-json';
import { withValue } from './with-value';

export const DEFAULT_HISTORY_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 10_000;
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

/** What the /v1/router endpoints know of the request: who sent it, and where a team gateway keeps its figures. */
export interface EndpointContext {
  principal?: Principal;
  scopes?: ScopeReader;
}

/**
 * The caller's spend today, this month and in all, by model, kind and client, with the budget
 * that applies to its workspace (`budget`); called with a developer token, also the developer's
 * own spend and limits (`developer`) and their team's (`team`).
 */
export async function callerUsage(router: Router, caller: Caller, scopes: ScopeReader | undefined, now = new Date()): Promise<UsageReport> {
  const usage = await router.usage(caller.workspaceId);
  if (caller.developer === undefined) return usage;
  // A developer sees their own and their team's figures, never the whole ledger's total.
  delete usage.allWorkspaces;
  if (scopes === undefined) return usage;
  const warnAt = router.currentSettings.budget.warnAtPercent;
  // Degrade, don't fail: with the team's database unreachable the workspace's figures still answer.
  const figures = (scope: LimitScope) => scopeFigures(scopes, scope, warnAt, now).catch(() => undefined);
  const [developer, team] = await Promise.all([
    figures({ developer: caller.developer }),
    caller.team === undefined ? undefined : figures({ team: caller.team }),
  ]);
  return { ...usage, ...(developer ? { developer } : {}), ...(team ? { team } : {}) };
}

export async function usageEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, context: EndpointContext = {}): Promise<void> {
  sendJson(res, 200, await callerUsage(router, callerOf(req.headers, context.principal), context.scopes));
}

/** `?limit=N` (default 100): the caller's newest requests first, with their attempts. */
export async function historyEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, context: EndpointContext = {}): Promise<void> {
  const caller = callerOf(req.headers, context.principal);
  const limit = intQuery(req, 'limit', DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
  sendJson(res, 200, { workspaceId: caller.workspaceId, history: await callerHistory(router, caller, limit, context.scopes) });
}

/**
 * A developer's history is theirs across workspaces and machines (two developers may open
 * the same workspace path); without a developer token, the workspace's.
 */
function callerHistory(router: Router, caller: Caller, limit: number, scopes: ScopeReader | undefined): Promise<HistoryEntry[]> {
  if (caller.developer !== undefined && scopes?.history) return scopes.history(caller.developer, limit);
  return router.ledger.history(caller.workspaceId, limit);
}

/** `?days=N&limit=M`: what router/dashboard answers (daily spend, history, model health, savings) for the caller. */
export async function dashboardEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, context: EndpointContext = {}): Promise<void> {
  const caller = callerOf(req.headers, context.principal);
  const days = intQuery(req, 'days', DEFAULT_DAYS, MAX_DAYS);
  const limit = intQuery(req, 'limit', DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
  const dashboard = await router.dashboard({ workspaceId: caller.workspaceId, days, limit });
  // With a developer token, the usage carries the developer's and team's figures as GET /v1/router/usage does,
  // and the history is the developer's own.
  if (caller.developer === undefined) return sendJson(res, 200, dashboard);
  const [usage, history] = await Promise.all([callerUsage(router, caller, context.scopes), callerHistory(router, caller, limit, context.scopes)]);
  sendJson(res, 200, { ...dashboard, usage, history });
}

/** What router/models answers: every configured model with its limits, capabilities and availability. */
export function routerModelsEndpoint(router: Router, _req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, router.listModels());
}

/** What router/route answers for the caller: the decision and its candidates; no provider is called. */
export async function routeEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, body: unknown, context: EndpointContext = {}): Promise<void> {
  const caller = callerOf(req.headers, context.principal);
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const parsed = routeParamsSchema.safeParse({ ...fields, workspaceId: caller.workspaceId });
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  sendJson(res, 200, await router.route({ ...parsed.data, ...withValue('developer', caller.developer) }));
}

/** What router/feedback tells the router, for the caller: `{ recorded }` (false when the ledger was busy). */
export async function feedbackEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, body: unknown, context: EndpointContext = {}): Promise<void> {
  const caller = callerOf(req.headers, context.principal);
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const parsed = feedbackParamsSchema.safeParse({ ...fields, workspaceId: caller.workspaceId });
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  // Tagged with the developer and team the token names, like their requests (the schema drops any in the body).
  const params = { ...parsed.data, ...withValue('developer', caller.developer), ...withValue('team', caller.team) };
  sendJson(res, 200, { recorded: await router.feedback(params) });
}

function intQuery(req: IncomingMessage, name: string, fallback: number, max: number): number {
  const raw = new URL(req.url ?? '/', 'http://gateway').searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalidRequest(`Invalid '${name}': expected a whole number from 1 to ${max}`, name, 'invalid_value');
  }
  return value;
}
