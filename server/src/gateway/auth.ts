// Who may spend money through the gateway. On a loopback address only local programs can
// connect, so a token is optional there (but enforced once set); any other address
// refuses to start without one, since anyone who reaches the port would use the keys.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const TOKEN_ENV = 'LLM_ROUTER_GATEWAY_TOKEN';

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '::ffff:127.0.0.1';
}

/** A token anyone could guess in a few tries protects nothing. */
export const MIN_TOKEN_LENGTH = 16;

/** The token as configured: unset or empty means none; spaces around it are not part of it. */
export function configuredToken(raw: string | undefined): string | undefined {
  return raw === undefined || raw === '' ? undefined : raw.trim();
}

/** Why the gateway must not start on this host with this token, or undefined when it may. */
export function tokenPolicyError(host: string, token: string | undefined): string | undefined {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    return `${TOKEN_ENV} is ${token.length === 0 ? 'only spaces' : `${token.length} characters`}: use at least ${MIN_TOKEN_LENGTH} (e.g. \`openssl rand -hex 24\`), or unset it on a loopback address`;
  }
  if (token || isLoopback(host)) return undefined;
  return `listening on ${host} (not loopback) requires a token: set ${TOKEN_ENV} and send it as "Authorization: Bearer <token>" (or "x-api-key: <token>")`;
}

/**
 * True when no token is configured, or the request carries it: as `Authorization: Bearer`
 * (OpenAI clients) or `x-api-key` (Anthropic clients, whose API key header it is).
 */
export function authorized(authorization: string | undefined, token: string | undefined, apiKey?: string): boolean {
  if (!token) return true;
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  return [bearer, apiKey?.trim()].some((given) => given !== undefined && given !== '' && sameToken(given, token));
}

/**
 * The 401's message, which an agent shows as it is: it names where each kind of user finds
 * the token (the editor's gateway has no LLM_ROUTER_GATEWAY_TOKEN to look up).
 */
export const WRONG_TOKEN_MESSAGE = 'Missing or wrong token: send the gateway\'s token as "Authorization: Bearer <token>" or "x-api-key: <token>"'
  + ` (in VS Code, "LLM Router: Copy Gateway Configuration…" copies it; a standalone gateway's is ${TOKEN_ENV})`;

// Compare digests: equal length, constant time, whatever the caller sent.
const sameToken = (given: string, token: string) => timingSafeEqual(digest(given), digest(token));

const digest = (s: string) => createHash('sha256').update(s).digest();
