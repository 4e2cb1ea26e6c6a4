// Connect to Team Gateway… tries the address and token at once, with the request the status
// bar will make (`GET /v1/router/usage`), before anything is saved. Pure (no vscode import),
// so it is tested against a real gateway process.
import type { UsageReport } from '../../../shared/protocol';
import { teamGatewayBase, teamGatewayUrl, tokenRefusedMessage, unreachableMessage } from '../../../shared/team-gateway';

export type TeamGatewayTry = { ok: true; base: string; usage: UsageReport } | { ok: false; message: string };

const TRY_TIMEOUT_MS = 10_000;

export async function tryTeamGateway(typedUrl: string, token: string, workspaceId: string): Promise<TeamGatewayTry> {
  const base = teamGatewayBase(typedUrl);
  if (!base) return { ok: false, message: `"${typedUrl}" is not an http(s) address, e.g. https://llm.example.com/v1` };
  let response: Response;
  try {
    response = await fetch(teamGatewayUrl(base, 'router/usage'), {
      headers: { authorization: `Bearer ${token}`, 'x-llm-router-workspace': workspaceId },
      signal: AbortSignal.timeout(TRY_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, message: unreachableMessage(base, causeOf(error)) };
  }
  if (response.status === 401 || response.status === 403) return { ok: false, message: tokenRefusedMessage(base) };
  if (response.status === 404) {
    return { ok: false, message: `${base} answered 404: it is not an LLM Router gateway, or one too old for team mode. Check the address.` };
  }
  const body = (await response.json().catch(() => undefined)) as (UsageReport & { error?: { message?: string } }) | undefined;
  if (!response.ok) return { ok: false, message: `The team gateway at ${base} answered ${response.status}: ${body?.error?.message ?? response.statusText}` };
  if (typeof body?.today?.costUsd !== 'number') return { ok: false, message: `${base} answered, but not with LLM Router usage: check the address.` };
  return { ok: true, base, usage: body };
}

function causeOf(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: unknown; message?: unknown }; message?: string };
  if (e.name === 'TimeoutError') return `no answer within ${TRY_TIMEOUT_MS / 1000} s`;
  if (typeof e.cause?.code === 'string') return e.cause.code;
  return typeof e.cause?.message === 'string' ? e.cause.message : String(e.message ?? error);
}
