// Who is asking, for the endpoints that answer "my usage, my history" (/v1/router/...). One
// small value so the key can change in one place: today the caller is its workspace (the
// `x-llm-router-workspace` header, else the gateway's default); with developer tokens it is
// the developer the token names, and the team that developer belongs to.
import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_WORKSPACE } from './chat-request';
import { invalidRequest } from './http-error';
import type { Principal } from './principal';

export interface Caller {
  /** The workspace the caller's requests count under (and its answers are keyed by today). */
  workspaceId: string;
  /** The developer a token names (set by the gateway from the token, never from a body). */
  developer?: string;
  /** The developer's team, for the team budget next to the caller's own. */
  team?: string;
}

const MAX_WORKSPACE_LENGTH = 512;

/**
 * The caller of a request already authorised: its workspace (http-server.ts fills in the default)
 * and, on a team gateway, the developer and team its token names.
 */
export function callerOf(headers: IncomingHttpHeaders, principal?: Principal): Caller {
  const raw = headers['x-llm-router-workspace'];
  const workspace = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (workspace !== undefined && workspace.length > MAX_WORKSPACE_LENGTH) {
    throw invalidRequest(`Invalid 'x-llm-router-workspace': at most ${MAX_WORKSPACE_LENGTH} characters`, 'x-llm-router-workspace', 'invalid_value');
  }
  return { workspaceId: workspace || DEFAULT_WORKSPACE, ...(principal ?? {}) };
}
