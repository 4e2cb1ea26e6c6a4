// A team gateway's address as users type it and as requests need it. Shared by the router
// server in team mode and the extension's Connect command, so both read a URL the same way.
import { withoutTrailingSlashes } from './trailing-slashes';

/**
 * The gateway's base URL ending in `/v1`, from what a user typed: `https://llm.example.com`,
 * `https://llm.example.com/v1/`, `http://10.0.0.5:8787/v1`. Undefined when it is no http(s) URL.
 */
export function teamGatewayBase(typed: string): string | undefined {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined; // a token goes in SecretStorage, never in the URL
  const path = withoutTrailingSlashes(url.pathname);
  url.pathname = path.endsWith('/v1') ? path : `${path}/v1`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The URL of one of the gateway's endpoints, e.g. `router/usage` -> `<base>/router/usage`. */
export function teamGatewayUrl(base: string, endpoint: string, query: Record<string, number | undefined> = {}): string {
  const url = new URL(`${withoutTrailingSlashes(base)}/${endpoint}`);
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
  return url.toString();
}

/** What to tell the user when the team gateway refuses the token. */
export function tokenRefusedMessage(base: string): string {
  return (
    `The team gateway at ${base} refused your token (wrong, expired or revoked). ` +
    'Ask your team admin for a new one, then run "LLM Router: Connect to Team Gateway…".'
  );
}

/** What to tell the user when the team gateway cannot be reached. */
export function unreachableMessage(base: string, cause: string): string {
  return (
    `The team gateway at ${base} cannot be reached (${cause}). Check the address (llmRouter.team.gatewayUrl) and ` +
    'your network or VPN, or run "LLM Router: Disconnect from Team Gateway" to route with your own providers.'
  );
}
