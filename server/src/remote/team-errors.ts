// A team gateway's failures as the router's own errors (shared/protocol.ts ErrorCodes), with
// a message that says what to do: the editor shows them like any other router error.
import { ErrorCodes, type TeamGatewayErrorData } from '../../../shared/protocol';
import { tokenRefusedMessage, unreachableMessage } from '../../../shared/team-gateway';
import { RouterError } from '../pipeline/errors';

/** The JSON error body the gateway sends: OpenAI's shape, plus the router's error when it raised one. */
interface GatewayErrorBody {
  error?: { message?: unknown; code?: unknown };
  router?: { code?: unknown; message?: unknown; data?: unknown };
}

export function teamError(gateway: string, reason: TeamGatewayErrorData['reason'], message: string, status?: number): RouterError {
  const data: TeamGatewayErrorData = { reason, gateway, ...(status === undefined ? {} : { status }) };
  return new RouterError(ErrorCodes.TeamGateway, message, data);
}

/** fetch failed before any answer: the gateway is down, the address wrong, or the network away. */
export function unreachable(gateway: string, error: unknown): RouterError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (error as Error).message;
  return teamError(gateway, 'unreachable', unreachableMessage(gateway, why));
}

/** An error answer (or an `event: error` of a stream) as the error the router raises for it. */
export function fromGatewayAnswer(gateway: string, status: number, body: unknown): RouterError {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as GatewayErrorBody;
  const router = answer.router;
  // The router on the gateway raised one of its own errors: raise the same one here.
  if (router && typeof router.code === 'number' && typeof router.message === 'string') {
    return new RouterError(router.code, router.message, router.data);
  }
  const said = typeof answer.error?.message === 'string' ? answer.error.message : `HTTP ${status}`;
  if (status === 401 || status === 403) return teamError(gateway, 'unauthorized', tokenRefusedMessage(gateway), status);
  if (status === 402) return new RouterError(ErrorCodes.BudgetBlocked, `Team budget: ${said}`);
  if (status === 429) {
    return new RouterError(ErrorCodes.BudgetBlocked, `Team quota or rate limit reached: ${said}. Try again later, or ask your team admin to raise the limit.`);
  }
  if (status === 404) {
    return teamError(gateway, 'failed', `${gateway} does not answer the LLM Router team endpoints (${said}): check llmRouter.team.gatewayUrl, or update the gateway.`, status);
  }
  return teamError(gateway, 'failed', `The team gateway at ${gateway} failed (HTTP ${status}): ${said}`, status);
}
