// `/v1/router/...`: the router's own questions over HTTP, answered for the caller (see
// caller.ts), in the shapes the JSON-RPC methods answer them (docs/protocol.md). A developer's
// extension pointed at a team gateway reads its usage, history and dashboard here, and sends
// its requests to `POST /v1/router/execute` (router-execute.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UsageReport } from '../../../shared/protocol';
import { feedbackParamsSchema, routeParamsSchema } from '../../../shared/params';
import type { Router } from '../pipeline/router';
import { callerOf, type Caller } from './caller';
import { invalidRequest } from './http-error';
import { fromIssue } from './issue';
import { sendJson } from './send-json';

export const DEFAULT_HISTORY_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 10_000;
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

/**
 * The caller's spend today, this month and in all, by model, kind and client, with the budget
 * that applies to it (`budget`) and, when the gateway has one for the caller, the team's (`team`).
 */
export function callerUsage(router: Router, caller: Caller): Promise<UsageReport> {
  return router.usage(caller.workspaceId);
}

export async function usageEndpoint(router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  sendJson(res, 200, await callerUsage(router, callerOf(req.headers)));
}

/** `?limit=N` (default 100): the caller's newest requests first, with their attempts. */
export async function historyEndpoint(router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const caller = callerOf(req.headers);
  const limit = intQuery(req, 'limit', DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
  sendJson(res, 200, { workspaceId: caller.workspaceId, history: await router.ledger.history(caller.workspaceId, limit) });
}

/** `?days=N&limit=M`: what router/dashboard answers (daily spend, history, model health, savings) for the caller. */
export async function dashboardEndpoint(router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const caller = callerOf(req.headers);
  const days = intQuery(req, 'days', DEFAULT_DAYS, MAX_DAYS);
  const limit = intQuery(req, 'limit', DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
  sendJson(res, 200, await router.dashboard({ workspaceId: caller.workspaceId, days, limit }));
}

/** What router/models answers: every configured model with its limits, capabilities and availability. */
export function routerModelsEndpoint(router: Router, _req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, router.listModels());
}

/** What router/route answers for the caller: the decision and its candidates; no provider is called. */
export async function routeEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  const caller = callerOf(req.headers);
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const parsed = routeParamsSchema.safeParse({ ...fields, workspaceId: caller.workspaceId });
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  sendJson(res, 200, await router.route(parsed.data));
}

/** What router/feedback tells the router, for the caller: `{ recorded }` (false when the ledger was busy). */
export async function feedbackEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  const caller = callerOf(req.headers);
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const parsed = feedbackParamsSchema.safeParse({ ...fields, workspaceId: caller.workspaceId });
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  sendJson(res, 200, { recorded: await router.feedback(parsed.data) });
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
