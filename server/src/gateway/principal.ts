// Who is calling a team gateway: the developer a gateway token belongs to, and their team.
// Resolved by the gateway from the token (team/developers.ts), never read from a body; the
// request is then recorded and budgeted under them (ExecuteParams.developer/team).
export interface Principal {
  developer: string;
  team?: string;
}

/** Finds the live developer a token belongs to; undefined for an unknown or revoked token. */
export type PrincipalResolver = (token: string) => Promise<Principal | undefined>;

/** The tokens a request presents: `Authorization: Bearer` (OpenAI clients) and `x-api-key` (Anthropic clients). */
export function presentedTokens(authorization: string | undefined, apiKey: string | undefined): string[] {
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  return [bearer, apiKey?.trim()].filter((t): t is string => t !== undefined && t !== '');
}
