// Authentication of a team gateway: each request carries a developer's token (as
// `Authorization: Bearer` or `x-api-key`, like the single gateway token), resolved to the
// developer and their team; an unknown or revoked token is refused with 401, and a
// developer or team over its requests-per-minute limit with 429.
import { HttpError } from './http-error';
import { presentedTokens, type Principal, type PrincipalResolver } from './principal';

export interface TeamAuth {
  principals: PrincipalResolver;
  /** Why the caller must wait (requests per minute), or undefined. */
  rateRefusal?: (principal: Principal) => Promise<string | undefined>;
}

export async function callerOf(team: TeamAuth, authorization: string | undefined, apiKey: string | undefined): Promise<Principal> {
  for (const token of presentedTokens(authorization, apiKey)) {
    const principal = await team.principals(token);
    if (!principal) continue;
    const refusal = await team.rateRefusal?.(principal);
    if (refusal) throw new HttpError(429, refusal, 'rate_limit_error', null, 'rate_limit_exceeded');
    return principal;
  }
  const message = 'Missing, unknown or revoked developer token: send "Authorization: Bearer <token>" or "x-api-key: <token>" (an admin creates one with `node dist/server.js admin --postgres URL create-token NAME`)';
  throw new HttpError(401, message, 'invalid_request_error', null, 'invalid_api_key');
}
