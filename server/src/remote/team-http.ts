// The router server's HTTP client for its team gateway: every request carries the token and
// the caller's workspace, and every failure comes back as a RouterError (team-errors.ts).
import { teamGatewayUrl } from '../../../shared/team-gateway';
import { cancelled } from '../pipeline/errors';
import { fromGatewayAnswer, unreachable } from './team-errors';

/** Reads (usage, history, models) answer in milliseconds; past this the gateway is as good as unreachable. */
export const READ_TIMEOUT_MS = 15_000;

interface Send {
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

export class TeamHttp {
  constructor(
    /** The gateway's base URL, ending in /v1 (shared/team-gateway.ts). */
    readonly base: string,
    private readonly token: string | undefined,
  ) {}

  async getJson<T>(endpoint: string, workspaceId: string | undefined, query: Record<string, number | undefined> = {}): Promise<T> {
    const response = await this.send(teamGatewayUrl(this.base, endpoint, query), { method: 'GET' }, workspaceId, AbortSignal.timeout(READ_TIMEOUT_MS));
    return (await this.json(response)) as T;
  }

  async postJson<T>(endpoint: string, body: unknown, workspaceId: string): Promise<T> {
    const init: Send = { method: 'POST', body: JSON.stringify(body) };
    const response = await this.send(teamGatewayUrl(this.base, endpoint), init, workspaceId, AbortSignal.timeout(READ_TIMEOUT_MS));
    return (await this.json(response)) as T;
  }

  /** A POST whose answer streams: the response once its status is 200 (its body not read yet). */
  async postStream(endpoint: string, body: unknown, workspaceId: string, signal: AbortSignal): Promise<Response> {
    const init: Send = { method: 'POST', body: JSON.stringify(body), headers: { accept: 'text/event-stream' } };
    const response = await this.send(teamGatewayUrl(this.base, endpoint), init, workspaceId, signal);
    if (!response.ok) await this.json(response); // throws the gateway's error
    return response;
  }

  private async send(url: string, init: Send, workspaceId: string | undefined, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {
      ...init.headers,
      'content-type': 'application/json',
      ...(workspaceId === undefined ? {} : { 'x-llm-router-workspace': workspaceId }),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    };
    try {
      return await fetch(url, { ...init, headers, signal });
    } catch (error) {
      throw this.failure(error, signal);
    }
  }

  /** The answer's JSON, or the RouterError its error status stands for. */
  private async json(response: Response): Promise<unknown> {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = { error: { message: text.slice(0, 300) } };
    }
    if (!response.ok) throw fromGatewayAnswer(this.base, response.status, body);
    return body;
  }

  /** A fetch that threw: cancelled by the caller, timed out, or the gateway unreachable. */
  failure(error: unknown, signal: AbortSignal): Error {
    if (signal.aborted && (signal.reason as Error | undefined)?.name !== 'TimeoutError') return cancelled();
    if (signal.aborted) return unreachable(this.base, { message: 'no answer in time', cause: { message: `no answer within ${READ_TIMEOUT_MS / 1000} s` } });
    return unreachable(this.base, error);
  }
}
